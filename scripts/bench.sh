#!/usr/bin/env bash
# `npm run bench`: builds, then runs scripts/bench.mts under Node 24 (the node through n8n's
# engine), then scripts/bench-trigger.mts in the real n8n that `npm run test:e2e` installs (the
# Alexa Trigger against n8n's Webhook node). Not part of `npm test`.
#   BENCH_ONLY=engine or BENCH_ONLY=trigger runs one part.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh
ensure_node24
ensure_dependencies
npm run build >/dev/null
if [ "${BENCH_ONLY:-engine}" = engine ]; then
	node scripts/bench.mts
fi
if [ "${BENCH_ONLY:-trigger}" = trigger ]; then
	bash scripts/e2e/install-n8n.sh
	mkdir -p bench-output
	tarball="$(pwd)/bench-output/$(npm pack --loglevel=error --pack-destination bench-output | tail -n 1)"
	E2E_OUTPUT="$(pwd)/bench-output/trigger" node scripts/bench-trigger.mts "$tarball"
fi
