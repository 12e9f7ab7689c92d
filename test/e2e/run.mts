/**
 * End to end in a real n8n (2.41.1, installed by scripts/e2e/install-n8n.sh): the packed package
 * installed as a community node, the example workflows run with `n8n execute`, queue mode with a
 * worker, and the editor in a real browser. The fake Alexa runs in this process on 127.0.0.1.
 * Every process started here is ended here, by process id.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

import { n8nInstallDir } from '../../scripts/lib/cache.mts';
import { startFakeAlexa, type FakeAlexa } from '../fake-alexa/server.mts';
import { browserStage } from './browser.mts';

const root = path.resolve(import.meta.dirname, '../..');
const n8nBin = path.join(n8nInstallDir, 'node_modules/n8n/bin/n8n');
export const output = path.join(root, 'e2e-output');
const userFolder = path.join(output, 'n8n-user');
const tarball = process.argv[2];

const CLIENT_ID = 'amzn1.application-oa2-client.e2e00000000000000000001';
const CLIENT_SECRET = 'e2e-client-secret-0123456789abcdef01234567';
const CUSTOMER_REFRESH_TOKEN = 'Atzr|e2e-customer-refresh-token-0123456789';
const DEVELOPER_REFRESH_TOKEN = 'Atzr|e2e-developer-refresh-token-0123456789';
const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
const ENCRYPTION_KEY = 'e2e-encryption-key-for-n8n-nodes-alexa';

/** `E2E_STAGES=examples,queue,browser` (the default is all) picks the stages after the install. */
const chosenStages = process.env.E2E_STAGES?.split(',').map((name) => name.trim());
const wanted = (group: 'examples' | 'queue' | 'browser') => !chosenStages || chosenStages.includes(group);

/** Processes this script started and not yet seen to end. Each leads its own process group. */
const children = new Set<ChildProcess>();
/** Every process group started, to check at the end that none is left. */
const startedGroups: number[] = [];

/** Starts a process as the leader of a new process group, so that its own children end with it. */
function spawnTracked(command: string, args: string[], env: NodeJS.ProcessEnv, stdio: Array<'ignore' | number>): ChildProcess {
	const child = spawn(command, args, { env, stdio: stdio as never, detached: true });
	if (child.pid === undefined) throw new Error(`could not start ${command}`);
	children.add(child);
	startedGroups.push(child.pid);
	child.on('exit', () => children.delete(child));
	return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
	try {
		process.kill(-child.pid!, signal);
	} catch {
		// the group has already ended
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}
let failures = 0;
let cliRuns = 0;

function log(text: string) {
	process.stdout.write(`${text}\n`);
}

async function stage(name: string, body: () => Promise<void>): Promise<void> {
	const started = performance.now();
	try {
		await body();
		log(`✔ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
	} catch (error) {
		failures++;
		log(`✖ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${(error as Error).stack ?? error}`);
	}
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
		...extra,
	};
}

/**
 * Runs an n8n CLI command to the end; returns its output. Asynchronous on purpose: the fake
 * Alexa answers from this process's event loop while n8n runs.
 */
async function n8n(args: string[], extra: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
	const logName = `cli-${++cliRuns}-${args[0].replace(/\W/g, '-')}`;
	const stdoutFile = path.join(output, `${logName}.stdout.log`);
	const stderrFile = path.join(output, `${logName}.stderr.log`);
	const stdoutFd = fs.openSync(stdoutFile, 'w');
	const stderrFd = fs.openSync(stderrFile, 'w');
	const child = spawnTracked(process.execPath, [n8nBin, ...args], await n8nEnv(extra), ['ignore', stdoutFd, stderrFd]);
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 180_000);
	const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	clearTimeout(timer);
	// The command is over; what it started (its task runner) goes with it.
	signalGroup(child, 'SIGKILL');
	fs.closeSync(stdoutFd);
	fs.closeSync(stderrFd);
	return { status, stdout: fs.readFileSync(stdoutFile, 'utf8'), stderr: fs.readFileSync(stderrFile, 'utf8') };
}

/** Starts a long-running process; it is stopped at the end whatever happens. */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, logName: string): ChildProcess {
	const logFile = fs.openSync(path.join(output, `${logName}.log`), 'w');
	return spawnTracked(command, args, env, ['ignore', logFile, logFile]);
}

export async function startN8n(args: string[], extra: Record<string, string>, logName: string): Promise<ChildProcess> {
	return startProcess(process.execPath, [n8nBin, ...args], await n8nEnv(extra), logName);
}

async function stopAll(): Promise<void> {
	for (const child of children) signalGroup(child, 'SIGTERM');
	const deadline = Date.now() + 15_000;
	while (children.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
	for (const child of children) signalGroup(child, 'SIGKILL');
	// What a leader started (n8n's task runners) ends with its group, even after the leader.
	for (const pid of startedGroups) if (groupAlive(pid)) signalGroup({ pid } as ChildProcess, 'SIGKILL');
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** The JSON `n8n execute --rawOutput` prints: from its first line that opens an object to the brace that closes it. */
function executionJson(stdout: string): any {
	const start = stdout.indexOf('{\n');
	// Printed indented, so the object ends at the first unindented '}' (log lines may follow).
	const end = stdout.indexOf('\n}', start);
	if (start === -1 || end === -1) throw new Error(`no JSON in n8n's output:\n${stdout.slice(0, 2000)}`);
	return JSON.parse(stdout.slice(start, end + 2));
}

function nodeOutput(run: any, nodeName: string): any[] {
	const task = run.data.resultData.runData[nodeName]?.[0];
	assert.ok(task, `node "${nodeName}" did not run`);
	return task.data.main[0].map((item: { json: unknown }) => item.json);
}

function credentialsFile(fake: FakeAlexa): string {
	const custom = { region: 'custom', apiBaseUrl: fake.url, loginWithAmazonUrl: fake.tokenUrl };
	const credentials = [
		{ id: 'alexaE2eMessaging', name: 'Alexa Skill Messaging', type: 'alexaSkillMessagingApi', data: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...custom } },
		{ id: 'alexaE2eCustomer', name: 'Alexa smart home customer', type: 'alexaLwaRefreshTokenApi', data: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: CUSTOMER_REFRESH_TOKEN, ...custom } },
		{ id: 'alexaE2eDeveloper', name: 'Alexa developer', type: 'alexaLwaRefreshTokenApi', data: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: DEVELOPER_REFRESH_TOKEN, ...custom } },
	];
	const file = path.join(output, 'credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	return file;
}

/** An example as shipped, with only its credential ids filled in. */
async function importExample(name: string): Promise<string> {
	const text = fs
		.readFileSync(path.join(root, 'examples', `${name}.json`), 'utf8')
		.replaceAll('SKILL_MESSAGING_CREDENTIAL_ID', 'alexaE2eMessaging')
		.replaceAll('REFRESH_TOKEN_CREDENTIAL_ID', 'alexaE2eCustomer')
		.replaceAll('DEVELOPER_CREDENTIAL_ID', 'alexaE2eDeveloper');
	const workflow = JSON.parse(text);
	const file = path.join(output, `${name}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
	const imported = await n8n(['import:workflow', `--input=${file}`]);
	assert.equal(imported.status, 0, imported.stderr + imported.stdout);
	return workflow.id as string;
}

async function execute(id: string, extraEnv: Record<string, string> = {}) {
	return await n8n(['execute', `--id=${id}`, '--rawOutput'], extraEnv);
}

/** n8n's database query log, for counting what a run writes. */
const QUERY_LOG = { DB_LOGGING_ENABLED: 'true', DB_LOGGING_OPTIONS: 'query' };

/** How often the run wrote a credential to n8n's database (needs QUERY_LOG). */
function credentialWrites(result: { stdout: string; stderr: string }): number {
	return (`${result.stdout}\n${result.stderr}`.match(/UPDATE "credentials_entity"/g) ?? []).length;
}

/** Each resource's actions, read from the node's description as built (the same build as the tarball). */
async function actionsByResource(): Promise<Map<string, string[]>> {
	const { Alexa } = createRequire(import.meta.url)(path.join(root, 'dist/nodes/Alexa/Alexa.node.js'));
	const properties: any[] = new Alexa().description.properties;
	const resources: Array<{ name: string; value: string }> = properties.find((property) => property.name === 'resource').options;
	return new Map(
		resources.map(({ name, value }) => [
			name,
			properties
				.filter((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value))
				.flatMap((property) => property.options.map((option: { action: string }) => option.action)),
		]),
	);
}

/** Access tokens LWA issued for the imported credentials, kept across resets for the final secret scan. */
const credentialAccessTokens = new Set<string>();

function resetFake(fake: FakeAlexa) {
	for (const [token, issued] of fake.tokens) if (issued.grant !== 'authorization_code') credentialAccessTokens.add(token);
	fake.reset();
	fake.addClient(CLIENT_ID, CLIENT_SECRET, { refreshTokens: [CUSTOMER_REFRESH_TOKEN, DEVELOPER_REFRESH_TOKEN] });
	fake.skills.add(SKILL_ID);
}

const fake = await startFakeAlexa();
try {
	fs.rmSync(output, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	resetFake(fake);

	await stage('install the packed package as a community node', async () => {
		assert.ok(tarball && fs.existsSync(tarball), `no tarball at ${tarball}`);
		const nodes = path.join(userFolder, '.n8n/nodes');
		fs.mkdirSync(nodes, { recursive: true });
		fs.writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
		const install = spawnSync('npm', ['install', '--prefix', nodes, tarball, '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], { encoding: 'utf8' });
		assert.equal(install.status, 0, install.stderr);
		assert.ok(fs.existsSync(path.join(nodes, 'node_modules/n8n-nodes-alexa/dist/nodes/Alexa/Alexa.node.js')));
	});

	await stage('import the credentials, pointed at the fake Alexa', async () => {
		const imported = await n8n(['import:credentials', `--input=${credentialsFile(fake)}`]);
		assert.equal(imported.status, 0, imported.stderr + imported.stdout);
	});

	if (wanted('examples')) await stage('example: a scheduled skill message to a list of users', async () => {
		resetFake(fake);
		const result = await execute(await importExample('skill-message-reminders'), QUERY_LOG);
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		// The credential had no stored token: n8n stores the one it got, once, not once per item.
		assert.equal(credentialWrites(result), 1, 'one write of the credential for three items');
		const items = nodeOutput(executionJson(result.stdout), 'Send reminder to the skill');
		assert.deepEqual(items.map((item) => [item.accepted, item.userId]), [
			[true, 'amzn1.ask.account.EXAMPLE1'],
			[true, 'amzn1.ask.account.EXAMPLE2'],
			[true, 'amzn1.ask.account.EXAMPLE3'],
		]);
		const sent = fake.requestsTo('/v1/skillmessages/users/');
		assert.deepEqual(sent.map((request) => (request.json as any).data.reminder).sort(), ['Call grandma', 'Take the bins out', 'Water the plants']);
		assert.ok(sent.every((request) => /^Bearer Atc\|/.test(String(request.headers.authorization))));
		assert.equal(fake.requestsTo('/auth/o2/token').length, 1, 'one token for the three messages');
		assert.ok(!result.stdout.includes(CLIENT_SECRET), 'no secret in n8n output');
	});

	if (wanted('examples')) await stage('example: a user Alexa no longer knows becomes an error item, the others are sent', async () => {
		resetFake(fake);
		fake.unknownUsers.add('amzn1.ask.account.EXAMPLE2');
		const result = await execute('alexaExReminders', QUERY_LOG);
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		assert.equal(credentialWrites(result), 0, 'the token stored by the last run is used as it is');
		const items = nodeOutput(executionJson(result.stdout), 'Send reminder to the skill');
		assert.equal(items.length, 3);
		assert.equal(items[0].accepted, true);
		assert.match(String(items[1].error), /does not know this user ID \(HTTP 404\)/);
		assert.equal(items[2].accepted, true);
		const sent = fake.requestsTo('/v1/skillmessages/users/').map((request) => `${request.path.split('/').pop()} ${request.status}`);
		assert.deepEqual(sent.sort(), ['amzn1.ask.account.EXAMPLE1 202', 'amzn1.ask.account.EXAMPLE2 404', 'amzn1.ask.account.EXAMPLE3 202']);
	});

	if (wanted('examples')) await stage('example: a Change Report from a webhook payload', async () => {
		resetFake(fake);
		const result = await execute(await importExample('change-report-from-webhook'));
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		const [item] = nodeOutput(executionJson(result.stdout), 'Send Change Report');
		assert.equal(item.accepted, true);
		assert.equal(item.eventName, 'Alexa.ChangeReport');
		const [{ request, message }] = fake.events();
		assert.equal(message.event.endpoint.endpointId, 'lamp-1');
		assert.equal(message.event.payload.change.properties[0].value, 'ON');
		assert.equal(`Bearer ${message.event.endpoint.scope.token}`, request.headers.authorization);
		for (const token of fake.tokens.keys()) assert.ok(!result.stdout.includes(token), 'no access token in n8n output');
	});

	if (wanted('examples')) await stage('example: the Change Report fails clearly when the customer is in another region', async () => {
		resetFake(fake);
		fake.inject('/v3/events', { code: 'SKILL_NEVER_ENABLED_EXCEPTION' });
		const result = await execute('alexaExChangeReport');
		assert.notEqual(result.status, 0);
		const text = result.stdout + result.stderr;
		assert.match(text, /This customer never enabled the skill in this region \(HTTP 403 SKILL_NEVER_ENABLED_EXCEPTION\)/);
	});

	if (wanted('examples')) await stage('example: an AcceptGrant token exchange', async () => {
		resetFake(fake);
		fake.grantCodes.set('ANTeGexampleGrantCode0001', { clientId: CLIENT_ID, issuedAt: Date.now(), used: false });
		const result = await execute(await importExample('accept-grant-exchange'));
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		const [item] = nodeOutput(executionJson(result.stdout), 'Exchange the code');
		assert.match(item.accessToken, /^Atza\|/);
		assert.match(item.refreshToken, /^Atzr\|/);
		assert.ok(!Number.isNaN(Date.parse(item.expiresAt)));
		const grants = fake.requestsTo('/auth/o2/token').map((request) => request.form?.grant_type);
		assert.deepEqual(grants, ['authorization_code'], 'only the exchange, no token for the credential itself');
	});

	if (wanted('examples')) await stage('example: a skill enablement check-and-repair', async () => {
		resetFake(fake);
		const result = await execute(await importExample('skill-enablement-repair'));
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		const run = executionJson(result.stdout);
		assert.equal(nodeOutput(run, 'Is the skill enabled?')[0].enabled, false);
		assert.deepEqual(nodeOutput(run, 'Enable it again')[0], { success: true, statusCode: 204 });
		assert.equal(fake.developerStages.get(SKILL_ID), 'development');
		assert.deepEqual(
			fake.requests.filter((request) => request.path !== '/auth/o2/token').map((request) => `${request.method} ${request.status}`),
			['GET 404', 'PUT 204'],
		);
	});

	if (wanted('queue')) await stage('queue mode: a webhook run by a worker, one token per process at most', async () => {
		resetFake(fake);
		const redisPort = await freePort();
		const n8nPort = await freePort();
		startProcess('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env, 'redis');
		await waitFor('redis', async () => await canConnect(redisPort), 20_000);
		const queue = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort), N8N_PORT: String(n8nPort), QUEUE_HEALTH_CHECK_ACTIVE: 'false' };
		const published = await n8n(['publish:workflow', '--id=alexaExChangeReport']);
		assert.equal(published.status, 0, published.stderr + published.stdout);
		await startN8n(['start'], queue, 'queue-main');
		await startN8n(['worker', '--concurrency=5'], { ...queue, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) }, 'queue-worker');
		await waitFor('n8n main', async () => (await fetch(`http://127.0.0.1:${n8nPort}/healthz`)).ok, 120_000);
		const deviceChanged = async (deviceId: string, power: string) =>
			await fetch(`http://127.0.0.1:${n8nPort}/webhook/alexa-device-change`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ deviceId, power }),
			});
		await waitFor('the webhook', async () => (await deviceChanged('lamp-queue-1', 'OFF')).ok, 60_000);
		for (let index = 2; index <= 5; index++) assert.ok((await deviceChanged(`lamp-queue-${index}`, 'ON')).ok);
		await waitFor('five change reports at the fake', () => fake.events().filter(({ request }) => request.status === 202).length >= 5, 60_000);
		const devices = fake.events().map(({ message }) => message.event.endpoint.endpointId).sort();
		assert.deepEqual(devices, ['lamp-queue-1', 'lamp-queue-2', 'lamp-queue-3', 'lamp-queue-4', 'lamp-queue-5']);
		const workerRuns = fs.readFileSync(path.join(output, 'queue-worker.log'), 'utf8').match(/Worker started execution/g)?.length ?? 0;
		assert.equal(workerRuns, 5, 'the worker ran the five executions');
		const tokenRequests = fake.requestsTo('/auth/o2/token').length;
		assert.ok(tokenRequests >= 1 && tokenRequests <= 2, `token requests by main and worker together: ${tokenRequests}`);
		log(`  queue mode: 5 webhook calls, 5 change reports, ${tokenRequests} token request(s) by 2 processes`);
		await stopAll();
	});

	if (wanted('browser')) await stage('the editor in a real browser', async () => {
		resetFake(fake);
		const screenshots = await browserStage({ fake, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, startN8n, freePort, waitFor, output, actionsByResource: await actionsByResource() });
		log(`  screenshots: ${screenshots.map((file) => path.relative(root, file)).join(', ')}`);
		await stopAll();
	});
	await stage('no secret in anything n8n printed or logged', async () => {
		resetFake(fake);
		const secrets = [CLIENT_SECRET, CUSTOMER_REFRESH_TOKEN, DEVELOPER_REFRESH_TOKEN, ...credentialAccessTokens];
		// credentials.json is this script's own input; the AcceptGrant example prints the tokens it
		// exchanged for on purpose, and those are not in this list.
		const files = logFiles(output).filter((file) => path.basename(file) !== 'credentials.json');
		for (const file of files) {
			const text = fs.readFileSync(file, 'utf8');
			for (const secret of secrets) assert.ok(!text.includes(secret), `${path.relative(output, file)} contains a secret (${secret.slice(0, 6)}…)`);
		}
		log(`  scanned ${files.length} files for ${secrets.length} secrets`);
	});
} finally {
	await stopAll();
	await fake.close();
}
// A killed process takes a moment to be gone.
const groupsDeadline = Date.now() + 10_000;
while (startedGroups.some(groupAlive) && Date.now() < groupsDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
const leftOver = startedGroups.filter(groupAlive);
if (leftOver.length > 0) {
	failures++;
	log(`✖ processes left running: groups ${leftOver.join(', ')}`);
} else log(`  all ${startedGroups.length} processes started here have ended`);

/** Every text file the run wrote: CLI output, process logs, n8n's own event logs. */
function logFiles(folder: string): string[] {
	return fs.readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(log|txt|json)$/.test(entry.name))
		.map((entry) => path.join(entry.parentPath, entry.name));
}

async function canConnect(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.end();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

log(failures === 0 ? 'e2e: all stages passed' : `e2e: ${failures} stage(s) failed`);
process.exit(failures === 0 ? 0 : 1);
