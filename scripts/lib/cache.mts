/**
 * Where the project's scripts install what the tests need, outside the work tree: the same
 * directory scripts/lib/node24.sh uses (`N8N_NODES_ALEXA_CACHE`, else the user's cache).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const projectCache =
	process.env.N8N_NODES_ALEXA_CACHE ??
	path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-alexa');

/**
 * The n8n versions the package is tested with (e2e examples stage on both): the oldest it works
 * in and the newest that installs from the registry. n8n 1.82.3, the release before 1.85.3 on the
 * registry, runs the node's routing itself instead of its customOperations and fails every
 * operation; 2.41.3 pins @n8n/agents 0.26.2 and @n8n/ai-node-sdk 0.31.2, which are not published.
 */
export const OLDEST_N8N = '1.85.3';
export const NEWEST_N8N = '2.41.1';

/** The n8n version the e2e suite runs (`E2E_N8N_VERSION`, default the newest). */
export const n8nVersion = process.env.E2E_N8N_VERSION || NEWEST_N8N;

const versionedDir = path.join(projectCache, `n8n-${n8nVersion}`);
const firstDir = path.join(projectCache, 'n8n');
/**
 * The real n8n that scripts/e2e/install-n8n.sh installs for the end-to-end tests and the bench:
 * n8n-<version>, or n8n/ where earlier scripts installed 2.41.1.
 */
export const n8nInstallDir =
	!fs.existsSync(versionedDir) && fs.existsSync(path.join(firstDir, `.installed-${n8nVersion}`))
		? firstDir
		: versionedDir;

/** The Node binary that n8n runs on (n8n 1.x refuses Node 24), as the install script chose it. */
export function n8nNodeBinary(): string {
	const chosen = path.join(n8nInstallDir, '.node');
	return fs.existsSync(chosen) ? fs.readFileSync(chosen, 'utf8').trim() : process.execPath;
}

/** Compares dotted versions numerically: negative when a is older than b. */
export function compareVersions(a: string, b: string): number {
	const [left, right] = [a, b].map((version) => version.split('-')[0].split('.').map(Number));
	for (let index = 0; index < 3; index++)
		if (left[index] !== right[index]) return (left[index] ?? 0) - (right[index] ?? 0);
	return 0;
}

/** Why the package cannot run in this n8n version, or undefined when it can. */
function unsupportedN8n(version: string): string | undefined {
	if (compareVersions(version, OLDEST_N8N) >= 0) return undefined;
	return (
		`n8n ${version} is older than the oldest n8n the Alexa node supports, ${OLDEST_N8N}: the node runs every operation ` +
		`through its customOperations, and older n8n releases run the operation's routing instead (n8n 1.82.3 fails every ` +
		`operation). Tested range: n8n ${OLDEST_N8N} to ${NEWEST_N8N}.`
	);
}

if (import.meta.main && process.argv[2] === 'check') {
	const problem = unsupportedN8n(n8nVersion);
	if (problem) {
		process.stderr.write(`${problem}\n`);
		process.exit(1);
	}
	if (compareVersions(n8nVersion, NEWEST_N8N) > 0)
		process.stderr.write(
			`n8n ${n8nVersion} is newer than the tested range (${OLDEST_N8N} to ${NEWEST_N8N})\n`,
		);
}
