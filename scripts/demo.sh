#!/usr/bin/env bash
# The walkthrough `make demo` runs. Usage: scripts/demo.sh PATH/TO/basin
set -euo pipefail
basin="${1:?usage: demo.sh PATH/TO/basin}"
echo "basin is built: $("$basin" --version)"
