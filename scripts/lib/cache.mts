/**
 * Where the project's scripts install what the tests need, outside the work tree: the same
 * directory scripts/lib/node24.sh uses (`N8N_NODES_ALEXA_CACHE`, else the user's cache).
 */
import os from 'node:os';
import path from 'node:path';

export const projectCache =
	process.env.N8N_NODES_ALEXA_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-alexa');

/** The real n8n that scripts/e2e/install-n8n.sh installs for the end-to-end tests and the bench. */
export const n8nInstallDir = path.join(projectCache, 'n8n');
