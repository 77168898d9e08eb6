#!/usr/bin/env bash
# The shell's terminal tests (test/cli/terminal.test.ts) drive socialsql inside Debian's tmux. Install it
# when missing and we may (root with apt-get); otherwise say how, and let those tests fail loudly.
set -euo pipefail
if command -v tmux >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's tmux for the terminal tests..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null
else
  echo "warning: tmux is not installed; the shell's terminal tests will fail. Install it: apt-get install -y tmux" >&2
fi
