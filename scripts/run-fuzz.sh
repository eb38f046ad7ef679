#!/usr/bin/env bash
# Runs one libFuzzer target for a while over its seed corpus.
# Usage: scripts/run-fuzz.sh NAME SECONDS [FUZZ_BUILD_DIR]   e.g. run-fuzz.sh parquet_fuzz 600
# With BASIN_FUZZ_RUNS=N the run is reproducible instead: a fixed seed and N inputs (the test
# suite does this, so a test run never fails on an input no earlier run could have found).
# New inputs go to a temporary folder, so the seed corpus in the repo is never modified; a
# crash leaves its input in the current folder (crash-*) and fails the run.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?usage: run-fuzz.sh NAME SECONDS [FUZZ_BUILD_DIR]}"
seconds="${2:-60}"
build_dir="${3:-$repo_root/build-fuzz}"
binary="$build_dir/tests/fuzz/$name"
if [[ ! -x "$binary" ]]; then
  echo "run-fuzz: $binary is missing; build it with 'make fuzz'" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seeds="$repo_root/tests/fuzz/corpus/${name%_fuzz}"
corpora=("$work")
[[ -d "$seeds" ]] && corpora+=("$seeds")
limits=(-max_total_time="$seconds")
[[ -n "${BASIN_FUZZ_RUNS:-}" ]] && limits=(-seed=1 -runs="$BASIN_FUZZ_RUNS")
# rss_limit bounds memory so an allocation sized by an unchecked number is caught.
"$binary" "${limits[@]}" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  "${corpora[@]}" 2>&1 | tail -n 25
