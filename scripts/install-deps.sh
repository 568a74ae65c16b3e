#!/usr/bin/env bash
# Installs what `make demo`, `make test` and the bindings need and a fresh machine of this
# project's kind (Debian 12 + Go + gcc) lacks. Idempotent: does nothing when all is present.
# Usage: scripts/install-deps.sh [c|csharp|python|memory|bench|sync|platforms|all]   (default: all)
# "platforms" (cross toolchains, Wine and qemu for `make platforms` / `make test-platforms`,
# about 1.6 GB) is not part of "all".
set -euo pipefail
want="${1:-all}"

pkgs=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || pkgs+=("$1"); }

case "$want" in c|all|csharp|python|memory|bench) need gcc; need make; need pkg-config ;; esac
case "$want" in csharp|all) need mono-devel; need nunit-console; need libnunit-cil-dev; need libnewtonsoft-json-cil-dev ;; esac
case "$want" in python|all) need python3-pytest; need python3-hypothesis; need python3-build; need python3-wheel; need python3-setuptools; need mypy ;; esac
case "$want" in memory|all) need valgrind ;; esac
case "$want" in bench|all) need libsqlite3-dev; need linux-perf ;; esac
case "$want" in sync|all) need postgresql ;; esac
case "$want" in platforms)
  need gcc; need make
  need gcc-mingw-w64-x86-64; need wine; need wine64
  need qemu-user; need gcc-aarch64-linux-gnu; need gcc-arm-linux-gnueabihf
  need libc6-dev-arm64-cross; need libc6-dev-armhf-cross ;;
esac

if [ "${#pkgs[@]}" -gt 0 ]; then
  echo "install-deps: installing ${pkgs[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  echo "install-deps: note: Go is at /usr/local/go/bin; add it to PATH" >&2
fi
