#!/usr/bin/env bash
# Installs everything Basin's build, demo and tests need: Debian packages through apt-get and
# the npm packages used as test oracles into tests/node/node_modules (ignored by git).
# Idempotent and quiet when everything is already there.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debian_packages=(
  build-essential cmake ninja-build ccache pkg-config
  libgtest-dev libgmock-dev
  libsnappy-dev libzstd-dev liblz4-dev zlib1g-dev
  libsimdjson-dev nlohmann-json3-dev libcli11-dev
  libcurl4-openssl-dev libssl-dev awscli
  libsqlite3-dev libre2-dev libyaml-cpp-dev
  libpq-dev postgresql-15 postgresql-client-15
  libmariadb-dev mariadb-server mariadb-client
  clang libclang-rt-14-dev
  time
)
# Node.js (with npm) runs the test oracles; a machine may already have it from another source.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  debian_packages+=(nodejs npm)
fi

missing=()
for package in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages for tests only (oracles and clients), pinned in tests/node/package.json.
node_dir="$repo_root/tests/node"
if [[ ! -d "$node_dir/node_modules/@duckdb/node-api" || ! -d "$node_dir/node_modules/s3rver" ]]; then
  echo "install-deps: installing npm test packages into tests/node/node_modules"
  (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
