#!/usr/bin/env bash
# System packages the test suite needs, installed from Debian when missing (as root, after apt-get update).
# PostgreSQL: the tests use the server at 127.0.0.1:5432 when one runs, otherwise they start a throwaway
# cluster from the installed binaries, so the server binaries must be present.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  else
    echo "missing system packages: ${need[*]} (install them as root)" >&2
    exit 1
  fi
fi
