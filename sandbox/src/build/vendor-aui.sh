#!/usr/bin/env bash
# Vendors AUI (Atlassian User Interface, Apache-2.0) and jQuery from the npm registry into the sandbox's classes, at
# build time: npm pack fetches the published tarballs (npm checks their integrity), tar takes dist/ out of them.
# Usage: vendor-aui.sh AUI_VERSION JQUERY_VERSION WORK_DIR TARGET_DIR
# Without npm, or when the registry cannot be reached, it warns and leaves TARGET_DIR empty: the sandbox then serves
# its own small stylesheet and says so on every page. A second run reuses the tarballs already in WORK_DIR.
set -euo pipefail
aui_version=$1 jquery_version=$2 work=$3 target=$4

if [ -s "$target/aui/aui-prototyping.css" ] && [ -s "$target/jquery/jquery.min.js" ] \
   && [ "$(cat "$target/VERSIONS" 2>/dev/null)" = "aui $aui_version jquery $jquery_version" ]; then
  exit 0
fi
mkdir -p "$work"
aui_tgz="$work/atlassian-aui-$aui_version.tgz"
jquery_tgz="$work/jquery-$jquery_version.tgz"
if [ ! -s "$aui_tgz" ] || [ ! -s "$jquery_tgz" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "[vendor-aui] WARNING: npm not found; the sandbox will use its own stylesheet instead of AUI" >&2
    exit 0
  fi
  if ! (cd "$work" && timeout 300 npm pack --silent --fetch-timeout=60000 --fetch-retries=1 \
          "@atlassian/aui@$aui_version" "jquery@$jquery_version" >/dev/null); then
    echo "[vendor-aui] WARNING: npm pack failed; the sandbox will use its own stylesheet instead of AUI" >&2
    exit 0
  fi
fi
rm -rf "$target"
mkdir -p "$target/aui" "$target/jquery"
tar -xzf "$aui_tgz" -C "$target/aui" --strip-components=3 \
    package/dist/aui/aui-prototyping.css package/dist/aui/aui-prototyping.js package/dist/aui/fonts \
    package/dist/aui/images
tar -xzf "$aui_tgz" -O package/LICENSE > "$target/aui/LICENSE" 2>/dev/null || true
tar -xzf "$jquery_tgz" -C "$target/jquery" --strip-components=2 package/dist/jquery.min.js
tar -xzf "$jquery_tgz" -O package/LICENSE.txt > "$target/jquery/LICENSE.txt" 2>/dev/null || true
echo "aui $aui_version jquery $jquery_version" > "$target/VERSIONS"
echo "[vendor-aui] AUI $aui_version and jQuery $jquery_version vendored into $target"
