#!/usr/bin/env bash
# `npm start`: the playground (scripts/playground/start.mts). Node 24 and the dev dependencies if
# needed, the n8n that `npm run test:e2e` installs, then n8n with the package, the examples and
# the Alexa simulator page, all in .playground/ (your own ~/.n8n is not touched). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh
ensure_node24
ensure_dependencies
bash scripts/e2e/install-n8n.sh
export E2E_OUTPUT="$(pwd)/.playground"
exec node scripts/playground/start.mts
