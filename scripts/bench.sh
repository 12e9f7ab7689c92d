#!/usr/bin/env bash
# `npm run bench`: builds, then runs scripts/bench.mts under Node 24 (the node through n8n's
# engine), then in the real n8n that `npm run test:e2e` installs: scripts/bench-trigger.mts (the
# Alexa Trigger and the Alexa Smart Home Trigger against n8n's Webhook node; TurnOn latency
# through the smart home relay's handler) and scripts/bench-n8n.mts (the Alexa node against
# n8n's HTTP Request node; `npm run bench -- --profile` adds CPU profiles). Not part of `npm test`.
# The triggers part ends in queue mode (PostgreSQL, Redis, a worker and a webhook processor).
#   BENCH_ONLY=engine, BENCH_ONLY=trigger or BENCH_ONLY=n8n runs one part.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh
source scripts/lib/debian.sh
ensure_node24
ensure_dependencies
npm run build >/dev/null
if [ "${BENCH_ONLY:-engine}" = engine ]; then
	# n8n's own expression engine, as a real n8n runs it (test/harness/engine.mts).
	HARNESS_EXPRESSION_ENGINE="${HARNESS_EXPRESSION_ENGINE:-vm}" node scripts/bench.mts
fi
if [ "${BENCH_ONLY:-trigger}" = trigger ] || [ "${BENCH_ONLY:-n8n}" = n8n ]; then
	bash scripts/e2e/install-n8n.sh
	mkdir -p bench-output
	tarball="$(pwd)/bench-output/$(npm pack --loglevel=error --pack-destination bench-output | tail -n 1)"
fi
if [ "${BENCH_ONLY:-trigger}" = trigger ]; then
	# The triggers in queue mode (issue 26) need Redis and PostgreSQL, unless BENCH_TRIGGER_QUEUE=0.
	[ "${BENCH_TRIGGER_QUEUE:-1}" = 0 ] || ensure_debian_packages redis-server postgresql
	E2E_OUTPUT="$(pwd)/bench-output/trigger" node scripts/bench-trigger.mts "$tarball"
fi
if [ "${BENCH_ONLY:-n8n}" = n8n ]; then
	E2E_OUTPUT="$(pwd)/bench-output/node" node scripts/bench-n8n.mts "$tarball" "$@"
fi
