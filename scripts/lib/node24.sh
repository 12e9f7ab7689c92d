# Sourced by the project's scripts. n8n 2.41 and its n8n-workflow need Node.js 24 (isolated-vm
# ships prebuilt for Node 24 only). When the machine's Node is older, a Node 24 binary comes
# from the npm registry's `node` package, cached outside the work tree so clones share it.

NODE_NEEDED_MAJOR=24
ALEXA_CACHE="${N8N_NODES_ALEXA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-alexa}"

# Prints the path of a Node binary of the given major version from the cache, installing it
# from the npm registry's `node` package first when missing.
cached_node() {
	local major="$1"
	local prefix="$ALEXA_CACHE/node$major"
	if [ ! -x "$prefix/node_modules/node/bin/node" ]; then
		echo "Installing Node $major from the npm registry into $prefix" >&2
		mkdir -p "$prefix"
		npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "node@$major" >&2
	fi
	echo "$prefix/node_modules/node/bin/node"
}

ensure_node24() {
	local major
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$major" -ge "$NODE_NEEDED_MAJOR" ]; then
		return 0
	fi
	echo "Node $(node --version 2>/dev/null || echo none) is older than $NODE_NEEDED_MAJOR" >&2
	local binary
	binary="$(cached_node "$NODE_NEEDED_MAJOR")"
	export PATH="$(dirname "$binary"):$PATH"
	echo "Using Node $(node --version) from $(dirname "$binary")" >&2
}

# Installs the dev dependencies exactly as package-lock.json pins them, when they are missing or
# older than the lock file. The lock file holds every platform's optional packages (Linux,
# macOS, Windows), which `npm ci` requires of it.
ensure_dependencies() {
	if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		npm ci --no-audit --no-fund --loglevel=error
	fi
}
