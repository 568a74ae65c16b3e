#!/usr/bin/env bash
# Checks a Windows DLL: it exports exactly the functions the header declares (TIM*, and
# Tencent's callExperimentalAPI), and imports
# only DLLs every Windows has (no libwinpthread/libgcc_s/libstdc++ to ship beside it).
# Usage: scripts/check-exports-windows.sh timconvgroup.dll include/timconvgroup.h
set -euo pipefail
dll=$1 hdr=$2
objdump=${WIN_OBJDUMP:-x86_64-w64-mingw32-objdump}
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

dump=$("$objdump" -p "$dll")
exported=$(awk '/\[Ordinal\/Name Pointer\] Table/{t=1; next} t && /^\t\[/{print $NF; next} t && !/^\t\[/{t=0}' <<<"$dump" | sort -u)
declared=$(grep -oE '^TIM_API[^(]*\b[A-Za-z_][A-Za-z0-9_]*\(' "$hdr" | grep -oE '[A-Za-z_][A-Za-z0-9_]*\($' | tr -d '(' | sort -u)
extra=$(comm -23 <(echo "$exported") <(echo "$declared"))
missing=$(comm -13 <(echo "$exported") <(echo "$declared"))
if [ -z "$extra" ]; then ok "exports only header functions ($(wc -l <<<"$exported") exported)"; else bad "exported but not in the header: $(echo $extra)"; fi
if [ -z "$missing" ]; then ok "every header function is exported ($(wc -l <<<"$declared") declared)"; else bad "declared but not exported: $(echo $missing)"; fi

imports=$(sed -n 's/^\s*DLL Name: //p' <<<"$dump" | sort -u)
allowed='^(KERNEL32|msvcrt|ADVAPI32|ntdll|WS2_32|USER32|bcrypt|WINMM)\.dll$'
notsys=$(grep -viE "$allowed" <<<"$imports" || true)
if [ -z "$notsys" ]; then ok "imports only system DLLs: $(echo $imports)"; else bad "imports DLLs that would have to ship: $(echo $notsys)"; fi
exit $fail
