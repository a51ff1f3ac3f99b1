#!/usr/bin/env bash
# Debian's chromium for tests/test_browser.py (playwright cannot download its own browsers here), and a
# font with Chinese in it (WenQuanYi Micro Hei: 1.6 MB, where Noto CJK is 56 MB) for the page in 中文.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh | grep -q .; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
/usr/bin/chromium --version
