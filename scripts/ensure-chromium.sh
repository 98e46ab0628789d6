#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core, which brings no browser of its own.
# Installs it when missing (as root, as on CI and the development machines), or says how to.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); elif sudo -n true 2>/dev/null; then apt_get=(sudo -n apt-get); else
  echo "Browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium' and try again." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq chromium >/dev/null
