#!/bin/sh
# Install Debian's Chromium for the browser tests (tests/web, marked "browser").
# Playwright drives it through executable_path=/usr/bin/chromium: no browser download needed.
# As root on Debian it installs the package when missing; anywhere else it says what is needed
# and exits 0, so that it can run unconditionally from a Makefile or CI script.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install-chromium: $CHROMIUM is already installed."
    exit 0
fi

if [ ! -r /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: this is not Debian; install a Chromium at $CHROMIUM" \
        "to run the browser tests (pytest -m browser)."
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-chromium: not root; run 'sudo apt-get update &&" \
        "sudo apt-get install -y chromium' to run the browser tests (pytest -m browser)."
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
echo "install-chromium: installed $($CHROMIUM --version 2>/dev/null || echo chromium)."
