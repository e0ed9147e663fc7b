#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing. Usage: setup-system.sh build|test|venv
#   build: CJK fonts for the PDFs, HarfBuzz subsetting (WeasyPrint is ~50x slower without it),
#          Graphviz (dot draws the flowcharts as SVG at build time)
#   test:  build + poppler-utils (pdftotext, pdftoppm) and Chromium for the browser test
set -euo pipefail

case "${1:-build}" in
  build) packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 graphviz) ;;
  test)  packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 graphviz poppler-utils chromium) ;;
  venv)  packages=(python3-venv) ;;
  *) echo "usage: $0 build|test|venv" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
