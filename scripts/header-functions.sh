#!/usr/bin/env bash
# Prints the functions include/timconvgroup.h declares (TIM_API ... TIMName(), one a line, sorted:
# the list the exports and static-archive checks compare against.
# Usage: scripts/header-functions.sh [include/timconvgroup.h]
set -euo pipefail
grep -oE '^TIM_API[^(]*\b(TIM[A-Za-z0-9_]+)\(' "${1:-include/timconvgroup.h}" | grep -oE 'TIM[A-Za-z0-9_]+\($' | tr -d '(' | sort -u
