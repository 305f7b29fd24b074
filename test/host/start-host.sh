#!/usr/bin/env bash
# Starts code-server on 127.0.0.1:$VSCODE_HOST_PORT with a fresh user-data-dir and extensions-dir
# (a reused one restores editors and warns about storage locks). Stop it with stop-host.sh.
# usage: start-host.sh [--install-vsix FILE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); . "$here/env.sh"
[ -x "$CODE_SERVER" ] || { echo "vscode-host: not installed; run test/host/install-host.sh"; exit 1; }
run=$VSCODE_HOST_RUN_DIR
[ -f "$run/cs.pgid" ] && bash "$here/stop-host.sh"
rm -rf "$run"; mkdir -p "$run/ud/User" "$run/exts" "$run/xdg/cache"
cp "$here/settings.json" "$run/ud/User/settings.json"
cat > "$run/config.yaml" <<YAML
bind-addr: 127.0.0.1:$VSCODE_HOST_PORT
auth: none
cert: false
disable-telemetry: true
disable-update-check: true
YAML
export PATH="$NODE24_DIR/bin:$PATH"
export EXTENSIONS_GALLERY='{}'   # no extension gallery: no marketplace traffic
# code-server would write ~/.config/code-server/config.yaml and ~/.cache/Microsoft/... otherwise.
export XDG_CONFIG_HOME=$run/xdg XDG_DATA_HOME=$run/xdg XDG_CACHE_HOME=$run/xdg/cache
opts=(--config "$run/config.yaml" --user-data-dir "$run/ud" --extensions-dir "$run/exts")
case ${1:-} in
  --install-vsix) [ -f "${2:-}" ] || { echo "start-host.sh: no VSIX at '${2:-}'"; exit 2; }
                  "$CODE_SERVER" "${opts[@]}" --install-extension "$(realpath "$2")" --force ;;
  '') ;;
  *) echo "usage: start-host.sh [--install-vsix FILE]"; exit 2 ;;
esac
# enable-smoke-test-driver: without it the built workbench ignores extensionDevelopmentPath and
# extensionTestsPath in the ?payload= URL parameter (runIntegration.mjs) and nothing reports it.
# setsid: its own process group (id = pid), so stop-host.sh also ends the file watcher children.
setsid "$CODE_SERVER" "${opts[@]}" --disable-workspace-trust --disable-getting-started-override \
  --vscode-option enable-smoke-test-driver >"$run/code-server.log" 2>&1 </dev/null &
pid=$!
echo "$pid" > "$run/cs.pgid"
for _ in $(seq 120); do
  if curl -sf "$VSCODE_HOST_URL/healthz" >/dev/null; then echo "vscode-host: up at $VSCODE_HOST_URL (pgid $pid)"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
cat "$run/code-server.log"; echo "vscode-host: code-server did not start"; bash "$here/stop-host.sh"; exit 1
