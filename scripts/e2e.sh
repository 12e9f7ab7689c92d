#!/usr/bin/env bash
# `npm run test:e2e`: the package in a real n8n. Installs what it needs (Node 24, n8n, Redis,
# PostgreSQL, Chromium, Playwright's client), packs the package, then runs test/e2e/run.mts, which prints
# each stage and its time. Artefacts (logs, screenshots) go to e2e-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node24.sh
source scripts/lib/debian.sh

stage_start=$SECONDS
say() { echo "[e2e $((SECONDS - stage_start)) s] $*"; }

ensure_node24
# An n8n the package cannot run in fails here, with the reason, before minutes of installing.
node scripts/lib/cache.mts check
ensure_dependencies
say "dependencies ready"

# E2E_STAGES (test/e2e/run.mts) picks stages; Chromium is only for the browser stage.
wants() { [ -z "${E2E_STAGES:-}" ] || [[ ",${E2E_STAGES// /}," == *",$1,"* ]]; }
packages=(redis-server)
if wants browser || wants playground; then packages+=(chromium); fi
# Queue mode runs on PostgreSQL, as n8n supports it for scaling (test/e2e/postgres.mts).
if wants queue; then packages+=(postgresql); fi
ensure_debian_packages "${packages[@]}"
say "redis-server ready$(wants browser && echo ', chromium too' || true)$(wants queue && echo ', postgresql too' || true)"

bash scripts/e2e/install-n8n.sh
say "n8n ${E2E_N8N_VERSION:-2.41.1} ready"

npm run build >/dev/null
tarball="$(pwd)/$(npm pack --loglevel=error | tail -n 1)"
say "packed $tarball"

node test/e2e/run.mts "$tarball"
say "done"
