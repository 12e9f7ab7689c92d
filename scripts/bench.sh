#!/usr/bin/env bash
# `npm run bench`: builds, then runs scripts/bench.mts under Node 24. Not part of `npm test`.
# `npm run bench -- --n8n` (or BENCH_MODE=n8n) measures in the real n8n of the e2e suite instead
# (scripts/bench-n8n.mts; installs that n8n first if it is missing); add --profile for CPU profiles.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh
ensure_node24
ensure_dependencies
npm run build >/dev/null
if [ "${1:-}" = "--n8n" ] || [ "${BENCH_MODE:-}" = "n8n" ]; then
	[ "${1:-}" = "--n8n" ] && shift
	bash scripts/e2e/install-n8n.sh
	node scripts/bench-n8n.mts "$(pwd)/$(npm pack --loglevel=error | tail -n 1)" "$@"
else
	# n8n's own expression engine, as a real n8n runs it (test/harness/engine.mts).
	HARNESS_EXPRESSION_ENGINE="${HARNESS_EXPRESSION_ENGINE:-vm}" node scripts/bench.mts
fi
