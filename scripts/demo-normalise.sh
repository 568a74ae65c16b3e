#!/usr/bin/env bash
# Normalises the demo's output (stdin -> stdout) for comparing two platforms' runs: CRLF -> LF,
# and the paging cursor (next_seq, derived from the conversations' times) -> N. Nothing else
# may differ.
exec sed -e 's/\r$//' -e 's/next_seq [0-9][0-9]*/next_seq N/g' -e 's/"next_seq":[0-9][0-9]*/"next_seq":N/g'
