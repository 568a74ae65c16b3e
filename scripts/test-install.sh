#!/usr/bin/env bash
# Installs into a temporary prefix and builds a tiny program with
# `pkg-config --cflags --libs timconvgroup`, then runs it against the installed library.
set -euo pipefail
cd "$(dirname "$0")/.."
MAKE="${MAKE:-make}"
prefix=$(mktemp -d /tmp/timconvgroup-install.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
fail=0
ok()  { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; fail=1; }

"$MAKE" --no-print-directory install PREFIX="$prefix" >/dev/null
version=$(sed -n 's/^#define TIMCONVGROUP_VERSION "\(.*\)"/\1/p' include/timconvgroup.h)

[ -f "$prefix/lib/libtimconvgroup.so.$version" ] && ok "lib/libtimconvgroup.so.$version" || bad "lib/libtimconvgroup.so.$version missing"
[ "$(readlink "$prefix/lib/libtimconvgroup.so.1")" = "libtimconvgroup.so.$version" ] && ok "libtimconvgroup.so.1 -> libtimconvgroup.so.$version" || bad "libtimconvgroup.so.1 link"
[ "$(readlink "$prefix/lib/libtimconvgroup.so")" = "libtimconvgroup.so.1" ] && ok "libtimconvgroup.so -> libtimconvgroup.so.1" || bad "libtimconvgroup.so link"
[ -f "$prefix/include/timconvgroup.h" ] && ok "include/timconvgroup.h" || bad "include/timconvgroup.h missing"
[ -f "$prefix/lib/pkgconfig/timconvgroup.pc" ] && ok "lib/pkgconfig/timconvgroup.pc" || bad "timconvgroup.pc missing"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pcprefix=$(pkg-config --variable=prefix timconvgroup)
[ "$pcprefix" = "$prefix" ] && ok "pkg-config prefix $pcprefix" || bad "pkg-config prefix '$pcprefix' != '$prefix'"
pcversion=$(pkg-config --modversion timconvgroup)
[ "$pcversion" = "$version" ] && ok "pkg-config version $pcversion" || bad "pkg-config version '$pcversion'"

cat >"$prefix/smoke.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <timconvgroup.h>
int main(void) {
    const char* v = TIMGetSDKVersion();
    int r = TIMConvGetConvList(NULL, NULL); /* not initialised */
    printf("version %s, uninit call %d\n", v, r);
    return (strcmp(v, TIMCONVGROUP_VERSION) == 0 && r == TIM_ERR_SDKUNINIT) ? 0 : 1;
}
C
# shellcheck disable=SC2046
if gcc -o "$prefix/smoke" "$prefix/smoke.c" $(pkg-config --cflags --libs timconvgroup) 2>"$prefix/err"; then
  ok "compiled with \`pkg-config --cflags --libs timconvgroup\`"
  needed=$(readelf -d "$prefix/smoke" | sed -n 's/.*(NEEDED).*\[\(libtimconvgroup[^]]*\)\]/\1/p')
  [ "$needed" = "libtimconvgroup.so.1" ] && ok "program needs $needed" || bad "program needs '$needed'"
  if out=$(LD_LIBRARY_PATH="$prefix/lib" "$prefix/smoke"); then ok "ran: $out"; else bad "smoke program failed: $out"; fi
else
  bad "compile failed: $(head -5 "$prefix/err")"
fi
exit $fail
