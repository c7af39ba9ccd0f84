#!/usr/bin/env bash
# Installs code-server (the real VS Code server and web workbench) from the npm registry into the
# project's cache folder, the way @vscode/test-electron keeps VS Code in .vscode-test/.
# It is not a devDependency: it is large (300 MB) and slow (about 90 s) to install.
#   scripts/install-code-server.sh [version]   (default 4.100.3 = VS Code 1.100.3 on Node 20)
# Prints the package folder on its last line.
set -euo pipefail
VER=${1:-${CODE_SERVER_VERSION:-4.100.3}}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=$ROOT/.cache/code-server-$VER
PKG=$DEST/node_modules/code-server
if [ -f "$PKG/lib/vscode/out/server-main.js" ] && [ -f "$DEST/.complete" ]; then echo "$PKG"; exit 0; fi
mkdir -p "$DEST/tmp"
export TMPDIR=$DEST/tmp
# @vscode/ripgrep (code-server 4.100.x) downloads rg in its postinstall; seed its cache with Debian's rg.
if command -v rg >/dev/null; then
  for rv in 1.15.9 1.15.10 1.15.11 1.15.13 1.15.14; do
    d=$TMPDIR/vscode-ripgrep-cache-$rv; mkdir -p "$d"
    for tag in v13.0.0-10 v13.0.0-13 v13.0.0-4; do
      [ -f "$d/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" ] || tar czf "$d/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
    done
  done
else
  echo "install-code-server: ripgrep (rg) is missing; install Debian's ripgrep first" >&2; exit 1
fi
export npm_config_unsafe_perm=true                   # code-server's postinstall refuses to run as root without it
export NPM_CONFIG_DANGEROUSLY_ALLOW_ALL_SCRIPTS=true  # npm 11 blocks dependency install scripts, nested installs too
export NPM_CONFIG_YES=true                           # node-pty's install runs `npx node-gyp`
cd "$DEST"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
npm install "code-server@$VER" --foreground-scripts --no-audit --no-fund >"$DEST/install.log" 2>&1 || { tail -40 "$DEST/install.log" >&2; exit 1; }
touch "$DEST/.complete"
echo "$PKG"
