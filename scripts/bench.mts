/**
 * `npm run bench`: how fast the Alexa node delivers at volume, through n8n's engine, against
 * the fake Alexa with a fixed latency. Prints a table; every speed is also given as a ratio to
 * a baseline measured in the same run on the same fake.
 *
 *   BENCH_ITEMS (2000)  BENCH_LATENCY_MS (50)  BENCH_RATE (50 requests/s for the rate-limited runs)
 */
import os from 'node:os';

import type { INodeParameters } from 'n8n-workflow';

import { startFakeAlexa, type FakeAlexa } from '../test/fake-alexa/server.mts';

import { expressionEngine, runAlexaNode, type RunResult } from '../test/harness/engine.mts';
import {
	benchToken,
	httpRequestNodeRun,
	loadHttpRequestNode,
	users,
} from './lib/httpRequestNode.mts';
import { helperOnlyNodeRun, plainLoop } from './lib/referenceSenders.mts';
import { refreshTokenCredential, skillMessagingCredential } from '../test/harness/fixtures.mts';
import { lwa, pacing } from '../test/harness/modules.mts';
import { memoryAt, type MemorySender } from './lib/memoryRun.mts';

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

async function nodeRun(
	fake: FakeAlexa,
	kind: 'skill messages' | 'change reports',
	count: number,
): Promise<{ seconds: number; result: RunResult }> {
	// Each run as a fresh n8n process would start it: no token yet, no pace learnt (decision 6).
	lwa.forgetAllTokens();
	pacing.forgetAllPacers();
	const parameters: INodeParameters =
		kind === 'skill messages'
			? {
					resource: 'skillMessage',
					operation: 'send',
					userId: '={{ $json.user }}',
					dataMode: 'pairs',
					dataPairs: { pair: [{ key: 'a', value: 'b' }] },
				}
			: {
					resource: 'event',
					operation: 'changeReport',
					endpointId: '={{ $json.device }}',
					changedProperties: {
						property: [{ namespace: 'Alexa.PowerController', name: 'powerState', value: 'ON' }],
					},
				};
	const started = performance.now();
	const result = await runAlexaNode({
		parameters,
		items: users(count),
		continueOnFail: true,
		credential:
			kind === 'skill messages' ? skillMessagingCredential(fake) : refreshTokenCredential(fake),
	});
	return { seconds: (performance.now() - started) / 1000, result };
}

function delivered(
	fake: FakeAlexa,
	result: RunResult,
	pathPrefix: string,
): { accepted: number; duplicates: number } {
	const accepted = result.output.filter((item) => item.json.accepted === true).length;
	const seen = new Set<string>();
	let duplicates = 0;
	for (const request of fake.requestsTo(pathPrefix)) {
		if (request.status !== 202) continue;
		const key = request.path.startsWith('/v3')
			? JSON.stringify((request.json as any).event.endpoint.endpointId)
			: request.path;
		if (seen.has(key)) duplicates++;
		seen.add(key);
	}
	return { accepted, duplicates };
}

/** The fake as each run starts: nothing recorded, the bench latency, and the rate limit if asked. */
function freshFake(fake: FakeAlexa, rateLimited = false): FakeAlexa {
	fake.reset();
	fake.latencyMs = LATENCY_MS;
	if (rateLimited) fake.rateLimit = { perSecond: RATE, burst: RATE };
	return fake;
}

/** "n (p%)": how many of these requests were answered 429. */
function throttledShare(requests: Array<{ status?: unknown }>): { count: number; text: string } {
	const count = requests.filter((request) => request.status === 429).length;
	return { count, text: `${count} (${((count / requests.length) * 100).toFixed(1)}%)` };
}

const haveHttpRequestNode = loadHttpRequestNode();
const fake = await startFakeAlexa({ latencyMs: LATENCY_MS });
try {
	// Baselines, on the same fake.
	freshFake(fake);
	const ceilingSeconds = await plainLoop({ url: fake.url, token: benchToken(fake) }, ITEMS, ITEMS);
	const ceiling = ITEMS / ceilingSeconds;
	rows.push({
		run: 'plain Node HTTP loop, all at once (ceiling)',
		items: ITEMS,
		seconds: ceilingSeconds,
		perSecond: ceiling,
		ratio: '1.00',
		tokenRequests: '-',
		peakInFlight: fake.peakApiInFlight,
		throttled: '-',
		note: 'baseline',
	});
	freshFake(fake);
	const sequentialSeconds = await plainLoop(
		{ url: fake.url, token: benchToken(fake) },
		SEQUENTIAL_ITEMS,
		1,
	);
	rows.push({
		run: 'plain loop, one item at a time',
		items: SEQUENTIAL_ITEMS,
		seconds: sequentialSeconds,
		perSecond: SEQUENTIAL_ITEMS / sequentialSeconds,
		ratio: (SEQUENTIAL_ITEMS / sequentialSeconds / ceiling).toFixed(2),
		tokenRequests: '-',
		peakInFlight: fake.peakApiInFlight,
		throttled: '-',
		note: '',
	});

	// The floor for any node that sends through n8n's helpers, 200 at a time as the Alexa node.
	freshFake(fake);
	{
		const started = performance.now();
		const output = await helperOnlyNodeRun(
			{ url: fake.url, token: benchToken(fake), credential: skillMessagingCredential(fake) },
			ITEMS,
		);
		const seconds = (performance.now() - started) / 1000;
		rows.push({
			run: 'minimal node: n8n httpRequest helper, 200 at a time',
			items: ITEMS,
			seconds,
			perSecond: ITEMS / seconds,
			ratio: (ITEMS / seconds / ceiling).toFixed(2),
			tokenRequests: '-',
			peakInFlight: fake.peakApiInFlight,
			throttled: '0',
			note: `${output.length} accepted`,
		});
	}

	if (haveHttpRequestNode) {
		freshFake(fake);
		const { seconds } = await httpRequestNodeRun(fake, ITEMS);
		const accepted = fake
			.requestsTo('/v1/skillmessages/')
			.filter((request) => request.status === 202).length;
		rows.push({
			run: 'n8n HTTP Request node 4.2, same messages',
			items: ITEMS,
			seconds,
			perSecond: ITEMS / seconds,
			ratio: (ITEMS / seconds / ceiling).toFixed(2),
			tokenRequests: '-',
			peakInFlight: fake.peakApiInFlight,
			throttled: '0',
			note: `${accepted} accepted`,
		});
		freshFake(fake, true);
		const { seconds: limitedSeconds } = await httpRequestNodeRun(fake, ITEMS);
		const requests = fake.requestsTo('/v1/skillmessages/');
		const throttled = throttledShare(requests);
		rows.push({
			run: `n8n HTTP Request node 4.2, server limit ${RATE}/s`,
			items: ITEMS,
			seconds: limitedSeconds,
			perSecond: ITEMS / limitedSeconds,
			ratio: `${(ITEMS / limitedSeconds / RATE).toFixed(2)} of R`,
			tokenRequests: '-',
			peakInFlight: fake.peakApiInFlight,
			throttled: throttled.text,
			note: `${requests.length - throttled.count} accepted, ${throttled.count} lost`,
		});
	} else {
		console.log(
			'(n8n is not installed in the cache: the HTTP Request node reference is skipped; run `npm run test:e2e` once to install it)',
		);
	}

	for (const [kind, pathPrefix] of [
		['skill messages', '/v1/skillmessages/'],
		['change reports', '/v3/events'],
	] as const) {
		freshFake(fake);
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

	for (const [kind, pathPrefix] of [
		['skill messages', '/v1/skillmessages/'],
		['change reports', '/v3/events'],
	] as const) {
		freshFake(fake, true);
		const { seconds, result } = await nodeRun(fake, kind, ITEMS);
		const { accepted, duplicates } = delivered(fake, result, pathPrefix);
		const throttled = throttledShare(fake.requestsTo(pathPrefix));
		rows.push({
			run: `Alexa node, ${kind}, server limit ${RATE}/s`,
			items: ITEMS,
			seconds,
			perSecond: ITEMS / seconds,
			ratio: `${(ITEMS / seconds / RATE).toFixed(2)} of R`,
			tokenRequests: fake.requestsTo('/auth/o2/token').length,
			peakInFlight: fake.peakApiInFlight,
			throttled: throttled.text,
			note: `${accepted} accepted, ${duplicates} duplicates, ${ITEMS - accepted} failed`,
		});
	}
} finally {
	await fake.close();
}

const memorySenders: Array<[MemorySender, string]> = [
	['plain-loop', 'plain Node HTTP loop, 200 at a time (floor)'],
	['helper-only', 'minimal node: n8n httpRequest helper, 200 at a time'],
	...(haveHttpRequestNode
		? [['http-request-node', 'n8n HTTP Request node 4.2'] as [MemorySender, string]]
		: []),
	['alexa', 'Alexa node, default settings'],
];
const memoryRows = memorySenders.map(([sender, label]) => ({
	label,
	small: memoryAt(1000, sender),
	large: memoryAt(10000, sender),
}));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
	`\nAlexa node benchmark: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, fake latency ${LATENCY_MS} ms, n8n expression engine ${expressionEngine}\n`,
);
console.log(
	'| run | items | s | items/s | ratio | LWA token requests | peak in flight | 429 answers | delivery |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
	console.log(
		`| ${row.run} | ${row.items} | ${row.seconds.toFixed(2)} | ${row.perSecond.toFixed(0)} | ${row.ratio} | ${row.tokenRequests} | ${row.peakInFlight} | ${row.throttled} | ${row.note} |`,
	);
}
console.log(
	"\nMemory, skill messages, each run in a fresh process with n8n's engine loaded, after 10 items and a full collection:\n",
);
console.log(
	'| sender | peak RSS, 1,000 items | peak RSS, 10,000 items | ratio (target ≤ 1.20) | heap kept, 1,000 | heap kept, 10,000 | kept per item |',
);
console.log('|---|---|---|---|---|---|---|');
for (const { label, small, large } of memoryRows) {
	const perItemKb = ((large.retainedMb - small.retainedMb) * 1024) / 9000;
	// Less kept after 10,000 items than after 1,000 is noise larger than what items keep.
	const perItem = perItemKb >= 0 ? `${perItemKb.toFixed(2)} KB` : 'below noise';
	console.log(
		`| ${label} | ${small.peakRssMb.toFixed(0)} MB | ${large.peakRssMb.toFixed(0)} MB | ${(large.peakRssMb / small.peakRssMb).toFixed(2)} | ${small.retainedMb.toFixed(1)} MB | ${large.retainedMb.toFixed(1)} MB | ${perItem} |`,
	);
}
console.log('');
