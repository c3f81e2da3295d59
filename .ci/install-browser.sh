#!/usr/bin/env bash
# Install the optional browser fallback: Debian's Chromium (/usr/bin/chromium) and the playwright package.
# Usage: bash .ci/install-browser.sh [VENV]   (VENV defaults to .venv). Safe to run again.
# Playwright is used only with Debian's Chromium: its own browser downloads are never fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if [ -x /usr/bin/chromium ]; then
  echo "install-browser: Chromium already installed ($(/usr/bin/chromium --version 2>/dev/null || echo '?'))"
elif ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: apt-get is not available here; install Chromium as /usr/bin/chromium yourself." \
    "Browser fallback stays off and its tests are skipped."
  exit 0
elif [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
  echo "install-browser: not root and no password-less sudo; cannot apt-get install chromium." \
    "Browser fallback stays off and its tests are skipped."
  exit 0
else
  echo "install-browser: installing Debian's chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "install-browser: no virtualenv at $venv (give its path as the first argument)" >&2
  exit 1
fi
if "$venv/bin/python" -c "import playwright.sync_api" 2>/dev/null; then
  echo "install-browser: playwright already in $venv"
else
  echo "install-browser: installing playwright into $venv"
  "$venv/bin/python" -m pip install -q "playwright>=1.40"
fi
