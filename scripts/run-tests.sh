#!/usr/bin/env bash
# Driver of `make test`: runs every check, prints one PASS/FAIL line per step, and exits
# non-zero when any step failed. Each step is a make target, so one can be re-run alone
# (e.g. `make test-c`). Set TEST_STEPS="vet test-c" to run a subset. The last six steps are the
# short, bounded reliability checks of RELIABILITY.md (`make soak` runs the heavy versions).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
MAKE="${MAKE:-make}"

steps=(deps vet test-go test-sync lib test-c test-cgocheck2 test-exports test-install test-csharp test-python
       test-go-cgocheck2 fuzz-short test-crash test-soak check-memory test-exit)
if [ -n "${TEST_STEPS:-}" ]; then read -r -a steps <<<"$TEST_STEPS"; fi

passed=(); failed=()
for s in "${steps[@]}"; do
  echo "==> make $s"
  t0=$SECONDS
  if "$MAKE" --no-print-directory "$s"; then
    echo "PASS: $s ($((SECONDS - t0)) s)"; passed+=("$s")
  else
    echo "FAIL: $s ($((SECONDS - t0)) s)"; failed+=("$s")
  fi
done

echo
echo "==================== test summary ===================="
for s in "${passed[@]}"; do echo "PASS  $s"; done
for s in "${failed[@]}"; do echo "FAIL  $s"; done
echo "${#passed[@]} steps passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
