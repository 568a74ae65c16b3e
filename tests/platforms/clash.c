/* Linked next to the prelinked static archive (libtimconvgroup.a) in the static demo: a program
 * with its own SQLite and Go-runtime-like names. If the archive exported any of these, the link
 * would fail with "multiple definition"; it must not, and these must stay the program's own. */
#include <stdio.h>
#include <stdlib.h>

int sqlite3_initialize(void) { return 4242; }
const char* sqlite3_libversion(void) { return "the program's own sqlite"; }
int x_cgo_inittls = 7;
void crosscall2(void) {}
void _cgo_panic(void) {}

__attribute__((constructor)) static void check_own_symbols(void) {
    if (sqlite3_initialize() != 4242 || x_cgo_inittls != 7) {
        fprintf(stderr, "clash: the program's own symbols were replaced\n");
        exit(3);
    }
}
