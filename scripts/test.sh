#!/usr/bin/env bash
# `npm test`: the whole suite. Works from a fresh clone: it installs what it needs first.
# Build, lint, n8n's scanner on both of its legs (`npm run scan`), then the node through
# n8n-core's engine against the fake Alexa (`npm run test:engine` alone),
# then the packed package in a real n8n (`npm run test:e2e`, scripts/e2e.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh

ensure_node24
ensure_dependencies
npm run build
npm run lint
# n8n's verification scanner on the source and on the packed tarball (scripts/scan.mts).
npm run scan
npm run test:engine
bash scripts/e2e.sh
