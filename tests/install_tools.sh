#!/usr/bin/env bash
# What the tests start besides Python: a browser for tests/test_browser.py (playwright cannot download its own
# browsers here) and nginx for tests/test_cluster.py. On Debian or Ubuntu, from apt (as root, or with sudo):
# chromium with a font that has Chinese in it (WenQuanYi Micro Hei: 1.6 MB, where Noto CJK is 56 MB) for the
# page in 中文, and nginx. Elsewhere, name a Chrome or Chromium of your own in CURVEFIT_CHROMIUM and an nginx
# in CURVEFIT_NGINX, and this installs nothing.
set -euo pipefail
browser="${CURVEFIT_CHROMIUM:-/usr/bin/chromium}"
nginx="${CURVEFIT_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
missing=()
if [ -n "${CURVEFIT_CHROMIUM:-}" ]; then
  [ -x "$browser" ] || { echo "CURVEFIT_CHROMIUM=$browser is not an executable" >&2; exit 1; }
elif [ ! -x "$browser" ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  missing+=(chromium fonts-wqy-microhei)
fi
if [ -n "${CURVEFIT_NGINX:-}" ]; then
  [ -x "$nginx" ] || { echo "CURVEFIT_NGINX=$nginx is not an executable" >&2; exit 1; }
elif [ ! -x "$nginx" ]; then
  missing+=(nginx)
fi
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || { echo "no apt-get: set CURVEFIT_CHROMIUM and CURVEFIT_NGINX" >&2; exit 1; }
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
"$browser" --version
"${CURVEFIT_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}" -v
