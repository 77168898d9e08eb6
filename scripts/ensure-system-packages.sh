#!/usr/bin/env bash
# The Debian packages some tests need, installed when missing and we may (root with apt-get):
#   chromium                 the OAuth browser tests (playwright-core drives it; never a downloaded browser)
#   postgresql(-client)      the PostgreSQL sync tests and `serve`'s psql tests (a throwaway server each)
#   libpostgresql-jdbc-java  `serve`'s JDBC client test (the driver BI tools use)
#   tmux                     the shell tests in a real terminal
# Otherwise it says what is missing; tests that need it then skip (saying why) or fail loudly.
set -euo pipefail
missing=()
need() { # need <package> <path-or-command>...
  local package=$1; shift
  for probe in "$@"; do
    if [ -e "$probe" ] || command -v "$probe" >/dev/null 2>&1; then return 0; fi
  done
  missing+=("$package")
}
need chromium chromium
need postgresql /usr/lib/postgresql/15/bin/initdb initdb
need postgresql-client psql
need libpostgresql-jdbc-java /usr/share/java/postgresql.jar
need tmux tmux
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "warning: missing Debian packages: ${missing[*]} (apt-get install -y ${missing[*]}); the tests that need them skip or fail" >&2
fi
