#!/usr/bin/env bash
# `npm test`: the whole suite. Works from a fresh clone: it installs what it needs first.
# Build, lint, the unit tables on the TypeScript sources (`npm run test:unit`, test/unit/, a few
# seconds, no build needed), n8n's scanner on both of its legs (`npm run scan`), then the node
# through n8n-core's engine against the fake Alexa, then the packed package in a real n8n
# (`npm run test:e2e`, scripts/e2e.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh

ensure_node24
ensure_dependencies
npm run build
npm run lint
# Fast and first: a broken rule fails here, before the slower suites start.
npm run test:unit
# n8n's verification scanner on the source and on the packed tarball (scripts/scan.mts).
npm run scan
# The engine suite against dist/ as built above: `test:engine:built` is `npm run test:engine`
# without its own build, so the suite does not build twice.
npm run test:engine:built
bash scripts/e2e.sh
