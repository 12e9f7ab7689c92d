# ensure_debian_packages <package>...: installs from Debian what is missing, for the e2e suite and
# the benchmark: redis-server, postgresql (its server binaries in /usr/lib/postgresql/*/bin) and
# chromium. Sourced by scripts/e2e.sh and scripts/bench.sh.
ensure_debian_packages() {
	local missing=() package
	for package in "$@"; do
		case "$package" in
		postgresql) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql) ;;
		*) command -v "$package" >/dev/null || missing+=("$package") ;;
		esac
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	echo "installing ${missing[*]} from Debian"
	local as_root=()
	[ "$(id -u)" = 0 ] || as_root=(sudo)
	"${as_root[@]}" apt-get update -qq >/dev/null
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
