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

# The checking builds of the library (cgocheck2, ASan) each compile SQLite's amalgamation, one
# core for most of a minute on a fresh machine. When `libs` is a step, they are built in the
# background from the end of `deps` on, while vet and the Go tests use the other core; the
# `libs` step waits for them, shows their output, and counts their CPU time as its own.
# The job is detached (not this shell's child), so its CPU time is never counted into the step
# that happens to be running when it ends; it writes its own time and exit code.
prebuild_pid=""; prebuild_log=build/prebuild-libs.log
start_prebuild() {
  mkdir -p build
  rm -f "$prebuild_log" "$prebuild_log.rc"
  ( { time "$MAKE" --no-print-directory libs-check >"$prebuild_log.out" 2>&1; echo $? >"$prebuild_log.rc"; } \
      2>"$prebuild_log" </dev/null & )
  prebuild_pid=started
  echo "(building the checking libraries in the background: make libs-check)"
}
wants_libs=0
for s in "${steps[@]}"; do [ "$s" = libs ] && wants_libs=1; done
if [ "$wants_libs" = 1 ] && [ "${steps[0]}" != deps ]; then start_prebuild; fi

for s in "${steps[@]}"; do
  echo "==> make $s"
  bg_usr=0; bg_sys=0; bg_rc=0; t_wait=$SECONDS
  if [ "$s" = libs ] && [ -n "$prebuild_pid" ]; then
    until [ -s "$prebuild_log.rc" ]; do sleep 1; done
    bg_rc=$(cat "$prebuild_log.rc")
    cat "$prebuild_log.out"
    read -r _ bg_usr bg_sys <"$prebuild_log" 2>/dev/null || { bg_usr=0; bg_sys=0; }
    prebuild_pid=""
  fi
  t_wait_end=$SECONDS
  tf=$(mktemp)
  { time "$MAKE" --no-print-directory "$s" 2>&3 >&4; } 3>&2 4>&1 2>"$tf"
  rc=$?
  [ "$bg_rc" -ne 0 ] && rc=$bg_rc
  read -r wall usr sys <"$tf" 2>/dev/null || { wall=?; usr=0; sys=0; }
  rm -f "$tf"
  cpu=$(awk -v u="$usr" -v s="$sys" -v bu="$bg_usr" -v bs="$bg_sys" 'BEGIN { printf "%.0f", u + s + bu + bs }')
  wall=$(awk -v w="$wall" -v extra="$((t_wait_end - t_wait))" 'BEGIN { printf "%.0f", w + extra }')
  if [ "$rc" -eq 0 ]; then st=PASS; passed+=("$s"); else st=FAIL; failed+=("$s"); fi
  echo "$st: $s (${wall} s, cpu ${cpu} s)"
  lines+=("$(printf '%s  %-20s %5s s  cpu %5s s' "$st" "$s" "$wall" "$cpu")")
  if [ "$s" = deps ] && [ "$wants_libs" = 1 ] && [ -z "$prebuild_pid" ]; then start_prebuild; fi
done

echo
echo "==================== test summary ===================="
for l in "${lines[@]}"; do echo "$l"; done
[ "$wants_libs" = 1 ] && echo "(libs: its checking builds ran in the background from the end of deps on; its time is the wait, its CPU theirs)"
echo "total $((SECONDS - t_all)) s"
echo "steps: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
