# Sourced by the test/host scripts: pinned versions and paths of the real-VS-Code test host.
# code-server 4.139.1 is VS Code 1.139.1 (server + web workbench) from the npm registry; it needs
# Node 24 (code-server >= 4.133), which the npm package `node` ships with headers for node-gyp.
CS_VERSION=4.139.1
NODE_PKG=node@24.21.0
# Outside the checkout so that fresh clones (CI) reuse it; about 800 MB.
VSCODE_HOST_DIR=${VSCODE_HOST_DIR:-$HOME/.cache/zsreview-vscode-host/cs-$CS_VERSION}
NODE24_DIR=$VSCODE_HOST_DIR/node/node_modules/node
CODE_SERVER=$VSCODE_HOST_DIR/cs/node_modules/.bin/code-server
# Loopback only. The .mjs runners read the same VSCODE_HOST_PORT.
VSCODE_HOST_PORT=${VSCODE_HOST_PORT:-18080}
VSCODE_HOST_URL=http://127.0.0.1:$VSCODE_HOST_PORT
# Per-run user-data-dir, extensions-dir, XDG dirs, log and process-group id; wiped by start-host.sh.
VSCODE_HOST_RUN_DIR=${VSCODE_HOST_RUN_DIR:-${TMPDIR:-/tmp}/zsreview-vscode-host-$VSCODE_HOST_PORT}
