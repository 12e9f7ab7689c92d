/**
 * `npm start` (scripts/start.sh, issue 27): the playground. The n8n that `npm run test:e2e`
 * installs, in a folder of its own (.playground/, never the user's ~/.n8n), with the packed
 * package installed, the credentials imported and pointed at the local Alexa stand-in
 * (test/fake-alexa) or, when ALEXA_CLIENT_ID and ALEXA_CLIENT_SECRET are set, at Amazon; every
 * example imported, the ones that start from a webhook published; and the Alexa simulator page
 * (simulator.mts) next to it. Prints the editor's URL and login; Ctrl-C stops every process it
 * started. A second start reuses what the first installed and imported (state.json records it).
 *
 *   PLAYGROUND_N8N_PORT (5678)  PLAYGROUND_PORT (5690, the simulator)  PLAYGROUND_ALEXA_PORT (5691)
 *   ALEXA_CLIENT_ID, ALEXA_CLIENT_SECRET, ALEXA_REGION (northAmerica | europe | farEast),
 *   ALEXA_REFRESH_TOKEN: your own LWA client, and a refresh token for the token-based credentials.
 *   PLAYGROUND_TARBALL: a packed package to install instead of packing one (the e2e stage's).
 *
 * Needs E2E_OUTPUT (scripts/start.sh sets it to .playground/).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { TestCertificate } from '../../test/alexa-signer/certificates.mts';
import { chainUrl, S3_HOST, startS3StandIn } from '../../test/alexa-signer/s3StandIn.mts';
import { makeTestPki, type TestPki } from '../../test/alexa-signer/signer.mts';
import { CLIENT_ID, credentialsFile, resetFake, SKILL_ID } from '../../test/e2e/fixtures.mts';
import {
	installPackedPackage,
	n8n,
	output,
	publishWorkflow,
	root,
	startN8n,
} from '../../test/e2e/n8n.mts';
import { startedGroupIds, stopAll, waitFor } from '../../test/e2e/processes.mts';
import { triggerListening } from '../../test/e2e/stages/trigger.mts';
import { AMAZON_API_HOSTS, startFakeAlexa, type FakeAlexa } from '../../test/fake-alexa/server.mts';
import { type SkillWorkflow, startSimulator } from './simulator.mts';

assert.ok(
	process.env.E2E_OUTPUT,
	'E2E_OUTPUT names the playground folder (scripts/start.sh sets it)',
);
const N8N_PORT = Number(process.env.PLAYGROUND_N8N_PORT ?? 5678);
const SIMULATOR_PORT = Number(process.env.PLAYGROUND_PORT ?? 5690);
const ALEXA_PORT = Number(process.env.PLAYGROUND_ALEXA_PORT ?? 5691);
const OWNER = {
	email: 'playground@example.com',
	firstName: 'Playground',
	lastName: 'User',
	password: 'Playground-password-1',
};
const CHAIN_PATH = '/echo.api/echo-api-cert-playground.pem';
const stateFile = path.join(output, 'state.json');
const say = (text: string) => process.stdout.write(`[playground] ${text}\n`);

/** What the previous start did, so that this one skips what has not changed. */
interface State {
	installedTarball?: string;
	credentials?: string;
	workflows?: string;
	ownerCreated?: boolean;
	pki?: Record<
		'root' | 'intermediate' | 'signing',
		{ pem: string; key: string; commonName: string }
	>;
}
const state: State = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
const saveState = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
const hash = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** The test chain the simulator signs with, kept across starts (the workflows trust its root). */
function playgroundPki(): TestPki {
	const restore = (saved: { pem: string; key: string; commonName: string }): TestCertificate => ({
		pem: saved.pem,
		commonName: saved.commonName,
		privateKey: crypto.createPrivateKey(saved.key),
	});
	const leafValid = (pem: string) =>
		new crypto.X509Certificate(pem).validToDate.getTime() > Date.now() + 7 * 24 * 3600_000;
	if (state.pki && leafValid(state.pki.signing.pem) && leafValid(state.pki.root.pem))
		return {
			root: restore(state.pki.root),
			intermediate: restore(state.pki.intermediate),
			signing: restore(state.pki.signing),
			chainPem: state.pki.signing.pem + state.pki.intermediate.pem,
		};
	const pki = makeTestPki();
	const save = (certificate: TestCertificate) => ({
		pem: certificate.pem,
		commonName: certificate.commonName,
		key: certificate.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
	});
	state.pki = {
		root: save(pki.root),
		intermediate: save(pki.intermediate),
		signing: save(pki.signing),
	};
	state.workflows = undefined;
	saveState();
	return pki;
}

/** The newest modification time under the package's sources. */
function newestSource(): number {
	let newest = 0;
	const visit = (entry: string) => {
		const stat = fs.statSync(entry);
		if (stat.isDirectory())
			for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
		else newest = Math.max(newest, stat.mtimeMs);
	};
	for (const entry of ['nodes', 'credentials', 'lambda', 'package.json', 'tsconfig.json'])
		visit(path.join(root, entry));
	return newest;
}

/** Builds and packs the package into the playground folder when its sources are newer than the last pack. */
function packedPackage(): string {
	// The e2e suite's playground stage hands it the tarball it packed.
	if (process.env.PLAYGROUND_TARBALL) return process.env.PLAYGROUND_TARBALL;
	const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
	const tarball = path.join(output, `n8n-nodes-alexa-${version}.tgz`);
	if (fs.existsSync(tarball) && fs.statSync(tarball).mtimeMs > newestSource()) return tarball;
	say('building and packing the package');
	for (const args of [
		['run', 'build'],
		['pack', '--loglevel=error', '--pack-destination', output],
	]) {
		const run = spawnSync('npm', args, { cwd: root, encoding: 'utf8' });
		assert.equal(run.status, 0, `npm ${args.join(' ')}: ${run.stderr}${run.stdout}`);
	}
	return tarball;
}

/** The credentials n8n gets: pointed at the stand-in, or at Amazon with the user's own client. */
function credentials(fake: FakeAlexa): { file: string; realAlexa: boolean } {
	const clientId = process.env.ALEXA_CLIENT_ID;
	const clientSecret = process.env.ALEXA_CLIENT_SECRET;
	if (!clientId || !clientSecret) return { file: credentialsFile(fake), realAlexa: false };
	const region = process.env.ALEXA_REGION ?? 'northAmerica';
	const refreshToken = process.env.ALEXA_REFRESH_TOKEN ?? '';
	const own = JSON.parse(fs.readFileSync(credentialsFile(fake), 'utf8')) as Array<{
		type: string;
		data: Record<string, unknown>;
	}>;
	for (const credential of own) {
		if (credential.type === 'alexaSmartHomeRelayApi') continue;
		credential.data = {
			clientId,
			clientSecret,
			region,
			...(credential.type === 'alexaLwaRefreshTokenApi' ? { refreshToken } : {}),
		};
	}
	const file = path.join(output, 'credentials.json');
	fs.writeFileSync(file, JSON.stringify(own, null, 2));
	return { file, realAlexa: true };
}

/** Every example as the e2e suite imports it, the Alexa Trigger ones trusting the test root. */
function examples(pki: TestPki): { folder: string; published: string[]; skills: SkillWorkflow[] } {
	const folder = path.join(output, 'examples');
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	const published: string[] = [];
	const skills: SkillWorkflow[] = [];
	for (const file of fs.readdirSync(path.join(root, 'examples')).sort()) {
		if (!file.endsWith('.json')) continue;
		const text = fs
			.readFileSync(path.join(root, 'examples', file), 'utf8')
			.replaceAll('SKILL_MESSAGING_CREDENTIAL_ID', 'alexaE2eMessaging')
			.replaceAll('REFRESH_TOKEN_CREDENTIAL_ID', 'alexaE2eCustomer')
			.replaceAll('DEVELOPER_CREDENTIAL_ID', 'alexaE2eDeveloper')
			.replaceAll('SMART_HOME_RELAY_CREDENTIAL_ID', 'alexaE2eRelay');
		const workflow = JSON.parse(text);
		workflow.active ??= false;
		let webhook = false;
		for (const node of workflow.nodes) {
			if (node.type === 'n8n-nodes-alexa.alexaTrigger') {
				node.parameters.options = {
					...node.parameters.options,
					additionalTrustedRoot: pki.root.pem,
				};
				skills.push({
					id: workflow.id,
					name: workflow.name,
					webhookPath: `${node.webhookId}/alexa`,
				});
			}
			if (
				[
					'n8n-nodes-alexa.alexaTrigger',
					'n8n-nodes-alexa.alexaSmartHomeTrigger',
					'n8n-nodes-base.webhook',
				].includes(node.type)
			)
				webhook = true;
		}
		if (webhook) published.push(workflow.id);
		fs.writeFileSync(path.join(folder, file), JSON.stringify(workflow, null, 2));
	}
	// The skill backend first: the page opens on it.
	skills.sort(
		(a, b) => Number(b.id === 'alexaExSkillBackend') - Number(a.id === 'alexaExSkillBackend'),
	);
	return { folder, published, skills };
}

fs.mkdirSync(output, { recursive: true });
const started = performance.now();
const tarball = packedPackage();
const tarballHash = hash(fs.readFileSync(tarball).toString('base64'));
if (state.installedTarball !== tarballHash) {
	say('installing the package into the playground n8n');
	installPackedPackage(tarball);
	state.installedTarball = tarballHash;
	saveState();
}

const fake = await startFakeAlexa({ port: ALEXA_PORT }).catch((error: Error) => {
	throw new Error(
		`the Alexa stand-in could not listen on 127.0.0.1:${ALEXA_PORT} (${error.message}): set PLAYGROUND_ALEXA_PORT to a free port`,
	);
});
resetFake(fake);
const s3 = await startS3StandIn().catch((error: Error) => {
	throw new Error(
		`the certificate stand-in for ${S3_HOST} needs port 443 on a loopback address (${error.message}): run as root, or allow it (sudo sysctl net.ipv4.ip_unprivileged_port_start=443)`,
	);
});
const pki = playgroundPki();
s3.put(CHAIN_PATH, pki.chainPem);
const amazonHosts = await fake.serveAmazonHosts();
const tlsRoots = path.join(output, 'amazon-hosts-tls-roots.pem');
fs.writeFileSync(tlsRoots, s3.tlsRoot.pem + amazonHosts.tlsRootPem);
const { file: credentialFile, realAlexa } = credentials(fake);
const n8nEnv = {
	N8N_PORT: String(N8N_PORT),
	NODE_EXTRA_CA_CERTS: tlsRoots,
	NODE_OPTIONS: `--import=${path.join(root, 'test/alexa-signer/amazonHostsHook.mts')}`,
	// With the user's own client, only the certificate host is local: the Alexa APIs are Amazon's.
	ALEXA_TEST_HOSTS: JSON.stringify({
		[S3_HOST]: s3.address,
		...(realAlexa
			? {}
			: Object.fromEntries(AMAZON_API_HOSTS.map((host) => [host, amazonHosts.address]))),
	}),
};

const credentialsHash = hash(fs.readFileSync(credentialFile, 'utf8'));
if (state.credentials !== credentialsHash) {
	say(`importing the credentials, pointed at ${realAlexa ? 'Amazon' : 'the local Alexa stand-in'}`);
	const imported = await n8n(['import:credentials', `--input=${credentialFile}`]);
	assert.equal(imported.status, 0, imported.stderr + imported.stdout);
	state.credentials = credentialsHash;
	saveState();
}
const { folder, published, skills } = examples(pki);
const workflowsHash = hash(
	fs
		.readdirSync(folder)
		.map((file) => fs.readFileSync(path.join(folder, file), 'utf8'))
		.join('\n'),
);
if (state.workflows !== workflowsHash) {
	say(`importing the ${fs.readdirSync(folder).length} examples and publishing ${published.length}`);
	const imported = await n8n(['import:workflow', '--separate', `--input=${folder}`]);
	assert.equal(imported.status, 0, imported.stderr + imported.stdout);
	for (const id of published) await publishWorkflow(id);
	state.workflows = workflowsHash;
	saveState();
}

say('starting n8n');
await startN8n(['start'], n8nEnv, 'playground-n8n');
const editor = `http://localhost:${N8N_PORT}`;
await waitFor(
	'the n8n editor',
	async () =>
		(await fetch(`${editor}/rest/settings`).catch(() => undefined))?.headers
			.get('content-type')
			?.includes('json') ?? false,
	180_000,
);
// Published workflows are registered after the REST API answers: the simulator's first request
// waits for the skill backend's trigger (400 to an unsigned request: it is listening).
const backend = skills[0];
if (backend) await triggerListening(N8N_PORT, `/webhook/${backend.webhookPath}`);
if (!state.ownerCreated) {
	const setup = await fetch(`${editor}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	assert.equal(setup.status, 200, `n8n's owner set-up: ${await setup.text()}`);
	state.ownerCreated = true;
	saveState();
}
const simulator = await startSimulator({
	port: SIMULATOR_PORT,
	n8nUrl: editor,
	workflows: skills,
	skillId: SKILL_ID,
	pki,
	chainUrl: chainUrl(CHAIN_PATH),
	fake: realAlexa ? undefined : fake,
});

say(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s
  n8n editor:       ${editor}   (email ${OWNER.email}, password ${OWNER.password})
  Alexa simulator:  ${simulator.url}
  ${
		realAlexa
			? `credentials:      your LWA client ${process.env.ALEXA_CLIENT_ID}, pointed at Amazon (region ${process.env.ALEXA_REGION ?? 'northAmerica'}): what the workflows send goes to Amazon`
			: `credentials:      pointed at the local Alexa stand-in (${fake.url}, client ${CLIENT_ID}): nothing reaches Amazon`
	}
  data:             ${output} (your own ~/.n8n is not touched)
  processes:        ${[...startedGroupIds()].map((pid) => `pid ${pid}`).join(', ')} (n8n, each in a process group of its own)
  Ctrl-C stops it.`);

let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	say(`${signal}: stopping n8n and the stand-ins`);
	await stopAll();
	await simulator.close();
	await fake.close();
	await s3.close();
	say('stopped');
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
