#!/usr/bin/env bash
# Driver of `make test-exit` (RELIABILITY.md, "Exit under traffic"): hosts that leave while
# callbacks are still flowing exit cleanly, and the cache they leave is consistent.
#
#  - C: the exit rounds of tests/crash (main returns in library and host dispatch, exit() inside
#    a callback, TIMUninit racing the calling threads) run in `make test-crash`; here one more
#    short series of them only.
#  - Python: the binding's own exit probes (bindings/python/tests/test_exit.py: exit with and
#    without close() while 4 threads write and listeners call back, SystemExit, pending awaits),
#    run with their data kept, then every cache they left is checked.
#  - Mono: the binding's own ExitProbe.exe in its four modes (no Uninit, Uninit, calls in flight,
#    Environment.Exit), each with its own data directory, each checked afterwards.
# "Checked" = `crash check-cache`: PRAGMA integrity_check of every conv.db, then a login through
# the library and the writes the probe had acknowledged (awaited) before exiting all present.
# Timeouts only catch hangs.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build
CRASH=$B/tests/crash
PYTHON=${PYTHON:-/usr/bin/python3} # as bindings/python/Makefile
export LD_LIBRARY_PATH="$B${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fail=0
work=$B/exit-probes
rm -rf "$work"
mkdir -p "$work"

check() { # check DATA_DIR ARGS...: consistency of the cache a probe left behind
  if "$CRASH" check-cache "$@"; then :; else echo "FAIL: cache left by the probe in $1"; fail=1; fi
}

echo "--- C host: exit rounds under traffic (more in make test-crash)"
"$CRASH" run --rounds 0 --exit-rounds 8 --dir "$work/c" || fail=1

echo "--- Python: the binding's exit probes, caches kept and checked"
if [ -f bindings/python/Makefile ] && "$PYTHON" -c "import pytest" 2>/dev/null; then
  if (cd bindings/python && TIMCONVGROUP_REQUIRE_LIBRARY=1 timeout 600 "$PYTHON" -m pytest -q -p no:cacheprovider \
        --basetemp="$work/python" tests/test_exit.py \
        -k "exit_without_close or exit_after_close or systemexit or pending_awaits or data_survives"); then
    n=0
    for d in "$work"/python/*/d; do
      [ -d "$d" ] && [ ! -L "${d%/d}" ] || continue # pytest's "...current" links repeat a folder
      n=$((n + 1))
      case "$d" in
        */test_exit_with_pending_awai*) check "$d" --app 0 --user me --min-convs 100 --conv c2c_u0 --conv c2c_u99 ;;
        */test_data_survives_exit_wi*) check "$d" --app 0 --user me --conv c2c_keep --group kept ;;
        *) check "$d" --app 0 --user me --min-convs 200 --conv c2c_u0 --conv c2c_u199 --group g ;;
      esac
    done
    if [ "$n" -lt 5 ]; then echo "FAIL: expected the caches of at least 5 Python exit probes, found $n"; fail=1; fi
  else
    echo "FAIL: the Python exit probes"; fail=1
  fi
else
  echo "Python binding or pytest missing: skipped"
fi

echo "--- Mono: the binding's ExitProbe.exe, caches kept and checked"
if [ -f bindings/csharp/Makefile ] && command -v mono >/dev/null; then
  if make --no-print-directory -C bindings/csharp bin/ExitProbe.exe >/dev/null; then
    for mode in no-uninit uninit in-flight environment-exit; do
      d="$work/mono-$mode"
      if timeout 120 mono bindings/csharp/bin/ExitProbe.exe "$mode" "$d" >"$d.out" 2>&1; then
        echo "mono $mode: exited by itself ($(tail -1 "$d.out"))"
        args=(--app 1 --user exit-probe --min-convs 50 --group g)
        for i in 0 1 25 49; do args+=(--conv "c2c_u$i"); done
        check "$d" "${args[@]}"
      else
        rc=$?; echo "FAIL: mono $mode: rc=$rc (124 = still running after 120 s)"; cat "$d.out"; fail=1
      fi
    done
  else
    echo "FAIL: building ExitProbe.exe"; fail=1
  fi
else
  echo "C# binding or mono missing: skipped"
fi

[ "$fail" -eq 0 ] && { echo "test-exit: ok"; rm -rf "$work"; }
exit "$fail"
