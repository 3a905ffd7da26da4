#!/usr/bin/env bash
# Installs the Debian packages the product needs when any is missing: PostgreSQL and Redis run as
# local processes, Chromium drives the browser tests, Noto CJK renders Chinese in screenshots.
source "$(dirname "$0")/lib.sh"

packages=(postgresql redis-server chromium fonts-noto-cjk python3-venv)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

say "installing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
# policy-rc.d keeps apt from starting the system-wide services: the product runs its own.
DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
