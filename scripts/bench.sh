#!/usr/bin/env bash
# `npm run bench`: builds, then runs scripts/bench.mts under Node 24. Not part of `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh
ensure_node24
ensure_dependencies
npm run build >/dev/null
node scripts/bench.mts
