#!/usr/bin/env bash
# Prints the functions include/timconvgroup.h declares (TIM_API ... name(), one a line, sorted:
# every TIM* function and Tencent's callExperimentalAPI): the list the exports and
# static-archive checks compare against, and the symbols a static archive keeps global.
# Usage: scripts/header-functions.sh [include/timconvgroup.h]
set -euo pipefail
grep -oE '^TIM_API[^(]*\b[A-Za-z_][A-Za-z0-9_]*\(' "${1:-include/timconvgroup.h}" | grep -oE '[A-Za-z_][A-Za-z0-9_]*\($' | tr -d '(' | sort -u
