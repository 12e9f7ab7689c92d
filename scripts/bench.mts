/**
 * `npm run bench`: how fast the Alexa node delivers at volume, through n8n's engine, against
 * the fake Alexa with a fixed latency. Prints a table; every speed is also given as a ratio to
 * a baseline measured in the same run on the same fake.
 *
 *   BENCH_ITEMS (2000)  BENCH_LATENCY_MS (50)  BENCH_RATE (50 requests/s for the rate-limited runs)
 */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { startFakeAlexa, type FakeAlexa } from '../test/fake-alexa/server.mts';

import { runAlexaNode, type RunResult } from '../test/harness/engine.mts';
import { benchToken, httpRequestNodeRun, loadHttpRequestNode, users } from './lib/httpRequestNode.mts';
import { refreshTokenCredential, skillMessagingCredential } from '../test/harness/fixtures.mts';
import { lwa } from '../test/harness/modules.mts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SEQUENTIAL_ITEMS = 100;

interface Row {
	run: string;
	items: number;
	seconds: number;
	perSecond: number;
	ratio: string;
	tokenRequests: number | string;
	peakInFlight: number;
	throttled: string;
	note: string;
}
const rows: Row[] = [];


/** The machine's ceiling: a plain Node HTTP loop, every request started at once. */
async function plainLoop(fake: FakeAlexa, count: number, concurrency: number): Promise<number> {
	const token = benchToken(fake);
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	const url = new URL(fake.url);
	const body = JSON.stringify({ data: { a: 'b' }, expiresAfterSeconds: 3600 });
	const one = (index: number) =>
		new Promise<void>((resolve, reject) => {
			const request = http.request(
				{
					host: url.hostname,
					port: url.port,
					method: 'POST',
					path: `/v1/skillmessages/users/amzn1.ask.account.P${index}`,
					agent,
					headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				},
				(response) => {
					response.resume();
					response.on('end', () => (response.statusCode === 202 ? resolve() : reject(new Error(String(response.statusCode)))));
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	const started = performance.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, count) }, async () => {
			while (next < count) await one(next++);
		}),
	);
	agent.destroy();
	return (performance.now() - started) / 1000;
}

async function nodeRun(fake: FakeAlexa, kind: 'skill messages' | 'change reports', count: number): Promise<{ seconds: number; result: RunResult }> {
	lwa.forgetAllTokens();
	const parameters: INodeParameters =
		kind === 'skill messages'
			? { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}', dataMode: 'pairs', dataPairs: { pair: [{ key: 'a', value: 'b' }] } }
			: {
					resource: 'event',
					operation: 'changeReport',
					endpointId: '={{ $json.device }}',
					changedProperties: { property: [{ namespace: 'Alexa.PowerController', name: 'powerState', value: 'ON' }] },
				};
	const started = performance.now();
	const result = await runAlexaNode({
		parameters,
		items: users(count),
		continueOnFail: true,
		credential: kind === 'skill messages' ? skillMessagingCredential(fake) : refreshTokenCredential(fake),
	});
	return { seconds: (performance.now() - started) / 1000, result };
}

function delivered(fake: FakeAlexa, result: RunResult, pathPrefix: string): { accepted: number; duplicates: number } {
	const accepted = result.output.filter((item) => item.json.accepted === true).length;
	const seen = new Set<string>();
	let duplicates = 0;
	for (const request of fake.requestsTo(pathPrefix)) {
		if (request.status !== 202) continue;
		const key = request.path.startsWith('/v3') ? JSON.stringify((request.json as any).event.endpoint.endpointId) : request.path;
		if (seen.has(key)) duplicates++;
		seen.add(key);
	}
	return { accepted, duplicates };
}

function memoryAt(items: number, node: 'alexa' | 'http-request-node' = 'alexa'): number {
	const child = spawnSync(process.execPath, [path.join(import.meta.dirname, 'bench-memory.mts'), String(items), node], {
		encoding: 'utf8',
		env: { ...process.env },
	});
	const match = /maxRssMb=([\d.]+)/.exec(child.stdout);
	if (!match) throw new Error(`memory run failed: ${child.stdout}\n${child.stderr}`);
	return Number(match[1]);
}

const haveHttpRequestNode = loadHttpRequestNode();
const fake = await startFakeAlexa({ latencyMs: LATENCY_MS });
try {
	// Baselines, on the same fake.
	fake.reset();
	fake.latencyMs = LATENCY_MS;
	const ceilingSeconds = await plainLoop(fake, ITEMS, ITEMS);
	const ceiling = ITEMS / ceilingSeconds;
	rows.push({ run: 'plain Node HTTP loop, all at once (ceiling)', items: ITEMS, seconds: ceilingSeconds, perSecond: ceiling, ratio: '1.00', tokenRequests: '-', peakInFlight: fake.peakApiInFlight, throttled: '-', note: 'baseline' });
	fake.reset();
	fake.latencyMs = LATENCY_MS;
	const sequentialSeconds = await plainLoop(fake, SEQUENTIAL_ITEMS, 1);
	rows.push({ run: 'plain loop, one item at a time', items: SEQUENTIAL_ITEMS, seconds: sequentialSeconds, perSecond: SEQUENTIAL_ITEMS / sequentialSeconds, ratio: (SEQUENTIAL_ITEMS / sequentialSeconds / ceiling).toFixed(2), tokenRequests: '-', peakInFlight: fake.peakApiInFlight, throttled: '-', note: '' });

	if (haveHttpRequestNode) {
		fake.reset();
		fake.latencyMs = LATENCY_MS;
		const seconds = await httpRequestNodeRun(fake, ITEMS);
		const accepted = fake.requestsTo('/v1/skillmessages/').filter((request) => request.status === 202).length;
		rows.push({ run: 'n8n HTTP Request node 4.2, same messages', items: ITEMS, seconds, perSecond: ITEMS / seconds, ratio: (ITEMS / seconds / ceiling).toFixed(2), tokenRequests: '-', peakInFlight: fake.peakApiInFlight, throttled: '0', note: `${accepted} accepted` });
		fake.reset();
		fake.latencyMs = LATENCY_MS;
		fake.rateLimit = { perSecond: RATE, burst: RATE };
		const limitedSeconds = await httpRequestNodeRun(fake, ITEMS);
		const requests = fake.requestsTo('/v1/skillmessages/');
		const throttled = requests.filter((request) => request.status === 429).length;
		rows.push({ run: `n8n HTTP Request node 4.2, server limit ${RATE}/s`, items: ITEMS, seconds: limitedSeconds, perSecond: ITEMS / limitedSeconds, ratio: `${(ITEMS / limitedSeconds / RATE).toFixed(2)} of R`, tokenRequests: '-', peakInFlight: fake.peakApiInFlight, throttled: `${throttled} (${((throttled / requests.length) * 100).toFixed(1)}%)`, note: `${requests.length - throttled} accepted, ${throttled} lost` });
	} else {
		console.log('(n8n is not installed in the cache: the HTTP Request node reference is skipped; run `npm run test:e2e` once to install it)');
	}

	for (const [kind, pathPrefix] of [['skill messages', '/v1/skillmessages/'], ['change reports', '/v3/events']] as const) {
		fake.reset();
		fake.latencyMs = LATENCY_MS;
		const { seconds, result } = await nodeRun(fake, kind, ITEMS);
		const { accepted, duplicates } = delivered(fake, result, pathPrefix);
		rows.push({
			run: `Alexa node, ${kind}, default settings`,
			items: ITEMS,
			seconds,
			perSecond: ITEMS / seconds,
			ratio: (ITEMS / seconds / ceiling).toFixed(2),
			tokenRequests: fake.requestsTo('/auth/o2/token').length,
			peakInFlight: fake.peakApiInFlight,
			throttled: '0',
			note: `${accepted} accepted, ${duplicates} duplicates`,
		});
	}

	for (const [kind, pathPrefix] of [['skill messages', '/v1/skillmessages/'], ['change reports', '/v3/events']] as const) {
		fake.reset();
		fake.latencyMs = LATENCY_MS;
		fake.rateLimit = { perSecond: RATE, burst: RATE };
		const { seconds, result } = await nodeRun(fake, kind, ITEMS);
		const { accepted, duplicates } = delivered(fake, result, pathPrefix);
		const requests = fake.requestsTo(pathPrefix);
		const throttled = requests.filter((request) => request.status === 429).length;
		rows.push({
			run: `Alexa node, ${kind}, server limit ${RATE}/s`,
			items: ITEMS,
			seconds,
			perSecond: ITEMS / seconds,
			ratio: `${(ITEMS / seconds / RATE).toFixed(2)} of R`,
			tokenRequests: fake.requestsTo('/auth/o2/token').length,
			peakInFlight: fake.peakApiInFlight,
			throttled: `${throttled} (${((throttled / requests.length) * 100).toFixed(1)}%)`,
			note: `${accepted} accepted, ${duplicates} duplicates, ${ITEMS - accepted} failed`,
		});
	}
} finally {
	await fake.close();
}

const rss1k = memoryAt(1000);
const rss10k = memoryAt(10000);
const httpRss1k = haveHttpRequestNode ? memoryAt(1000, 'http-request-node') : undefined;
const httpRss10k = haveHttpRequestNode ? memoryAt(10000, 'http-request-node') : undefined;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nAlexa node benchmark: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, fake latency ${LATENCY_MS} ms\n`);
console.log('| run | items | s | items/s | ratio | LWA token requests | peak in flight | 429 answers | delivery |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
	console.log(`| ${row.run} | ${row.items} | ${row.seconds.toFixed(2)} | ${row.perSecond.toFixed(0)} | ${row.ratio} | ${row.tokenRequests} | ${row.peakInFlight} | ${row.throttled} | ${row.note} |`);
}
console.log(`\nPeak RSS, skill messages through the engine: 1,000 items ${rss1k.toFixed(0)} MB, 10,000 items ${rss10k.toFixed(0)} MB, ratio ${(rss10k / rss1k).toFixed(2)} (target ≤ 1.20)`);
if (httpRss1k && httpRss10k) {
	console.log(`Reference, n8n HTTP Request node, same messages: 1,000 items ${httpRss1k.toFixed(0)} MB, 10,000 items ${httpRss10k.toFixed(0)} MB, ratio ${(httpRss10k / httpRss1k).toFixed(2)}`);
}
console.log('');
