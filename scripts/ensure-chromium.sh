#!/usr/bin/env bash
# The OAuth desktop-flow tests drive Debian's Chromium (never a downloaded browser). Install it when
# missing and we may (root with apt-get); otherwise say how, and let those tests fail loudly.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "warning: chromium is not installed; the OAuth browser tests will fail. Install it: apt-get install -y chromium" >&2
fi
