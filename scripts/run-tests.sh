#!/usr/bin/env bash
# Driver of `make test` (and of `make test-ci`): runs every step, prints one PASS/FAIL line per
# step with its wall-clock and CPU time, a summary, and exits non-zero when any step failed.
# Each step is a make target, so one can be re-run alone (e.g. `make test-c`).
#   TEST_STEPS="vet test-c"   run these steps instead
#   TEST_SUITE=ci             the steps of `make test-ci` (CI): `make test`'s, then the long ones
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
MAKE="${MAKE:-make}"

# A newcomer's `make test`: everything that catches a bug in minutes (README, "Two commands").
steps=(deps vet test-go test-sync libs test-c test-compat test-cgocheck2 test-exports test-constants
       test-install test-csharp test-python test-crash test-soak check-asan test-exit)
# What CI adds on every change: the C suite under valgrind (the second memory checker), fuzzing
# from the committed corpora, the Go tests with full cgo pointer checks (go-sqlite3's cgo; the
# library's own boundary is test-cgocheck2, above), and the platform suites (the Windows DLL
# under Wine, Linux arm64/armv7 under qemu-user), and `make demo-sync` as a newcomer runs it
# (two devices converge through the backend; test-python runs the same script, this the target).
ci_steps=(check-valgrind fuzz-short test-go-cgocheck2 demo-sync deps-platforms test-platforms)
if [ "${TEST_SUITE:-}" = ci ]; then steps+=("${ci_steps[@]}"); fi
if [ -n "${TEST_STEPS:-}" ]; then read -r -a steps <<<"$TEST_STEPS"; fi

passed=(); failed=(); lines=()
TIMEFORMAT='%R %U %S'
t_all=$SECONDS
for s in "${steps[@]}"; do
  echo "==> make $s"
  tf=$(mktemp)
  { time "$MAKE" --no-print-directory "$s" 2>&3 >&4; } 3>&2 4>&1 2>"$tf"
  rc=$?
  read -r wall usr sys <"$tf" 2>/dev/null || { wall=?; usr=0; sys=0; }
  rm -f "$tf"
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.0f", u + s }')
  wall=$(awk -v w="$wall" 'BEGIN { printf "%.0f", w }')
  if [ "$rc" -eq 0 ]; then st=PASS; passed+=("$s"); else st=FAIL; failed+=("$s"); fi
  echo "$st: $s (${wall} s, cpu ${cpu} s)"
  lines+=("$(printf '%s  %-20s %5s s  cpu %5s s' "$st" "$s" "$wall" "$cpu")")
done

echo
echo "==================== test summary ===================="
for l in "${lines[@]}"; do echo "$l"; done
echo "total $((SECONDS - t_all)) s"
echo "steps: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
