# Sourced by the project's scripts. n8n 2.41 and its n8n-workflow need Node.js 24 (isolated-vm
# ships prebuilt for Node 24 only). When the machine's Node is older, a Node 24 binary comes
# from the npm registry's `node` package, cached outside the work tree so clones share it.

NODE_NEEDED_MAJOR=24
ALEXA_CACHE="${N8N_NODES_ALEXA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-alexa}"

ensure_node24() {
	local major
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$major" -ge "$NODE_NEEDED_MAJOR" ]; then
		return 0
	fi
	local prefix="$ALEXA_CACHE/node$NODE_NEEDED_MAJOR"
	if [ ! -x "$prefix/node_modules/node/bin/node" ]; then
		echo "Node $(node --version 2>/dev/null || echo none) is older than $NODE_NEEDED_MAJOR: installing Node $NODE_NEEDED_MAJOR from the npm registry into $prefix" >&2
		mkdir -p "$prefix"
		npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "node@$NODE_NEEDED_MAJOR" >&2
	fi
	export PATH="$prefix/node_modules/node/bin:$PATH"
	echo "Using Node $(node --version) from $prefix" >&2
}

# Installs the dev dependencies, as pinned by package-lock.json, when they are missing or older
# than the lock file. Not `npm ci`: npm 11 leaves other platforms' optional packages (such as
# @unrs/resolver-binding-*) out of the lock file it writes, and then `npm ci` refuses that same
# file. `npm install --no-save` installs from the lock and leaves it untouched.
ensure_dependencies() {
	if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		npm install --no-save --no-audit --no-fund --loglevel=error
	fi
}
