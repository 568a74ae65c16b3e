#!/usr/bin/env bash
# Driver of `make check-memory` (RELIABILITY.md, "Memory safety across the boundary").
#
#  1. AddressSanitizer: the library built with `go build -asan` (its C — dispatch.c, SQLite —
#     and its Go code instrumented) loaded by hosts built with -fsanitize=address: the whole C
#     test suite, a few crash/exit rounds, with LeakSanitizer on at exit.
#  2. valgrind (memcheck): the library built with `go build -tags valgrind` (Go's own valgrind
#     support: it tells memcheck about the Go heap and goroutine stacks) and the ordinary test
#     host, on a subset of the C suite (VALGRIND_TESTS="name ..." or "all" to choose), with
#     tests/memory/valgrind.supp for the Go runtime's known false positives.
#     MEMORY_FULL=1 (make soak): the whole suite under valgrind, and the sweep's 16 MiB inputs
#     under ASan too. By default those inputs run in test-c / test-cgocheck2 (and the
#     huge_inputs test under both checkers): under a checker 16 MiB copies cost minutes and reach
#     no code the smaller inputs do not.
#  3. A canary for each: a host that reads a callback string after the callback returned must be
#     reported (so a silent checker cannot pass for a clean run).
# Nothing here asserts a time; timeouts only catch hangs.
set -uo pipefail
cd "$(dirname "$0")/.."
B=build
fail=0
# "asan" (make test), "valgrind" (CI) or both (default: make check-memory, make soak).
only="${1:-all}"
full="${MEMORY_FULL:-}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

t0=$SECONDS
step() { echo "--- [$((SECONDS - t0)) s] $*"; }

if [ "$only" != valgrind ]; then
# ---- 1. AddressSanitizer ---------------------------------------------------------------------
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:exitcode=86"
nohuge=1; [ -n "$full" ] && nohuge=
step "ASan: C test suite (library and host instrumented)"
if ! TCG_SWEEP_NO_HUGE=$nohuge TCG_EXPECT_LIB="$B/asan/libtimconvgroup.so.1" "$B/asan/test_capi" >"$out/asan.txt" 2>&1; then
  grep -E "FAIL|ERROR: |SUMMARY|^    #" "$out/asan.txt" | head -60
  echo "FAIL: the C suite under AddressSanitizer"; fail=1
else
  tail -2 "$out/asan.txt"
fi
if grep -q "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" "$out/asan.txt"; then
  grep -B2 -A25 "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" "$out/asan.txt" | head -80
  echo "FAIL: sanitizer reports in the C suite"; fail=1
fi

step "ASan: crash and exit-under-traffic rounds"
if ! "$B/asan/crash" run --rounds 8 --exit-rounds 8 >"$out/asan-crash.txt" 2>&1 \
   || grep -q "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" "$out/asan-crash.txt"; then
  grep -v "^C \|^G " "$out/asan-crash.txt" | head -60
  echo "FAIL: crash rounds under AddressSanitizer"; fail=1
else
  tail -3 "$out/asan-crash.txt"
fi

step "ASan canary: a use-after-free of a borrowed callback string must be reported"
rm -rf "$out/canary"
"$B/asan/canary" "$out/canary" >"$out/canary.txt" 2>&1
if grep -q "heap-use-after-free" "$out/canary.txt"; then
  echo "canary caught: $(grep -m1 'heap-use-after-free' "$out/canary.txt" | sed 's/^==[0-9]*==//')"
else
  cat "$out/canary.txt"; echo "FAIL: AddressSanitizer did not catch the canary"; fail=1
fi
unset ASAN_OPTIONS

fi

if [ "$only" != asan ]; then
# ---- 2. valgrind -------------------------------------------------------------------------------
if ! command -v valgrind >/dev/null; then
  echo "FAIL: valgrind is not installed (scripts/install-deps.sh memory)"; exit 1
fi
default_tests="null_pointers bad_json deep_json ordering reentrancy_library reentrancy_host host_mode uninit_delivers
  log_callback conversations sweep_states sweep_library"
tests="${VALGRIND_TESTS:-$default_tests}"
[ -n "$full" ] && tests=all
[ "$tests" = all ] && tests=""
# The Go runtime under memcheck, on every CPU:
#  - asyncpreemptoff: Go's signal-based preemption writes below the stack pointer of goroutine
#    stacks, which memcheck cannot tell from a bug; the scheduler still preempts at safe points.
#  - cpu.rdtscp=off: the runtime reads its clock with RDTSCP when CPUID offers it, and valgrind
#    3.19 does not emulate RDTSCP on every CPU (SIGILL in runtime.cputicks on AMD EPYC): this
#    makes the runtime use plain RDTSC, which valgrind does emulate.
vg_godebug="asyncpreemptoff=1,cpu.rdtscp=off"
vg=(valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=no --num-callers=30
    --suppressions=tests/memory/valgrind.supp)

# Can valgrind run the Go runtime here at all? One short program first, so that a checker that
# cannot start says so in one line instead of failing every test with the same crash.
step "valgrind: start-up probe (the Go runtime under memcheck on this CPU)"
rm -rf "$out/probe"
GODEBUG=$vg_godebug LD_LIBRARY_PATH="$B/valgrind" TCG_EXPECT_LIB="$B/valgrind/libtimconvgroup.so.1" \
  timeout 600 "${vg[@]}" "$B/tests/test_capi" uninitialised >"$out/vg-probe.txt" 2>&1
probe_rc=$?
if grep -qE "Process terminating with default action of signal|unhandled instruction|Illegal opcode" "$out/vg-probe.txt" \
   || [ "$probe_rc" -ne 0 ]; then
  why=$(grep -m1 -oE "unhandled instruction bytes: [0-9A-Fa-fx ]{0,40}|signal [0-9]+ \(SIG[A-Z]+\)|Illegal opcode at address 0x[0-9A-F]+" "$out/vg-probe.txt")
  at=$(grep -m1 -oE "at 0x[0-9A-F]+: [^ ]+ \([^)]*\)" "$out/vg-probe.txt")
  echo "FAIL: valgrind $(valgrind --version | sed 's/valgrind-//') cannot run the Go runtime on this CPU ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')): ${why:-exit $probe_rc}${at:+ $at}; the memcheck steps did not run"
  exit 1
fi
echo "valgrind starts the Go runtime: ok"

step "valgrind: C test suite (${tests:-all tests}) against the -tags valgrind library"
# shellcheck disable=SC2086
if ! GODEBUG=$vg_godebug TCG_WAIT_MS=120000 TCG_SWEEP_NO_HUGE=1 LD_LIBRARY_PATH="$B/valgrind" \
     TCG_EXPECT_LIB="$B/valgrind/libtimconvgroup.so.1" "${vg[@]}" "$B/tests/test_capi" $tests >"$out/vg.txt" 2>&1; then
  grep -vE "^\[ (RUN|  OK) " "$out/vg.txt" | grep -v "^    note" | head -120
  echo "FAIL: the C suite under valgrind"; fail=1
else
  tail -2 "$out/vg.txt"
fi
if grep -qE "^==[0-9]+== (Invalid|Conditional|Use of|Syscall param|Source and destination|Mismatched)" "$out/vg.txt"; then
  grep -A20 -E "^==[0-9]+== (Invalid|Conditional|Use of|Syscall param|Source and destination|Mismatched)" "$out/vg.txt" | head -80
  echo "FAIL: valgrind reports"; fail=1
fi

step "valgrind canary: the same use-after-free must be reported"
rm -rf "$out/canary"
GODEBUG=$vg_godebug LD_LIBRARY_PATH="$B/valgrind" "${vg[@]}" "$B/tests/canary" "$out/canary" >"$out/vg-canary.txt" 2>&1
if grep -q "Invalid read" "$out/vg-canary.txt"; then
  echo "canary caught: $(grep -m1 'Invalid read' "$out/vg-canary.txt" | sed 's/^==[0-9]*==//'), $(grep -m1 -A1 'Invalid read' "$out/vg-canary.txt" | tail -1 | sed 's/^==[0-9]*== *//')"
else
  cat "$out/vg-canary.txt"; echo "FAIL: valgrind did not catch the canary"; fail=1
fi

fi

[ "$fail" -eq 0 ] && echo "check-memory ($only): ok ($((SECONDS - t0)) s)"
exit "$fail"
