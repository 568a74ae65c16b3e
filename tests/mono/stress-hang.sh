#!/bin/sh
# Loops the C# binding's StressTests.EightThreadsTogether under a timeout and, when a run
# hangs, records every thread's stack with gdb before killing it. Not part of make test.
#   tests/mono/stress-hang.sh [RUNS] [TIMEOUT_SECONDS]     (default 30 runs, 60 s)
# Environment: LIBDIR=folder of libtimconvgroup.so.1 (default build/); OUT=folder for the logs
# (default /tmp/tcg-mono-hang); MONO_THREADS_SUSPEND=preemptive|hybrid|coop goes to Mono (the
# hang needs preemptive: docs/mono-gc-hang.md). Needs make lib and the test build first:
#   make lib && make -C bindings/csharp build bin/TimConvGroup.Tests.dll
# Prints one line per run and a summary; exits 1 if any run hung.
RUNS=${1:-30}
TMO=${2:-60}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$ROOT/bindings/csharp/bin"
OUT=${OUT:-/tmp/tcg-mono-hang}
TEST=${TEST:-TimConvGroup.Tests.StressTests.EightThreadsTogether}
mkdir -p "$OUT"
LIBDIR=${LIBDIR:-$ROOT/build}
export LD_LIBRARY_PATH="$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
hung=0 ok=0 failed=0
i=1
while [ "$i" -le "$RUNS" ]; do
  log="$OUT/run$i.log"
  (cd "$BIN" && exec nunit-console -nologo -nodots -run="$TEST" TimConvGroup.Tests.dll) >"$log" 2>&1 &
  pid=$!
  t=0
  while kill -0 "$pid" 2>/dev/null && [ "$t" -lt "$TMO" ]; do sleep 1; t=$((t + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    hung=$((hung + 1))
    # nunit-console is a shell script that execs mono: $pid is the mono process.
    gdb -p "$pid" -batch -ex 'info threads' -ex 'thread apply all bt' >"$OUT/run$i.gdb" 2>&1
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo "run $i: HANG after ${TMO}s (stacks: $OUT/run$i.gdb)"
  elif wait "$pid"; then
    ok=$((ok + 1)); echo "run $i: ok (${t}s)"
  else
    failed=$((failed + 1)); echo "run $i: FAILED (log: $log)"
  fi
  i=$((i + 1))
done
echo "summary: runs=$RUNS ok=$ok failed=$failed hung=$hung suspend=${MONO_THREADS_SUSPEND:-default}"
[ "$hung" -eq 0 ]
