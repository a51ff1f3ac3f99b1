#!/usr/bin/env bash
# The browser for tests/test_browser.py (playwright cannot download its own browsers here): Debian's or
# Ubuntu's chromium from apt (as root, or with sudo), with a font that has Chinese in it (WenQuanYi Micro
# Hei: 1.6 MB, where Noto CJK is 56 MB) for the page in 中文. Elsewhere, name a Chrome or Chromium of
# your own in CURVEFIT_CHROMIUM and this installs nothing.
set -euo pipefail
browser="${CURVEFIT_CHROMIUM:-/usr/bin/chromium}"
if [ -n "${CURVEFIT_CHROMIUM:-}" ]; then
  [ -x "$browser" ] || { echo "CURVEFIT_CHROMIUM=$browser is not an executable" >&2; exit 1; }
elif [ ! -x "$browser" ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  command -v apt-get >/dev/null || { echo "no apt-get: set CURVEFIT_CHROMIUM to a Chrome or Chromium" >&2; exit 1; }
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
"$browser" --version
