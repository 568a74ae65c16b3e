#!/usr/bin/env bash
# Checks a prelinked static archive (the form iOS and static Linux links need): its only global
# defined symbols are the header's functions (TIM*, callExperimentalAPI) (no sqlite3_*, _cgo_*, Go runtime, no common
# symbols that could merge with another library's), so it cannot clash with other code linked
# into the same program.
# Usage: scripts/check-static-archive.sh ARCHIVE include/timconvgroup.h [NM]
set -euo pipefail
ar="$1"
hdr="${2:-include/timconvgroup.h}"
nm="${3:-nm}"
fail=0
ok()  { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; fail=1; }

declared=$("$(dirname "$0")/header-functions.sh" "$hdr")
# nm -g prints "addr TYPE name" for defined and "  U name" / "w name" for undefined/weak refs.
globals=$("$nm" -g "$ar" | awk 'NF==3 {print $2, $3}')
defined=$(awk '$1 !~ /^[Uwv]$/ && $1 != "C" {print $2}' <<<"$globals" | sort -u)
common=$(awk '$1 == "C" {print $2}' <<<"$globals" | sort -u)
members=$("${nm%nm}ar" t "$ar" 2>/dev/null | wc -l || echo "?")

[ "$members" = 1 ] && ok "one prelinked object in the archive" || bad "archive has $members members (want 1 prelinked object)"
if [ -z "$common" ]; then ok "no common symbols"; else bad "common symbols: $(tr '\n' ' ' <<<"$common")"; fi
others=$(comm -13 <(echo "$declared") <(echo "$defined"))
missing=$(comm -23 <(echo "$declared") <(echo "$defined"))
if [ -z "$others" ]; then ok "only the header's functions are global ($(wc -l <<<"$defined") symbols)"
else bad "$(wc -l <<<"$others") other global symbols, e.g. $(head -10 <<<"$others" | tr '\n' ' ')"; fi
if [ -z "$missing" ]; then ok "all $(wc -l <<<"$declared") header functions are defined"
else bad "declared but not defined: $(tr '\n' ' ' <<<"$missing")"; fi
exit $fail
