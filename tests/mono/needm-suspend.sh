#!/bin/sh
# Pure C reproduction of the Mono/Boehm stop-the-world hang (docs/mono-gc-hang.md): runs
# needm_suspend.c against build/libtimconvgroup.so up to RUNS times (default 5, SECONDS each,
# default 20). When a suspend is never acknowledged it records every thread's stack with gdb
# (OUT, default /tmp/tcg-needm) and prints the key frames. LIBDIR picks another build of the
# library (default build/). Exit 1 if it hung. Not in make test.
RUNS=${1:-5}
SECONDS_PER_RUN=${2:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-/tmp/tcg-needm}
mkdir -p "$OUT"
cc -O2 -Wall -I"$ROOT/include" -o "$OUT/needm_suspend" "$ROOT/tests/mono/needm_suspend.c" \
  -L"${LIBDIR:-$ROOT/build}" -ltimconvgroup -lpthread || exit 2
LIBDIR=${LIBDIR:-$ROOT/build}
export LD_LIBRARY_PATH="$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
i=1
while [ "$i" -le "$RUNS" ]; do
  "$OUT/needm_suspend" "$SECONDS_PER_RUN" 8 >"$OUT/run$i.out" 2>&1 &
  pid=$!
  t=0
  while kill -0 "$pid" 2>/dev/null && ! grep -q HANG "$OUT/run$i.out" && [ "$t" -lt $((SECONDS_PER_RUN + 60)) ]; do
    sleep 1; t=$((t + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    cat "$OUT/run$i.out"
    gdb -p "$pid" -batch -ex 'thread apply all bt' >"$OUT/run$i.gdb" 2>&1
    kill -9 "$pid"; wait "$pid" 2>/dev/null
    echo "run $i: HANG; stacks in $OUT/run$i.gdb; key frames:"
    grep -E 'lockextra|newextram|on_suspend|sigsuspend' "$OUT/run$i.gdb" | sed 's/^/  /' | sort | uniq -c
    exit 1
  fi
  wait "$pid"; echo "run $i: $(tail -1 "$OUT/run$i.out")"
  i=$((i + 1))
done
exit 0
