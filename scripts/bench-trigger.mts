/**
 * `npm run bench`, the Alexa Trigger part: requests per second and p50/p99 latency through the
 * Alexa Trigger, which verifies every request (certificate chain cached after the first fetch,
 * Signature-256, timestamp, skill ID, requestId not seen before), against n8n's plain Webhook
 * node on signed requests made the same way, in one real n8n (the one `npm run test:e2e`
 * installs), in the same run. Each request is signed anew with its own requestId: the trigger
 * refuses a copy of one it has accepted (a replay).
 *
 * A third workflow starts with a minimal community trigger that checks nothing
 * (test/e2e/bare-trigger): n8n 2.41 gives every webhook node but its own Webhook node an
 * expression isolate per request, a cost no community trigger can avoid, so the Alexa Trigger's
 * own cost (verification and its item) is its gap to that floor.
 *
 * All three answer with the same Skill Response → Build node (When Last Node Finishes, First
 * Entry JSON). The chain is served by the stand-in for s3.amazonaws.com over TLS, as in the e2e
 * trigger stage. The phases run in turn, BENCH_TRIGGER_ROUNDS times, to show the run-to-run noise next to the gaps.
 *
 *   BENCH_TRIGGER_REQUESTS (1000 per phase)  BENCH_TRIGGER_CONCURRENCY (20)  BENCH_TRIGGER_ROUNDS (3)
 *   BENCH_TRIGGER_CPU_PROF=<folder>: n8n runs with --cpu-prof and writes its profile there on exit.
 *   Needs E2E_OUTPUT (scripts/bench.sh sets it to bench-output/) and a packed tarball as argv[2].
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { launchRequest } from '../test/alexa-signer/requests.mts';
import { chainUrl } from '../test/alexa-signer/s3StandIn.mts';
import { alexaHeaders } from '../test/alexa-signer/signer.mts';
import { SKILL_ID } from '../test/e2e/fixtures.mts';
import {
	importWorkflow,
	installPackedPackage,
	output,
	publishWorkflow,
	root,
	startN8n,
	userFolder,
} from '../test/e2e/n8n.mts';
import { freePort, stopAll, waitFor } from '../test/e2e/processes.mts';
import { CHAIN_PATH, signedAlexa, triggerListening } from '../test/e2e/stages/trigger.mts';

const REQUESTS = Number(process.env.BENCH_TRIGGER_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_TRIGGER_CONCURRENCY ?? 20);
const ROUNDS = Number(process.env.BENCH_TRIGGER_ROUNDS ?? 3);
const WARM_UP = 50;
const tarball = process.argv[2];

const answerNode = {
	parameters: {
		resource: 'skillResponse',
		operation: 'build',
		speech: 'Welcome to your list.',
		shouldEndSession: 'end',
		options: {},
	},
	id: 'b0000000-0000-4000-8000-000000000003',
	name: 'Answer Alexa',
	type: 'n8n-nodes-alexa.alexa',
	typeVersion: 1,
	position: [240, 0],
};

/** The three workflows: each start node, then the same Answer Alexa; keyed by what the table calls them. */
interface StartNode {
	key: string;
	type: string;
	typeVersion: number;
	webhookId: string;
	/** The URL path after /webhook/. */
	urlPath: string;
	parameters: (rootPem: string) => Record<string, unknown>;
}
const START_NODES: Record<string, StartNode> = {
	'plain Webhook node': {
		key: 'PlainWebhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: 'bench-plain-webhook',
		urlPath: 'bench-plain-webhook',
		parameters: () => ({
			httpMethod: 'POST',
			path: 'bench-plain-webhook',
			responseMode: 'lastNode',
			responseData: 'firstEntryJson',
			options: {},
		}),
	},
	'bare community trigger, no checks': {
		key: 'BareTrigger',
		type: 'CUSTOM.bareTrigger',
		typeVersion: 1,
		webhookId: 'bench-bare-trigger',
		urlPath: 'bench-bare-trigger/bare',
		parameters: () => ({}),
	},
	'Alexa Trigger, verifying': {
		key: 'AlexaTrigger',
		type: 'n8n-nodes-alexa.alexaTrigger',
		typeVersion: 1,
		webhookId: 'bench-alexa-trigger',
		urlPath: 'bench-alexa-trigger/alexa',
		parameters: (rootPem) => ({
			skillIds: SKILL_ID,
			responseMode: 'lastNode',
			options: { additionalTrustedRoot: rootPem },
		}),
	},
};

/** Imports and publishes one bench workflow: the start node, then Answer Alexa. */
async function publishBenchWorkflow(
	label: string,
	start: StartNode,
	rootPem: string,
): Promise<void> {
	const id = `bench${start.key}`;
	await importWorkflow(
		{
			id,
			name: `Bench: ${label}`,
			nodes: [
				{
					parameters: start.parameters(rootPem),
					id: `${id}-start`,
					name: 'Start',
					type: start.type,
					typeVersion: start.typeVersion,
					position: [0, 0],
					webhookId: start.webhookId,
				},
				answerNode,
			],
			connections: { Start: { main: [[{ node: 'Answer Alexa', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
			pinData: {},
		} as { id: string },
		id,
	);
	await publishWorkflow(id);
}

interface Phase {
	/** The start node, as START_NODES names it. */
	label: string;
	round: number;
	perSecond: number;
	p50: number;
	p99: number;
}

function percentile(sorted: number[], share: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/** `count` signed LaunchRequests POSTed to `url`, `CONCURRENCY` at a time; every answer must be Alexa's speech. */
async function drive(
	url: string,
	count: number,
	signed: Array<{ body: string; headers: Record<string, string> }>,
): Promise<{ seconds: number; latencies: number[] }> {
	const latencies: number[] = [];
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < count) {
			const { body, headers } = signed[next++]!;
			const sent = performance.now();
			const answer = await fetch(url, { method: 'POST', headers, body });
			const json = (await answer.json()) as { response?: { outputSpeech?: { text?: string } } };
			latencies.push(performance.now() - sent);
			assert.equal(answer.status, 200, JSON.stringify(json));
			assert.equal(
				json.response?.outputSpeech?.text,
				'Welcome to your list.',
				JSON.stringify(json),
			);
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return { seconds: (performance.now() - started) / 1000, latencies };
}

assert.ok(tarball && fs.existsSync(tarball), `no tarball at ${tarball}`);
// The folder is emptied: it must be the bench's own (scripts/bench.sh sets it), never e2e-output/.
assert.ok(
	process.env.E2E_OUTPUT,
	'E2E_OUTPUT names the folder for this bench (scripts/bench.sh sets it)',
);
fs.rmSync(output, { recursive: true, force: true });
fs.mkdirSync(userFolder, { recursive: true });
installPackedPackage(tarball);
const customNodes = path.join(userFolder, '.n8n/custom');
fs.mkdirSync(customNodes, { recursive: true });
fs.copyFileSync(
	path.join(root, 'test/e2e/bare-trigger/BareTrigger.node.js'),
	path.join(customNodes, 'BareTrigger.node.js'),
);

const alexa = await signedAlexa();
const phases: Phase[] = [];
try {
	for (const [label, start] of Object.entries(START_NODES))
		await publishBenchWorkflow(label, start, alexa.pki.root.pem);
	const port = await freePort();
	const profile = process.env.BENCH_TRIGGER_CPU_PROF;
	const n8nEnv = profile
		? {
				...alexa.n8nEnv,
				NODE_OPTIONS: `${alexa.n8nEnv.NODE_OPTIONS} --cpu-prof --cpu-prof-dir=${profile}`,
			}
		: alexa.n8nEnv;
	await startN8n(['start'], { ...n8nEnv, N8N_PORT: String(port) }, 'bench-trigger-n8n');
	await triggerListening(port, `/webhook/${START_NODES['Alexa Trigger, verifying']!.urlPath}`);
	const urls = Object.fromEntries(
		Object.entries(START_NODES).map(([label, start]) => [
			label,
			`http://127.0.0.1:${port}/webhook/${start.urlPath}`,
		]),
	);
	await waitFor(
		'the plain Webhook',
		async () =>
			(
				await fetch(urls['plain Webhook node']!, { method: 'POST', body: '{}' }).catch(
					() => undefined,
				)
			)?.status === 200,
		60_000,
	);

	// Signed just before each phase: Alexa's timestamps are good for 150 s.
	const sign = (count: number) =>
		Array.from({ length: count }, () => {
			const body = JSON.stringify(launchRequest({ skillId: SKILL_ID }));
			return {
				body,
				headers: alexaHeaders(body, alexa.pki.signing.privateKey, chainUrl(CHAIN_PATH)),
			};
		});
	for (const url of Object.values(urls)) await drive(url, WARM_UP, sign(WARM_UP));
	for (let round = 1; round <= ROUNDS; round++) {
		for (const [run, url] of Object.entries(urls)) {
			const { seconds, latencies } = await drive(url, REQUESTS, sign(REQUESTS));
			latencies.sort((a, b) => a - b);
			phases.push({
				label: run,
				round,
				perSecond: REQUESTS / seconds,
				p50: percentile(latencies, 0.5),
				p99: percentile(latencies, 0.99),
			});
		}
	}
	assert.equal(
		alexa.s3.fetches.get(CHAIN_PATH),
		1,
		'one certificate fetch for every request of this n8n process',
	);
} finally {
	await stopAll();
	await alexa.s3.close();
}

const mean = (label: string) => {
	const chosen = phases.filter((phase) => phase.label === label);
	return chosen.reduce((sum, phase) => sum + phase.perSecond, 0) / chosen.length;
};
const baseline = mean('plain Webhook node');
const floor = mean('bare community trigger, no checks');
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
	`\nAlexa Trigger benchmark in a real n8n: ${os.cpus().length} × ${cpu}, Node ${process.version}, ${REQUESTS} signed LaunchRequests per phase, ${CONCURRENCY} at a time\n`,
);
console.log(
	'| run | requests/s | ratio to the plain Webhook | ratio to the bare community trigger | p50 ms | p99 ms |',
);
console.log('|---|---|---|---|---|---|');
for (const phase of phases) {
	console.log(
		`| ${phase.label}, round ${phase.round} | ${phase.perSecond.toFixed(0)} | ${(phase.perSecond / baseline).toFixed(2)} | ${(phase.perSecond / floor).toFixed(2)} | ${phase.p50.toFixed(1)} | ${phase.p99.toFixed(1)} |`,
	);
}
const alexaTrigger = mean('Alexa Trigger, verifying');
console.log(`
(ratios to the mean of the baseline's rounds)
The Alexa Trigger's own cost, verification and its item: ${((1 - alexaTrigger / floor) * 100).toFixed(1)} % of a community trigger's throughput (target ≤ 10 %).
Against n8n's Webhook node: ${((1 - alexaTrigger / baseline) * 100).toFixed(1)} %, of which ${((1 - floor / baseline) * 100).toFixed(1)} % is what n8n 2.41 costs any community trigger (an expression isolate per request).
Certificate chain fetched ${alexa.s3.fetches.get(CHAIN_PATH)} time(s) for the ${ROUNDS * REQUESTS + WARM_UP} signed requests to the Alexa Trigger in one n8n process.
`);
