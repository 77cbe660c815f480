#!/usr/bin/env bash
# Debian packages the test suite needs (browser tests, Word and Excel → PDF rendering, CJK fonts).
# Installs only what is missing; needs root or passwordless sudo. Idempotent and quick when all are present.
set -euo pipefail
PACKAGES=(chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk fonts-wqy-microhei)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "缺少系统软件包：${missing[*]}（非 Debian/Ubuntu 系统，请手动安装）" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
echo "安装系统软件包：${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
