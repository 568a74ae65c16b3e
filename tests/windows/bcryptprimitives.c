/*
 * bcryptprimitives.c — a TEST-ONLY stand-in for Windows' bcryptprimitives.dll, for Wine 8, which
 * lacks it. Go's Windows runtime loads bcryptprimitives.dll!ProcessPrng at start and stops
 * ("fatal error: bcryptprimitives.dll not found") when it is missing; Windows 10 and later
 * always have it. `make test-platform-windows` builds this and copies it into its own Wine
 * prefix under build/ only. Never ship it, never install it anywhere else.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
