#!/usr/bin/env bash
# The one-command set-up: Node 24 if needed, the dev dependencies, then the package's main
# job: build, lint, pack the tarball n8n installs, and send a skill message through n8n's
# engine to a local stand-in for Alexa to show it working.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh

ensure_node24
ensure_dependencies
npm run build
npm run lint
npm pack --loglevel=error
node scripts/demo.mts
