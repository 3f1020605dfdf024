#!/usr/bin/env bash
# Runs every benchmark built in BUILD/bench/ with its defaults (`make bench`). Speed and
# memory targets are measured here, not in timed tests. Each benchmark prints its own table;
# run one alone with --help-less defaults or its documented flags (see the top of its .cpp).
set -uo pipefail
build="${1:-build}"
status=0
for exe in "$build"/bench/bench_*; do
  [ -x "$exe" ] || continue
  echo "=== $(basename "$exe")"
  /usr/bin/time -f "(peak RSS %M KB, %e s)" "$exe" || status=1
  echo
done
exit $status
