#!/usr/bin/env bash
# `npm test`: the whole suite. Works from a fresh clone: it installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh

ensure_node24
ensure_dependencies
npm run build
npm run lint
npx tsc -p test/tsconfig.json
node --test --test-concurrency=1 "test/**/*.test.mts"
