#!/usr/bin/env bash
# Debian's chromium for tests/test_browser.py: playwright cannot download its own browsers here.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
