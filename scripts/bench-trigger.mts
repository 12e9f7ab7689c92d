/**
 * `npm run bench`, the triggers part: requests per second and p50/p95/p99 latency through the
 * Alexa Trigger, which verifies every request (certificate chain cached after the first fetch,
 * Signature-256, timestamp, skill ID, requestId not seen before), and through the Alexa Smart
 * Home Trigger, which verifies every directive as the relay signs it (decision 10: HMAC-SHA256,
 * timestamp, messageId not seen before), against n8n's plain Webhook node, in one real n8n (the
 * one `npm run test:e2e` installs), in the same run. Each request is signed anew with its own
 * requestId or messageId: both triggers refuse a copy of one they have accepted (a replay).
 *
 * A fourth workflow starts with a minimal community trigger that checks nothing
 * (test/e2e/bare-trigger): n8n 2.41 gives every webhook node but its own Webhook node an
 * expression isolate per request, a cost no community trigger can avoid, so each trigger's own
 * cost (verification and its item) is its gap to that floor.
 *
 * The Webhook node, the bare trigger and the Alexa Trigger answer with the same Skill Response →
 * Build node (When Last Node Finishes, First Entry JSON), sent signed LaunchRequests; the Smart
 * Home Trigger answers TurnOn directives with Smart Home Response → Confirm Directive. The chain
 * is served by the stand-in for s3.amazonaws.com over TLS, as in the e2e trigger stage.
 *
 * Then latency (issue 24): TurnOn through the relay's own handler (lambda/alexaSmartHomeRelay.mjs,
 * imported and called as Lambda calls it, N8N_WEBHOOK_URL and RELAY_SECRET in its environment) to
 * that smart home workflow and to the lamp example as shipped (examples/smart-home-lamp.json:
 * Code node, Switch, Confirm Directive), one at a time and BENCH_TRIGGER_LATENCY_CONCURRENCY at
 * a time, beside the same kind of requests sent straight to the Webhook node, the Alexa Trigger
 * and the smart home workflow. The relay runs in this process over http to 127.0.0.1: no Lambda
 * start-up, no internet, no TLS. All phases run in turn, BENCH_TRIGGER_ROUNDS times, to show the
 * run-to-run noise next to the gaps.
 *
 *   BENCH_TRIGGER_REQUESTS (1000 per throughput phase)  BENCH_TRIGGER_CONCURRENCY (20)
 *   BENCH_TRIGGER_LATENCY_REQUESTS (200 per latency phase)  BENCH_TRIGGER_LATENCY_CONCURRENCY (10)
 *   BENCH_TRIGGER_ROUNDS (3)
 *   BENCH_TRIGGER_QUEUE (1; 0 leaves out queue mode)  BENCH_TRIGGER_WORKER_CONCURRENCY (10)
 *   BENCH_TRIGGER_CPU_PROF=<folder>: n8n runs with --cpu-prof and writes its profile there on exit.
 *   Needs E2E_OUTPUT (scripts/bench.sh sets it to bench-output/) and a packed tarball as argv[2].
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { launchRequest } from '../test/alexa-signer/requests.mts';
import { chainUrl } from '../test/alexa-signer/s3StandIn.mts';
import { alexaHeaders } from '../test/alexa-signer/signer.mts';
import { schemaErrors } from '../test/harness/schema.mts';
import { RELAY_SECRET, SKILL_ID } from '../test/e2e/fixtures.mts';
import {
	importExample,
	importWorkflow,
	installPackedPackage,
	n8n,
	output,
	publishWorkflow,
	root,
	startN8n,
	userFolder,
} from '../test/e2e/n8n.mts';
import { freePort, startedGroupIds, stopAll, waitFor } from '../test/e2e/processes.mts';
import { startQueueMode, stopQueueMode } from '../test/e2e/queueMode.mts';
import { directive } from '../test/e2e/stages/smartHome.mts';
import { CHAIN_PATH, signedAlexa, triggerListening } from '../test/e2e/stages/trigger.mts';
import { n8nVersion } from './lib/cache.mts';
import { RELAY_FILE } from './relayTemplate.mts';

const REQUESTS = Number(process.env.BENCH_TRIGGER_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_TRIGGER_CONCURRENCY ?? 20);
const LATENCY_REQUESTS = Number(process.env.BENCH_TRIGGER_LATENCY_REQUESTS ?? 200);
const LATENCY_CONCURRENCY = Number(process.env.BENCH_TRIGGER_LATENCY_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_TRIGGER_ROUNDS ?? 3);
/** Issue 26: the same throughput phases in queue mode, one main, one worker, one webhook processor. */
const QUEUE_MODE = process.env.BENCH_TRIGGER_QUEUE !== '0';
/** The worker's `--concurrency` in queue mode: n8n's default. */
const WORKER_CONCURRENCY = Number(process.env.BENCH_TRIGGER_WORKER_CONCURRENCY ?? 10);
const WARM_UP = 50;
/** Alexa waits about 8 s for a smart home skill's answer (decision 10). */
const ALEXA_WAITS_MS = 8000;
/** The id importExample gives the examples' relay credential; the smart home workflow uses it too. */
const RELAY_CREDENTIAL = { id: 'alexaE2eRelay', name: 'Alexa smart home relay' };
const LAMP_PATH = 'alexa-smart-home-lamp/alexa-smart-home';
const tarball = process.argv[2];

const answerPosition = [240, 0];
const buildNode = {
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
	position: answerPosition,
};
const confirmNode = {
	parameters: { resource: 'smartHomeResponse', operation: 'confirmDirective', options: {} },
	id: 'b0000000-0000-4000-8000-000000000004',
	name: 'Answer Alexa',
	type: 'n8n-nodes-alexa.alexa',
	typeVersion: 1,
	position: answerPosition,
};

/** The four workflows: each start node, then its answer; keyed by what the table calls them. */
interface StartNode {
	key: string;
	/** What it is sent: signed LaunchRequests, or TurnOn directives signed as the relay signs them. */
	kind: 'skill' | 'smartHome';
	type: string;
	typeVersion: number;
	webhookId: string;
	/** The URL path after /webhook/. */
	urlPath: string;
	parameters: (rootPem: string) => Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
const WEBHOOK = 'plain Webhook node';
const BARE = 'bare community trigger, no checks';
const ALEXA_TRIGGER = 'Alexa Trigger, verifying';
const SMART_HOME = 'Alexa Smart Home Trigger, verifying';
const START_NODES: Record<string, StartNode> = {
	[WEBHOOK]: {
		key: 'PlainWebhook',
		kind: 'skill',
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
	[BARE]: {
		key: 'BareTrigger',
		kind: 'skill',
		type: 'CUSTOM.bareTrigger',
		typeVersion: 1,
		webhookId: 'bench-bare-trigger',
		urlPath: 'bench-bare-trigger/bare',
		parameters: () => ({}),
	},
	[ALEXA_TRIGGER]: {
		key: 'AlexaTrigger',
		kind: 'skill',
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
	[SMART_HOME]: {
		key: 'SmartHomeTrigger',
		kind: 'smartHome',
		type: 'n8n-nodes-alexa.alexaSmartHomeTrigger',
		typeVersion: 1,
		webhookId: 'bench-smart-home-trigger',
		urlPath: 'bench-smart-home-trigger/alexa-smart-home',
		parameters: () => ({ events: ['powerController'], responseMode: 'lastNode', options: {} }),
		credentials: { alexaSmartHomeRelayApi: RELAY_CREDENTIAL },
	},
};

/** Imports and publishes one bench workflow: the start node, then its answer. */
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
					...(start.credentials ? { credentials: start.credentials } : {}),
				},
				start.kind === 'skill' ? buildNode : confirmNode,
			],
			connections: { Start: { main: [[{ node: 'Answer Alexa', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
			pinData: {},
		} as { id: string },
		id,
	);
	await publishWorkflow(id);
}

interface Answer {
	status: number;
	json: any;
}
/** One request, signed before the phase starts: how to send it, and what its answer must be. */
interface Request {
	send: () => Promise<Answer>;
	/** Throws when the answer is wrong; 'slow' when it is the Alexa Trigger's slow answer. */
	check: (answer: Answer) => 'slow' | void;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
	const answer = await fetch(url, { method: 'POST', headers, body });
	return { status: answer.status, json: await answer.json() };
}

/**
 * The Alexa Trigger's default Slow Answer: what it tells Alexa when the workflow has not answered
 * 7 s after the request (When the Workflow Is Slow, issue 26), read from the built node.
 */
const { DEFAULT_SLOW_ANSWER } = createRequire(import.meta.url)(
	path.join(root, 'dist/nodes/AlexaTrigger/requests/slowAnswer.js'),
) as { DEFAULT_SLOW_ANSWER: string };

/** Build's answer, or (counted apart) the trigger's slow answer: both a valid answer for Alexa. */
function isSpeech(answer: Answer): 'slow' | void {
	assert.equal(answer.status, 200, JSON.stringify(answer.json));
	assert.equal(answer.json?.version, '1.0', JSON.stringify(answer.json));
	assert.equal(answer.json?.response?.shouldEndSession, true, JSON.stringify(answer.json));
	if (answer.json?.response?.outputSpeech?.text === DEFAULT_SLOW_ANSWER) return 'slow';
	assert.equal(
		answer.json?.response?.outputSpeech?.text,
		'Welcome to your list.',
		JSON.stringify(answer.json),
	);
}

/** Alexa.Response to this TurnOn: its correlation token, powerState ON. */
function confirmsTurnOn(correlationToken: string) {
	return (answer: Answer): void => {
		const text = JSON.stringify(answer.json);
		assert.equal(answer.status, 200, text);
		assert.equal(answer.json?.event?.header?.name, 'Response', text);
		assert.equal(answer.json.event.header.correlationToken, correlationToken, text);
		const power = answer.json.context?.properties?.find(
			(property: { name: string }) => property.name === 'powerState',
		);
		assert.equal(power?.value, 'ON', text);
	};
}

const turnOn = () => directive('Alexa.PowerController', 'TurnOn', {}, 'n8n-lamp');

/** A directive signed as the relay signs it (decision 10), for a POST straight to the trigger. */
function relaySigned(event: unknown): { body: string; headers: Record<string, string> } {
	const body = JSON.stringify(event);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const mac = createHmac('sha256', RELAY_SECRET).update(`${timestamp}.${body}`).digest('hex');
	return {
		body,
		headers: {
			'content-type': 'application/json',
			'x-alexa-relay-timestamp': timestamp,
			'x-alexa-relay-signature': `v1=${mac}`,
		},
	};
}

type Handler = (event: unknown, context: unknown) => Promise<Record<string, any>>;
const { handler: relayHandler } = (await import(pathToFileURL(RELAY_FILE).href)) as {
	handler: Handler;
};
/** The relay's one log line per directive, kept here (not printed): each outcome is counted. */
const relayOutcomes = new Map<string, number>();

/** `count` requests of one kind to `url`: straight to n8n, or (smart home) through the relay's handler. */
function requests(
	kind: StartNode['kind'] | 'relay',
	url: string,
	count: number,
	signing: (body: string) => Record<string, string>,
): Request[] {
	return Array.from({ length: count }, () => {
		if (kind === 'skill') {
			const body = JSON.stringify(launchRequest({ skillId: SKILL_ID }));
			const headers = signing(body);
			return { send: () => post(url, body, headers), check: isSpeech };
		}
		const event = turnOn();
		const check = confirmsTurnOn(event.directive.header.correlationToken);
		if (kind === 'smartHome') {
			const { body, headers } = relaySigned(event);
			return { send: () => post(url, body, headers), check };
		}
		return {
			send: async () => {
				// Read by the handler before its first await: each call gets its own URL.
				process.env.N8N_WEBHOOK_URL = url;
				return { status: 200, json: await relayHandler(event, { awsRequestId: randomUUID() }) };
			},
			check,
		};
	});
}

interface Measured {
	label: string;
	round: number;
	/** When the phase started, UTC hh:mm:ss: to match against what else ran on the machine. */
	at: string;
	/** CPUs other processes kept busy during the phase, on average (undefined without /proc). */
	others?: number;
	concurrency: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Requests sent in the phase. */
	sent: number;
	/** Requests answered as they must be (status 200 and the expected body); the others failed. */
	answered: number;
	/** Of those, how many the Alexa Trigger answered itself at 7 s, the workflow being slower. */
	slowAnswers: number;
	/** What the first failed request got, if one failed. */
	firstFailure?: string;
}

/** USER_HZ: the unit of /proc's CPU times on Linux. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by the whole machine (busy time, /proc/stat) and by this bench's own
 * processes (this one, and every process group it started: n8n and its task runners, and in queue
 * mode PostgreSQL, Redis and n8n's other processes); undefined where there is no /proc (not Linux).
 * Their difference over a phase is what other processes took from the 2 CPUs meanwhile.
 */
function cpuSeconds(): { machine: number; ours: number } | undefined {
	if (!fs.existsSync('/proc/stat')) return undefined;
	// user nice system idle iowait irq softirq steal: idle and iowait are not busy.
	const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
	const times = fields.slice(1, 9).map(Number);
	const busy = times.reduce((sum, value) => sum + value, 0) - times[3]! - times[4]!;
	const usage = process.cpuUsage();
	const groups = startedGroupIds();
	let ours = (usage.user + usage.system) / 1e6;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^[0-9]+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// After "pid (comm) ": state, ppid, pgrp, … utime and stime are the 12th and 13th.
			const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (groups.has(Number(after[2])))
				ours += (Number(after[11]) + Number(after[12])) / TICKS_PER_SECOND;
		} catch {
			// the process has ended
		}
	}
	return { machine: busy / TICKS_PER_SECOND, ours };
}

function percentile(sorted: number[], share: number): number {
	if (sorted.length === 0) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/**
 * The requests, `concurrency` at a time; every answer is checked, and a failed one (an error, or
 * the wrong status or body) is counted rather than ending the phase: the figures say how many.
 */
async function drive(
	label: string,
	round: number,
	batch: Request[],
	concurrency: number,
): Promise<Measured> {
	const latencies: number[] = [];
	let next = 0;
	let answered = 0;
	let slowAnswers = 0;
	let firstFailure: string | undefined;
	const at = new Date().toISOString().slice(11, 19);
	const cpuBefore = cpuSeconds();
	const started = performance.now();
	const worker = async () => {
		while (next < batch.length) {
			const { send, check } = batch[next++]!;
			const sent = performance.now();
			try {
				const answer = await send();
				latencies.push(performance.now() - sent);
				if (check(answer) === 'slow') slowAnswers++;
				answered++;
			} catch (error) {
				firstFailure ??= (error as Error).message.slice(0, 300);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
	const seconds = (performance.now() - started) / 1000;
	const cpuAfter = cpuSeconds();
	const others =
		cpuBefore && cpuAfter
			? Math.max(0, cpuAfter.machine - cpuBefore.machine - (cpuAfter.ours - cpuBefore.ours)) /
				seconds
			: undefined;
	latencies.sort((a, b) => a - b);
	return {
		label,
		round,
		at,
		others,
		concurrency,
		perSecond: batch.length / seconds,
		p50: percentile(latencies, 0.5),
		p95: percentile(latencies, 0.95),
		p99: percentile(latencies, 0.99),
		max: latencies.at(-1)!,
		sent: batch.length,
		answered,
		slowAnswers,
		firstFailure,
	};
}

/** The throughput phases in queue mode; what they measured. */
const queued: Measured[] = [];
/** Certificate fetches by the webhook processor, which verifies the Alexa Trigger's requests. */
let queueFetches = 0;
const QUEUE_STARTS = [WEBHOOK, ALEXA_TRIGGER];

/**
 * Queue mode as n8n supports it for scaling (issue 26): PostgreSQL and Redis, main (taking no
 * production webhook), one worker and one webhook processor; the Webhook node and the Alexa
 * Trigger, each answered by Build in When Last Node Finishes, sent the same batches as before.
 * The webhook processor verifies and answers; the worker runs the execution.
 */
async function queueModePhases(
	alexa: Awaited<ReturnType<typeof signedAlexa>>,
	alexaSigned: (body: string) => Record<string, string>,
): Promise<void> {
	const fetchesBefore = alexa.s3.fetches.get(CHAIN_PATH) ?? 0;
	const queue = await startQueueMode('bench-queue', alexa.n8nEnv);
	for (const label of QUEUE_STARTS)
		await publishBenchWorkflow(label, START_NODES[label]!, alexa.pki.root.pem);
	await queue.startWorkers(1, WORKER_CONCURRENCY);
	const port = await queue.startWebhookProcessor('bench-queue-webhook');
	await triggerListening(port, `/webhook/${START_NODES[ALEXA_TRIGGER]!.urlPath}`);
	const urls = Object.fromEntries(
		QUEUE_STARTS.map((label) => [
			label,
			`http://127.0.0.1:${port}/webhook/${START_NODES[label]!.urlPath}`,
		]),
	);
	await waitFor(
		'the plain Webhook on the webhook processor',
		async () =>
			(await fetch(urls[WEBHOOK]!, { method: 'POST', body: '{}' }).catch(() => undefined))
				?.status === 200,
		60_000,
	);
	const batch = (label: string, count: number) =>
		requests('skill', urls[label]!, count, label === ALEXA_TRIGGER ? alexaSigned : () => ({}));
	for (const label of QUEUE_STARTS) await drive('warm-up', 0, batch(label, WARM_UP), CONCURRENCY);
	for (let round = 1; round <= ROUNDS; round++)
		for (const label of QUEUE_STARTS)
			queued.push(await drive(label, round, batch(label, REQUESTS), CONCURRENCY));
	queueFetches = (alexa.s3.fetches.get(CHAIN_PATH) ?? 0) - fetchesBefore;
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
const credentialsFile = path.join(output, 'credentials.json');
fs.writeFileSync(
	credentialsFile,
	JSON.stringify([
		{ ...RELAY_CREDENTIAL, type: 'alexaSmartHomeRelayApi', data: { relaySecret: RELAY_SECRET } },
	]),
);
const imported = await n8n(['import:credentials', `--input=${credentialsFile}`]);
assert.equal(imported.status, 0, imported.stderr + imported.stdout);

const alexa = await signedAlexa();
const throughput: Measured[] = [];
const latency: Measured[] = [];
let alexaTriggerRequests = 0;
/** The single n8n process's certificate fetches and signed requests, before queue mode. */
let singleProcess = { fetches: 0, requests: 0 };
const savedLog = console.log;
try {
	for (const [label, start] of Object.entries(START_NODES))
		await publishBenchWorkflow(label, start, alexa.pki.root.pem);
	await publishWorkflow(await importExample('smart-home-lamp'));
	const port = await freePort();
	const profile = process.env.BENCH_TRIGGER_CPU_PROF;
	const n8nEnv = profile
		? {
				...alexa.n8nEnv,
				NODE_OPTIONS: `${alexa.n8nEnv.NODE_OPTIONS} --cpu-prof --cpu-prof-dir=${profile}`,
			}
		: alexa.n8nEnv;
	await startN8n(['start'], { ...n8nEnv, N8N_PORT: String(port) }, 'bench-trigger-n8n');
	await triggerListening(port, `/webhook/${START_NODES[ALEXA_TRIGGER]!.urlPath}`);
	const webhookUrl = (urlPath: string) => `http://127.0.0.1:${port}/webhook/${urlPath}`;
	const urls = Object.fromEntries(
		Object.entries(START_NODES).map(([label, start]) => [label, webhookUrl(start.urlPath)]),
	);
	const lampUrl = webhookUrl(LAMP_PATH);
	await waitFor(
		'the plain Webhook',
		async () =>
			(await fetch(urls[WEBHOOK]!, { method: 'POST', body: '{}' }).catch(() => undefined))
				?.status === 200,
		60_000,
	);
	for (const url of [urls[SMART_HOME]!, lampUrl])
		await waitFor(
			'the Alexa Smart Home Trigger webhooks (401 to an unsigned request)',
			async () =>
				(
					await fetch(url, {
						method: 'POST',
						body: '{}',
						headers: { 'content-type': 'application/json' },
					}).catch(() => undefined)
				)?.status === 401,
			60_000,
		);

	// The relay as Lambda runs it; its log lines are counted by outcome, not printed.
	Object.assign(process.env, { RELAY_SECRET, N8N_WEBHOOK_URL: lampUrl });
	console.log = (...args: unknown[]) => {
		const line = args.map(String).join(' ');
		const outcome = line.startsWith('{"relay":"alexa-smart-home"')
			? (JSON.parse(line) as { outcome: string }).outcome
			: undefined;
		if (outcome === undefined) savedLog(...args);
		else relayOutcomes.set(outcome, (relayOutcomes.get(outcome) ?? 0) + 1);
	};

	// Signed just before each phase: Alexa's timestamps are good for 150 s, the relay's for 5 min.
	const alexaSigned = (body: string) => {
		alexaTriggerRequests++;
		return alexaHeaders(body, alexa.pki.signing.privateKey, chainUrl(CHAIN_PATH));
	};
	const unsigned = () => ({});
	const batch = (kind: StartNode['kind'] | 'relay', url: string, count: number) =>
		requests(kind, url, count, url === urls[ALEXA_TRIGGER] ? alexaSigned : unsigned);
	/** The latency phases: what reaches n8n straight, then TurnOn through the relay. */
	const latencyRuns: Array<{ label: string; kind: StartNode['kind'] | 'relay'; url: string }> = [
		{ label: 'Webhook node → Build, LaunchRequest straight', kind: 'skill', url: urls[WEBHOOK]! },
		{
			label: 'Alexa Trigger → Build, LaunchRequest straight',
			kind: 'skill',
			url: urls[ALEXA_TRIGGER]!,
		},
		{
			label: 'Smart Home Trigger → Confirm Directive, TurnOn straight',
			kind: 'smartHome',
			url: urls[SMART_HOME]!,
		},
		{
			label: 'Smart Home Trigger → Confirm Directive, TurnOn through the relay',
			kind: 'relay',
			url: urls[SMART_HOME]!,
		},
		{ label: 'lamp example, TurnOn through the relay', kind: 'relay', url: lampUrl },
	];

	for (const [label, url] of Object.entries(urls))
		await drive('warm-up', 0, batch(START_NODES[label]!.kind, url, WARM_UP), CONCURRENCY);
	// The lamp's Code node runs in n8n's task runner: its first executions start it.
	const [firstTurnOn] = batch('relay', lampUrl, 1);
	const first = await firstTurnOn!.send();
	firstTurnOn!.check(first);
	assert.deepEqual(schemaErrors(first.json), [], JSON.stringify(first.json));
	await drive('warm-up', 0, batch('relay', lampUrl, WARM_UP), LATENCY_CONCURRENCY);

	for (let round = 1; round <= ROUNDS; round++) {
		for (const [label, url] of Object.entries(urls))
			throughput.push(
				await drive(label, round, batch(START_NODES[label]!.kind, url, REQUESTS), CONCURRENCY),
			);
		for (const concurrency of [1, LATENCY_CONCURRENCY])
			for (const run of latencyRuns)
				latency.push(
					await drive(run.label, round, batch(run.kind, run.url, LATENCY_REQUESTS), concurrency),
				);
	}
	assert.equal(
		alexa.s3.fetches.get(CHAIN_PATH),
		1,
		'one certificate fetch for every request of this n8n process',
	);
	singleProcess = { fetches: alexa.s3.fetches.get(CHAIN_PATH)!, requests: alexaTriggerRequests };
	await stopAll();
	if (QUEUE_MODE) {
		console.log = savedLog;
		await queueModePhases(alexa, alexaSigned);
	}
} finally {
	console.log = savedLog;
	await stopAll();
	stopQueueMode();
	await alexa.s3.close();
}
const relayed = [...relayOutcomes.values()].reduce((sum, count) => sum + count, 0);
assert.deepEqual([...relayOutcomes.keys()], ['http 200'], JSON.stringify([...relayOutcomes]));

const mean = (label: string) => {
	const chosen = throughput.filter((phase) => phase.label === label);
	return chosen.reduce((sum, phase) => sum + phase.perSecond, 0) / chosen.length;
};
const baseline = mean(WEBHOOK);
const floor = mean(BARE);
const alexaTrigger = mean(ALEXA_TRIGGER);
const smartHome = mean(SMART_HOME);
/** Throughput of one run over another's, each round on its own. */
const byRound = (label: string, reference: string) =>
	Array.from({ length: ROUNDS }, (_, index) => {
		const of = (which: string) =>
			throughput.find((phase) => phase.label === which && phase.round === index + 1)!.perSecond;
		return `${(of(label) / of(reference)).toFixed(2)}`;
	}).join(', ');
const othersText = (phase: Measured) => phase.others?.toFixed(2) ?? '-';
const answeredText = (phase: Measured) =>
	`${phase.answered} / ${phase.sent}${phase.slowAnswers > 0 ? ` (${phase.slowAnswers} by the trigger's slow answer at 7 s)` : ''}`;
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
	`\nTrigger benchmark in n8n ${n8nVersion}: ${os.cpus().length} × ${cpu}, Node ${process.version} ("CPUs others took": the machine's busy CPUs during a phase less this bench's and n8n's own)`,
);
console.log(
	`\nThroughput: ${REQUESTS} requests per phase, ${CONCURRENCY} at a time (signed LaunchRequests; TurnOn directives signed as the relay signs them for the Smart Home Trigger)\n`,
);
console.log(
	'| run | UTC | CPUs others took | answered 200 with a valid body | requests/s | ratio to the plain Webhook | ratio to the bare community trigger | ratio to the Alexa Trigger | p50 ms | p95 ms | p99 ms |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const phase of throughput) {
	console.log(
		`| ${phase.label}, round ${phase.round} | ${phase.at} | ${othersText(phase)} | ${answeredText(phase)} | ${phase.perSecond.toFixed(1)} | ${(phase.perSecond / baseline).toFixed(2)} | ${(phase.perSecond / floor).toFixed(2)} | ${(phase.perSecond / alexaTrigger).toFixed(2)} | ${phase.p50.toFixed(1)} | ${phase.p95.toFixed(1)} | ${phase.p99.toFixed(1)} |`,
	);
}
console.log(`
(ratios to the mean of the baseline's rounds)
The Alexa Trigger's own cost, verification and its item: ${((1 - alexaTrigger / floor) * 100).toFixed(1)} % of a community trigger's throughput (target ≤ 10 %).
Against n8n's Webhook node: ${((1 - alexaTrigger / baseline) * 100).toFixed(1)} %, of which ${((1 - floor / baseline) * 100).toFixed(1)} % is what n8n 2.41 costs any community trigger (an expression isolate per request).
The Smart Home Trigger (→ Confirm Directive): ${(smartHome / alexaTrigger).toFixed(2)} × the Alexa Trigger's throughput, ${(smartHome / baseline).toFixed(2)} × the Webhook node's, ${(smartHome / floor).toFixed(2)} × the bare community trigger's (mean of the rounds).
The Smart Home Trigger against the Alexa Trigger, round by round: ${byRound(SMART_HOME, ALEXA_TRIGGER)}; against the Webhook node: ${byRound(SMART_HOME, WEBHOOK)}.
Certificate chain fetched ${singleProcess.fetches} time(s) for the ${singleProcess.requests} signed requests to the Alexa Trigger in one n8n process.
`);

console.log(
	`Latency: ${LATENCY_REQUESTS} requests per phase, one at a time and ${LATENCY_CONCURRENCY} at a time; "through the relay" is the relay's handler (lambda/alexaSmartHomeRelay.mjs) called in this process, as Lambda calls it, from the directive in to Alexa's answer out\n`,
);
console.log(
	"| run | at a time | round | UTC | CPUs others took | answered as expected | p50 ms | p95 ms | p99 ms | max ms | requests/s | p50 / the Webhook node's p50 |",
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const webhookP50 = (phase: Measured) =>
	latency.find(
		(other) =>
			other.round === phase.round &&
			other.concurrency === phase.concurrency &&
			other.label.startsWith('Webhook node'),
	)!.p50;
for (const phase of latency)
	console.log(
		`| ${phase.label} | ${phase.concurrency} | ${phase.round} | ${phase.at} | ${othersText(phase)} | ${answeredText(phase)} | ${phase.p50.toFixed(1)} | ${phase.p95.toFixed(1)} | ${phase.p99.toFixed(1)} | ${phase.max.toFixed(1)} | ${phase.perSecond.toFixed(1)} | ${(phase.p50 / webhookP50(phase)).toFixed(2)} |`,
	);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const summary = (label: string, concurrency: number, pick: (phase: Measured) => number) =>
	median(
		latency.filter((phase) => phase.label === label && phase.concurrency === concurrency).map(pick),
	);
const slowest = Math.max(
	...latency.filter((phase) => phase.label.includes('relay')).map((phase) => phase.max),
);
console.log('\n(medians of the rounds)');
for (const concurrency of [1, LATENCY_CONCURRENCY]) {
	const lamp = 'lamp example, TurnOn through the relay';
	const relayedConfirm = 'Smart Home Trigger → Confirm Directive, TurnOn through the relay';
	const straight = 'Smart Home Trigger → Confirm Directive, TurnOn straight';
	console.log(
		`${concurrency} at a time: TurnOn through the relay to the lamp example p50 ${summary(lamp, concurrency, (p) => p.p50).toFixed(1)} ms, p95 ${summary(lamp, concurrency, (p) => p.p95).toFixed(1)} ms, p99 ${summary(lamp, concurrency, (p) => p.p99).toFixed(1)} ms; the relay's own share (through it − straight, p50, to Confirm Directive): ${(summary(relayedConfirm, concurrency, (p) => p.p50) - summary(straight, concurrency, (p) => p.p50)).toFixed(1)} ms.`,
	);
}
console.log(
	`Slowest answer through the relay: ${slowest.toFixed(0)} ms, ${((slowest / ALEXA_WAITS_MS) * 100).toFixed(1)} % of the 8 s Alexa waits; ${relayed} directives relayed, every one answered by n8n (relay outcome http 200).\n`,
);

if (QUEUE_MODE) {
	console.log(
		`Queue mode (issue 26): n8n main (no production webhooks), one \`n8n worker --concurrency=${WORKER_CONCURRENCY}\`, one \`n8n webhook\` processor, on PostgreSQL and Redis of the bench's own; ${REQUESTS} signed LaunchRequests per phase, ${CONCURRENCY} at a time, answered by Build (When Last Node Finishes): the webhook processor verifies and waits, the worker runs the execution. "CPUs others took" leaves out every process of the queue\n`,
	);
	console.log(
		"| run | round | UTC | CPUs others took | answered 200 with a valid body | requests/s | ratio to the Webhook node's | p50 ms | p95 ms | p99 ms | max ms |",
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const phase of queued) {
		const webhook = queued.find((other) => other.round === phase.round && other.label === WEBHOOK)!;
		console.log(
			`| ${phase.label} | ${phase.round} | ${phase.at} | ${othersText(phase)} | ${answeredText(phase)} | ${phase.perSecond.toFixed(1)} | ${(phase.perSecond / webhook.perSecond).toFixed(2)} | ${phase.p50.toFixed(1)} | ${phase.p95.toFixed(1)} | ${phase.p99.toFixed(1)} | ${phase.max.toFixed(1)} |`,
		);
	}
	console.log(
		`\nCertificate chain fetched ${queueFetches} time(s) by the webhook processor for its ${ROUNDS * REQUESTS + WARM_UP} signed requests.\n`,
	);
}

// Every request of every measured phase answered as it must be, or the bench fails, after its figures.
const failed = [...throughput, ...latency, ...queued].filter(
	(phase) => phase.answered < phase.sent,
);
assert.deepEqual(
	failed.map(
		(phase) =>
			`${phase.label}, round ${phase.round}: ${phase.sent - phase.answered} of ${phase.sent} failed, first: ${phase.firstFailure}`,
	),
	[],
	'requests not answered as expected',
);
if (QUEUE_MODE) assert.equal(queueFetches, 1, 'one certificate fetch by the webhook processor');
