#!/usr/bin/env bash
# The PostgreSQL sync tests start a throwaway server from Debian's binaries (initdb, pg_ctl). Install
# them when missing and we may (root with apt-get); otherwise say so: those tests then skip, saying why.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the sync tests..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >/dev/null
else
  echo "warning: PostgreSQL is not installed; the PostgreSQL sync tests will be skipped. Install it: apt-get install -y postgresql postgresql-client" >&2
fi
