#!/usr/bin/env bash
# Checks the dynamic symbol table and soname of the library:
#   - every defined dynamic symbol begins with TIM, or is callExperimentalAPI (Tencent's name for
#     its experimental entry point, which Tencent's Unity layer calls at start-up): no sqlite3_*,
#     _cgo_*, Go runtime helpers or internal Go exports;
#   - every function declared in the header is exported, and nothing else;
#   - the soname is libtimconvgroup.so.1;
#   - the header compiles as C99/C11 (pedantic) and, when g++ exists, as C++.
# Usage: scripts/check-exports.sh build/libtimconvgroup.so.1 include/timconvgroup.h
set -euo pipefail
lib="${1:-build/libtimconvgroup.so.1}"
hdr="${2:-include/timconvgroup.h}"
fail=0
ok()  { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; fail=1; }

defined=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sort -u)
others=$(grep -Ev '^(TIM|callExperimentalAPI$)' <<<"$defined" || true)
if [ -z "$others" ]; then ok "only TIM* symbols and callExperimentalAPI are exported ($(wc -l <<<"$defined") symbols)"
else bad "other symbols exported: $(head -20 <<<"$others" | tr '\n' ' ')"; fi
if grep -q '^sqlite3_' <<<"$defined"; then bad "sqlite3_* symbols exported"; else ok "no sqlite3_* symbols"; fi
if grep -Eq '^(_cgo_|x_cgo_|crosscall)' <<<"$defined"; then bad "cgo helper symbols exported"; else ok "no cgo helper symbols"; fi

declared=$(grep -oE '^TIM_API[^(]*\b(TIM[A-Za-z0-9_]+|callExperimentalAPI)\(' "$hdr" | grep -oE '(TIM[A-Za-z0-9_]+|callExperimentalAPI)\($' | tr -d '(' | sort -u)
missing=$(comm -23 <(echo "$declared") <(echo "$defined"))
extra=$(comm -13 <(echo "$declared") <(echo "$defined"))
if [ -z "$missing" ]; then ok "all $(wc -l <<<"$declared") header functions are exported"
else bad "declared but not exported: $(tr '\n' ' ' <<<"$missing")"; fi
if [ -z "$extra" ]; then ok "no export outside the header"
else bad "exported but not declared: $(tr '\n' ' ' <<<"$extra")"; fi

soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
if [ "$soname" = "libtimconvgroup.so.1" ]; then ok "soname $soname"; else bad "soname is '$soname'"; fi

hver=$(sed -n 's/^#define TIMCONVGROUP_VERSION "\(.*\)"/\1/p' "$hdr")
gver=$(sed -n 's/^const Version = "\(.*\)"/\1/p' "$(dirname "$hdr")/../core/tim/tim.go" 2>/dev/null || true)
if [ -n "$hver" ] && [ "$hver" = "$gver" ]; then ok "version $hver in the header and in core/tim"
else bad "version mismatch: header '$hver', core/tim '$gver'"; fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#include "timconvgroup.h"\nint main(void){return TIMGetSDKVersion()==0;}\n' >"$tmp/h.c"
for std in c99 c11; do
  if gcc -std=$std -Wall -Wextra -pedantic -Werror -fsyntax-only -I"$(dirname "$hdr")" "$tmp/h.c" 2>"$tmp/err"; then
    ok "header compiles cleanly as $std -pedantic"
  else bad "header does not compile as $std: $(head -5 "$tmp/err")"; fi
done
if command -v g++ >/dev/null 2>&1; then
  cp "$tmp/h.c" "$tmp/h.cpp"
  if g++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -I"$(dirname "$hdr")" "$tmp/h.cpp" 2>"$tmp/err"; then
    ok "header compiles cleanly as C++11"
  else bad "header does not compile as C++11: $(head -5 "$tmp/err")"; fi
else
  echo "  skip header as C++ (no g++)"
fi
exit $fail
