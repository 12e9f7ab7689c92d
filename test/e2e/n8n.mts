/**
 * A real n8n (E2E_N8N_VERSION, default 2.41.1, installed by scripts/e2e/install-n8n.sh), driven through its CLI: the
 * environment of every n8n process, commands run to the end, long-running `n8n start` and
 * `n8n worker`, and reading what `n8n execute` printed.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { n8nInstallDir, n8nNodeBinary, n8nVersion } from '../../scripts/lib/cache.mts';
import { freePort, signalGroup, spawnTracked, startProcess } from './processes.mts';

export const root = path.resolve(import.meta.dirname, '../..');
/** Artefacts and n8n's user folder: e2e-output/, or E2E_OUTPUT (the real-n8n benchmarks use their own). */
export const output = process.env.E2E_OUTPUT ?? path.join(root, 'e2e-output');
export const userFolder = path.join(output, 'n8n-user');
const n8nBin = path.join(n8nInstallDir, 'node_modules/n8n/bin/n8n');
/** n8n 1.x runs on Node 22 (its own bin refuses 24); the e2e runner itself stays on Node 24. */
const n8nNode = n8nNodeBinary();
const ENCRYPTION_KEY = 'e2e-encryption-key-for-n8n-nodes-alexa';
let cliRuns = 0;

/**
 * The database every n8n process of the run uses from now on: none (n8n's SQLite in the user
 * folder), or a PostgreSQL server's connection (postgres.mts), for the queue stage.
 */
let databaseEnv: Record<string, string> = {};
export function useDatabase(env: Record<string, string>): void {
	databaseEnv = env;
}

/**
 * The environment of every n8n process here. Each one starts a task broker, which needs a port
 * of its own; `n8n execute` prints the execution through its logger at level info.
 */
async function n8nEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_LOG_LEVEL: 'info',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		...databaseEnv,
		...extra,
		// A caller's Node options (an --import hook, --cpu-prof) come on top of the inherited ones.
		NODE_OPTIONS: [process.env.NODE_OPTIONS, extra.NODE_OPTIONS].filter(Boolean).join(' '),
	};
}

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs an n8n CLI command to the end; returns its output. Asynchronous on purpose: the fake
 * Alexa answers from this process's event loop while n8n runs.
 */
export async function n8n(args: string[], extra: Record<string, string> = {}): Promise<CliResult> {
	const logName = `cli-${++cliRuns}-${args[0].replace(/\W/g, '-')}`;
	const stdoutFile = path.join(output, `${logName}.stdout.log`);
	const stderrFile = path.join(output, `${logName}.stderr.log`);
	const stdoutFd = fs.openSync(stdoutFile, 'w');
	const stderrFd = fs.openSync(stderrFile, 'w');
	const child = spawnTracked(n8nNode, [n8nBin, ...args], await n8nEnv(extra), [
		'ignore',
		stdoutFd,
		stderrFd,
	]);
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 180_000);
	const status = await new Promise<number | null>((resolve) =>
		child.on('close', (code) => resolve(code)),
	);
	clearTimeout(timer);
	// The command is over; what it started (its task runner) goes with it.
	signalGroup(child, 'SIGKILL');
	fs.closeSync(stdoutFd);
	fs.closeSync(stderrFd);
	return {
		status,
		stdout: fs.readFileSync(stdoutFile, 'utf8'),
		stderr: fs.readFileSync(stderrFile, 'utf8'),
	};
}

/** `n8n start` or `n8n worker`, logging to e2e-output/<logName>.log; stopped by stopAll. */
export async function startN8n(
	args: string[],
	extra: Record<string, string>,
	logName: string,
): Promise<ChildProcess> {
	return startProcess(n8nNode, [n8nBin, ...args], await n8nEnv(extra), output, logName);
}

/** An example as shipped in examples/, with only its credential ids filled in (and what `adjust` changes); returns its id. */
export async function importExample(
	name: string,
	adjust?: (workflow: any) => void,
): Promise<string> {
	const text = fs
		.readFileSync(path.join(root, 'examples', `${name}.json`), 'utf8')
		.replaceAll('SKILL_MESSAGING_CREDENTIAL_ID', 'alexaE2eMessaging')
		.replaceAll('REFRESH_TOKEN_CREDENTIAL_ID', 'alexaE2eCustomer')
		.replaceAll('DEVELOPER_CREDENTIAL_ID', 'alexaE2eDeveloper')
		.replaceAll('SMART_HOME_RELAY_CREDENTIAL_ID', 'alexaE2eRelay');
	const workflow = JSON.parse(text);
	adjust?.(workflow);
	return await importWorkflow(workflow, name);
}

/** Imports a workflow (an object with an id, as n8n exports one) through n8n's CLI; returns its id. */
export async function importWorkflow(
	workflow: { id: string; active?: boolean },
	fileName: string,
): Promise<string> {
	// n8n 1.x refuses a workflow without `active` (NOT NULL); 2.x no longer needs it.
	workflow.active ??= false;
	const file = path.join(output, `${fileName}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
	const imported = await n8n(['import:workflow', `--input=${file}`]);
	assert.equal(imported.status, 0, imported.stderr + imported.stdout);
	return workflow.id;
}

/** Makes a workflow's production webhooks live: `publish:workflow` in n8n 2.x, `update:workflow --active=true` in 1.x. */
export async function publishWorkflow(id: string): Promise<void> {
	const args =
		Number(n8nVersion.split('.')[0]) >= 2
			? ['publish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=true'];
	const published = await n8n(args);
	assert.equal(published.status, 0, published.stderr + published.stdout);
}

/** The opposite of publishWorkflow: its production webhooks and schedules stop (from the next `n8n start`). */
export async function unpublishWorkflow(id: string): Promise<void> {
	const args =
		Number(n8nVersion.split('.')[0]) >= 2
			? ['unpublish:workflow', `--id=${id}`]
			: ['update:workflow', `--id=${id}`, '--active=false'];
	const unpublished = await n8n(args);
	assert.equal(unpublished.status, 0, unpublished.stderr + unpublished.stdout);
}

/** The packed package installed as a community node in n8n's user folder, as n8n's own installer lays it out. */
export function installPackedPackage(tarball: string): void {
	const nodes = path.join(userFolder, '.n8n/nodes');
	fs.mkdirSync(nodes, { recursive: true });
	fs.writeFileSync(
		path.join(nodes, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
	);
	const install = spawnSync(
		'npm',
		[
			'install',
			'--prefix',
			nodes,
			tarball,
			'--legacy-peer-deps',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{ encoding: 'utf8' },
	);
	assert.equal(install.status, 0, install.stderr);
	assert.ok(
		fs.existsSync(path.join(nodes, 'node_modules/n8n-nodes-alexa/dist/nodes/Alexa/Alexa.node.js')),
	);
}

export async function execute(
	id: string,
	extraEnv: Record<string, string> = {},
): Promise<CliResult> {
	return await n8n(['execute', `--id=${id}`, '--rawOutput'], extraEnv);
}

/** The JSON `n8n execute --rawOutput` prints: from its first line that opens an object to the brace that closes it. */
export function executionJson(stdout: string): any {
	const start = stdout.indexOf('{\n');
	// Printed indented, so the object ends at the first unindented '}' (log lines may follow).
	const end = stdout.indexOf('\n}', start);
	if (start === -1 || end === -1)
		throw new Error(`no JSON in n8n's output:\n${stdout.slice(0, 2000)}`);
	return JSON.parse(stdout.slice(start, end + 2));
}

export function nodeOutput(run: any, nodeName: string, output = 0): any[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	assert.ok(task, `node "${nodeName}" did not run`);
	return (task.data.main[output] ?? []).map((item: { json: unknown }) => item.json);
}

/** n8n's database query log, for counting what a run writes. */
export const QUERY_LOG = { DB_LOGGING_ENABLED: 'true', DB_LOGGING_OPTIONS: 'query' };

/** How often the run wrote a credential to n8n's database (needs QUERY_LOG). */
export function credentialWrites(result: CliResult): number {
	return (`${result.stdout}\n${result.stderr}`.match(/UPDATE "credentials_entity"/g) ?? []).length;
}
