#!/usr/bin/env bash
# System packages the test suite needs: Debian's PostgreSQL server (the tests start their own
# throwaway server on loopback). Installs only what is missing; a no-op where it is present.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: no apt-get here; install a PostgreSQL server yourself or the PostgreSQL tests are skipped" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
