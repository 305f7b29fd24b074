#!/usr/bin/env bash
# Stops the code-server process group that start-host.sh started, and only that group.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); . "$here/env.sh"
f=$VSCODE_HOST_RUN_DIR/cs.pgid
[ -f "$f" ] || exit 0
pg=$(cat "$f")
kill -TERM -- "-$pg" 2>/dev/null
for _ in $(seq 40); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.25; done
kill -KILL -- "-$pg" 2>/dev/null
rm -f "$f"; echo "vscode-host: stopped"
