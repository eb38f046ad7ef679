#!/usr/bin/env bash
# The runner must notice failures: each file under failing/ has exactly one record that must
# fail, so basin_slt exits 1 and reports 1 failure for it.
set -euo pipefail
slt="${1:?path of basin_slt}"
here="$(cd "$(dirname "$0")" && pwd)"
for file in "$here"/failing/*.slt; do
  set +e
  output="$("$slt" "$file" 2>&1)"
  code=$?
  set -e
  if [[ $code -ne 1 ]] || ! grep -q ", 1 failed" <<< "$output"; then
    echo "expected exactly one failure (exit 1) from $file, got exit $code:"
    echo "$output"
    exit 1
  fi
done
echo "runner self test: ok"
