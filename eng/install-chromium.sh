#!/usr/bin/env bash
# Installs Debian's Chromium for the web UI's browser tests (tests/Homelab.Web.Tests drives it
# headless through Microsoft.Playwright with ExecutablePath=/usr/bin/chromium; Playwright's own
# browser download is never used). Idempotent: does nothing when /usr/bin/chromium exists.
# Needs root (apt-get); CI images run the build as root.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium.sh: /usr/bin/chromium is missing and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi

# A lock file keeps two parallel builds from running apt-get at the same time.
exec 9>/tmp/homelab-install-chromium.lock
flock 9
if [ -x /usr/bin/chromium ]; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-liberation
test -x /usr/bin/chromium
