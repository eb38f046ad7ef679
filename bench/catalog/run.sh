#!/usr/bin/env bash
# Builds basin and catalog_bench, then measures catalog operations per second and the process
# time of `basin catalog table DB.T` on a catalog of 10,000 tables. Usage:
#   bench/catalog/run.sh [BUILD_DIR]      (default: build)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target basin catalog_bench >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build/bench/catalog_bench" --dir "$work" --basin "$build/basin"
