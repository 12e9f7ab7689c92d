/**
 * `BENCH_ONLY=n8n npm run bench` (the last part of `npm run bench`): the Alexa node's speed in
 * the real n8n that `npm run test:e2e` installs (scripts/e2e/install-n8n.sh), against references
 * measured in the same run, as a user has them: the packed package installed as a community node, the credentials imported into
 * n8n's database (test/e2e/fixtures.mts), workflows imported and run with `n8n execute`, each
 * run a fresh n8n process. The fake Alexa runs in this process (as in the e2e suite), reached
 * over HTTP through the credentials' Custom region, with a fixed latency.
 *
 * Every workflow is Manual Trigger → Code node making the items → the node measured. Its speed
 * is items / the node's own execution time as n8n records it in the run data (the `executionTime`
 * of its task, from its start to its last output), so n8n's start-up, the Code node and the
 * saving of the execution are outside it. The fake's window (its first request received to its
 * last answer sent) is printed beside it as a check; it leaves out what a node does before its
 * first request.
 *
 *   node scripts/bench-n8n.mts <packed .tgz> [--profile] [--memory]
 *   BENCH_ITEMS (2000)  BENCH_LATENCY_MS (50)  BENCH_RATE (50/s for the rate-limited runs)
 *   BENCH_N8N_ROUNDS (3: each unthrottled run, in a rotating order)  BENCH_N8N_ONLY (ids, comma separated)
 *
 * With --memory, the n8n process's peak RSS at 1,000 and 10,000 skill messages (Alexa node and
 * HTTP Request node), against a plain Node HTTP loop's in the same run (the issue's memory target).
 * With --profile, one more run of each profiled workflow with `--cpu-prof` on the n8n process,
 * and where its time went per item (scripts/lib/cpuProfile.mts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { n8nInstallDir, n8nVersion } from './lib/cache.mts';
import { summarizeProfile, type NodeMarker, type ProfileSummary } from './lib/cpuProfile.mts';
import { memoryAt } from './lib/memoryRun.mts';
import {
	alexaNode,
	benchWorkflow,
	httpRequestNode,
	httpRequestOAuth2Node,
	oauth2Credential,
	MEASURED_NODE,
	minimalNode,
	staticHttpRequestNode,
	type Kind,
} from './lib/n8nBenchWorkflows.mts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const ROUNDS = Number(process.env.BENCH_N8N_ROUNDS ?? 3);
const ONLY = process.env.BENCH_N8N_ONLY?.split(',').map((id) => id.trim());
const tarball = process.argv[2];
const profiling = process.argv.includes('--profile');
/** `--memory`: the n8n process's peak RSS at 1,000 and 10,000 items, against a plain Node HTTP loop's. */
const measuringMemory = process.argv.includes('--memory');
const MEMORY_SIZES = [1000, 10000] as const;
const MEMORY_VARIANTS = ['alexaSkill', 'httpSkill'];

if (!fs.existsSync(path.join(n8nInstallDir, 'node_modules/n8n/bin/n8n'))) {
	console.error(
		`n8n ${n8nVersion} is not installed in ${n8nInstallDir}: run bash scripts/e2e/install-n8n.sh (or npm run test:e2e) once`,
	);
	process.exit(1);
}
// The bench's n8n keeps its database and logs apart from the e2e suite's (test/e2e/n8n.mts),
// and from the trigger bench's: this folder is emptied at the start.
process.env.E2E_OUTPUT ??= path.resolve(import.meta.dirname, '../bench-output/node');
const { execute, executionJson, installPackedPackage, n8n, output, root, userFolder } =
	await import('../test/e2e/n8n.mts');
const { CLIENT_ID, CLIENT_SECRET, CUSTOMER_REFRESH_TOKEN, credentialsFile, resetFake } =
	await import('../test/e2e/fixtures.mts');
const { startFakeAlexa } = await import('../test/fake-alexa/server.mts');
type FakeAlexa = Awaited<ReturnType<typeof startFakeAlexa>>;

/** One workflow the bench runs: what it is, how to build it, and what the fake does meanwhile. */
interface Variant {
	id: string;
	label: string;
	kind: Kind;
	/** Requests all to one user: "delivered once" does not apply. */
	fixedTarget?: boolean;
	rateLimited?: boolean;
	/** The frames that mark the measured node's time in a CPU profile. */
	profileMarker: NodeMarker;
	build(fake: FakeAlexa, tokens: Record<Kind, string>): Parameters<typeof benchWorkflow>[3];
}

const SKILL_PATH = '/v1/skillmessages/users/';
const EVENT_PATH = '/v3/events';
/** The API path a kind of run's requests go to. */
const apiPath = (kind: Kind) => (kind === 'skill messages' ? SKILL_PATH : EVENT_PATH);
const ALEXA_MARKER = { file: '/node_modules/n8n-nodes-alexa/dist/', entry: 'runOperation' };
const HTTP_MARKER = { file: '/HttpRequest/V3/HttpRequestV3.node.js', entry: 'execute' };
const MINIMAL_MARKER = { file: '/BenchMinimal.node.js', entry: 'execute' };

const unthrottled: Variant[] = [
	{
		id: 'alexaSkill',
		label: 'Alexa node, skill messages',
		kind: 'skill messages',
		profileMarker: ALEXA_MARKER,
		build: () => alexaNode('skill messages'),
	},
	{
		id: 'alexaChange',
		label: 'Alexa node, change reports',
		kind: 'change reports',
		profileMarker: ALEXA_MARKER,
		build: () => alexaNode('change reports'),
	},
	// n8n's default On Error setting: the node then checks every item before it sends any (README).
	{
		id: 'alexaSkillStop',
		label: 'Alexa node, skill messages, On Error: Stop Workflow',
		kind: 'skill messages',
		profileMarker: ALEXA_MARKER,
		build: () => ({ ...alexaNode('skill messages'), onError: 'stopWorkflow' }),
	},
	{
		id: 'alexaChangeStop',
		label: 'Alexa node, change reports, On Error: Stop Workflow',
		kind: 'change reports',
		profileMarker: ALEXA_MARKER,
		build: () => ({ ...alexaNode('change reports'), onError: 'stopWorkflow' }),
	},
	{
		id: 'httpSkill',
		label: 'HTTP Request node, skill messages, by expression',
		kind: 'skill messages',
		profileMarker: HTTP_MARKER,
		build: (fake, tokens) => httpRequestNode('skill messages', fake.url, tokens['skill messages']),
	},
	{
		id: 'httpChange',
		label: 'HTTP Request node, change reports, by expression',
		kind: 'change reports',
		profileMarker: HTTP_MARKER,
		build: (fake, tokens) => httpRequestNode('change reports', fake.url, tokens['change reports']),
	},
	{
		id: 'httpSkillOAuth2',
		label: "HTTP Request node, skill messages, by expression, with n8n's OAuth2 credential",
		kind: 'skill messages',
		profileMarker: HTTP_MARKER,
		build: (fake) => httpRequestOAuth2Node(fake.url),
	},
	{
		id: 'httpStatic',
		label: 'HTTP Request node, fixed URL and body (floor)',
		kind: 'skill messages',
		fixedTarget: true,
		profileMarker: HTTP_MARKER,
		build: (fake, tokens) => staticHttpRequestNode(fake.url, tokens['skill messages']),
	},
	{
		id: 'minimalSkill',
		label: 'minimal node (httpRequestWithAuthentication), skill messages',
		kind: 'skill messages',
		profileMarker: MINIMAL_MARKER,
		build: () => minimalNode('skill messages'),
	},
	{
		id: 'minimalChange',
		label: 'minimal node (httpRequestWithAuthentication), change reports',
		kind: 'change reports',
		profileMarker: MINIMAL_MARKER,
		build: () => minimalNode('change reports'),
	},
];
const unthrottledById = (id: string) => unthrottled.find((variant) => variant.id === id)!;
const limited: Variant[] = [
	{
		...unthrottledById('alexaSkill'),
		id: 'alexaSkillLimited',
		label: `Alexa node, skill messages, limit ${RATE}/s`,
		rateLimited: true,
	},
	{
		...unthrottledById('alexaChange'),
		id: 'alexaChangeLimited',
		label: `Alexa node, change reports, limit ${RATE}/s`,
		rateLimited: true,
	},
	{
		...unthrottledById('httpSkill'),
		id: 'httpSkillLimited',
		label: `HTTP Request node, skill messages, limit ${RATE}/s`,
		rateLimited: true,
	},
];
const chosen = (variants: Variant[]) =>
	variants.filter((variant) => !ONLY || ONLY.includes(variant.id));
const PROFILED = [
	'alexaSkill',
	'alexaChange',
	'alexaSkillStop',
	'minimalSkill',
	'minimalChange',
	'httpSkill',
	'httpChange',
];

/** What one execution of a variant measured. */
interface Measurement {
	nodeMs: number;
	fakeWindowMs: number;
	outputItems: number;
	accepted: number;
	duplicates: number;
	requests: number;
	throttled: number;
	tokenRequests: number;
	peakInFlight: number;
}

/** Empties the fake's records between runs; its clients and the tokens it issued stay, as Amazon's would. */
function clearRecords(fake: FakeAlexa, rateLimited: boolean): void {
	fake.requests.length = 0;
	fake.peakInFlight = 0;
	fake.peakApiInFlight = 0;
	fake.rateLimit = rateLimited ? { perSecond: RATE, burst: RATE } : undefined;
}

function workflowId(variant: Variant, items = ITEMS): string {
	return `bench${variant.id}${items}`;
}

/** All in one `n8n import:workflow` (its file may hold a list): every CLI call starts an n8n, about 3 s. */
async function importWorkflows(workflows: object[]): Promise<void> {
	const file = path.join(output, 'bench-workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
	const imported = await n8n(['import:workflow', `--input=${file}`]);
	if (imported.status !== 0)
		throw new Error(`import:workflow failed: ${imported.stderr}${imported.stdout}`);
}

/** The key an accepted request delivered: its user, or its endpoint. */
function deliveryKey(request: FakeAlexa['requests'][number]): string {
	return request.path === EVENT_PATH
		? String((request.json as any)?.event?.endpoint?.endpointId)
		: request.path;
}

/** CPUs busy over one second, from /proc/stat (Linux); undefined where there is none. */
async function busyCpus(): Promise<number | undefined> {
	const read = () => {
		const fields = fs
			.readFileSync('/proc/stat', 'utf8')
			.split('\n')[0]
			.trim()
			.split(/\s+/)
			.slice(1)
			.map(Number);
		// user nice system idle iowait irq softirq steal: idle and iowait are not busy.
		return {
			busy: fields.reduce((sum, value) => sum + value, 0) - fields[3] - fields[4],
			total: fields.reduce((sum, value) => sum + value, 0),
		};
	};
	if (!fs.existsSync('/proc/stat')) return undefined;
	const before = read();
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const after = read();
	return ((after.busy - before.busy) / (after.total - before.total)) * os.cpus().length;
}

/**
 * Waits (up to QUIET_WAIT_MS) until nothing else keeps a CPU busy: on a shared machine another
 * process's build or lint takes a CPU from n8n and the fake, and the run would measure that.
 * Returns the busy CPUs it started at, for the table's note.
 */
async function quietMachine(): Promise<number | undefined> {
	const deadline = Date.now() + QUIET_WAIT_MS;
	let busy = await busyCpus();
	while (busy !== undefined && busy > QUIET_BUSY_CPUS && Date.now() < deadline)
		busy = await busyCpus();
	return busy;
}
/** Busy CPUs (of this machine's) below which a run starts; and how long to wait for that. */
const QUIET_BUSY_CPUS = 0.2;
const QUIET_WAIT_MS = 120_000;
let noisyRuns = 0;

async function runOnce(
	fake: FakeAlexa,
	variant: Variant,
	extraEnv: Record<string, string> = {},
): Promise<Measurement> {
	const busy = await quietMachine();
	if (busy !== undefined && busy > QUIET_BUSY_CPUS) {
		noisyRuns++;
		process.stderr.write(
			`  (${busy.toFixed(2)} CPUs busy elsewhere after ${QUIET_WAIT_MS / 1000} s of waiting: running anyway)\n`,
		);
	}
	clearRecords(fake, variant.rateLimited ?? false);
	const result = await execute(workflowId(variant), extraEnv);
	fake.rateLimit = undefined;
	if (result.status !== 0)
		throw new Error(
			`${variant.label}: n8n execute failed (${result.status}): ${result.stderr.slice(0, 2000)}${result.stdout.slice(0, 2000)}`,
		);
	const task = executionJson(result.stdout).data.resultData.runData[MEASURED_NODE]?.[0];
	if (!task) throw new Error(`${variant.label}: the measured node did not run`);
	const api = fake.requestsTo(apiPath(variant.kind));
	// When each request came and went, for a look at how many were open over time.
	fs.writeFileSync(
		path.join(output, `${variant.id}-requests.json`),
		JSON.stringify(api.map((request) => [request.receivedAt, request.answeredAt, request.status])),
	);
	const seen = new Map<string, number>();
	for (const request of api)
		if (request.status === 202)
			seen.set(deliveryKey(request), (seen.get(deliveryKey(request)) ?? 0) + 1);
	const accepted = variant.fixedTarget ? (seen.values().next().value ?? 0) : seen.size;
	const duplicates = variant.fixedTarget
		? 0
		: [...seen.values()].reduce((sum, times) => sum + times - 1, 0);
	const all = fake.requests;
	const firstReceived = Math.min(...all.map((request) => request.receivedAt));
	const lastAnswered = Math.max(...all.map((request) => request.answeredAt ?? request.receivedAt));
	return {
		nodeMs: task.executionTime,
		fakeWindowMs: lastAnswered - firstReceived,
		outputItems: task.data.main[0].length,
		accepted,
		duplicates,
		requests: api.length,
		throttled: api.filter((request) => request.status === 429).length,
		tokenRequests: fake.requestsTo('/auth/o2/token').length,
		peakInFlight: fake.peakApiInFlight,
	};
}

/** Peak RSS of the n8n process of one `n8n execute` of a variant with `items` items (scripts/lib/peakRssHook.mts). */
async function n8nPeakRss(
	fake: FakeAlexa,
	variant: Variant,
	items: number,
): Promise<{ peakRssMb: number; liveHeapMb: number }> {
	await quietMachine();
	clearRecords(fake, false);
	const file = path.join(output, `peak-rss-${variant.id}-${items}.txt`);
	fs.rmSync(file, { force: true });
	const hook = path.join(import.meta.dirname, 'lib/peakRssHook.mts');
	const result = await execute(workflowId(variant, items), {
		PEAK_RSS_FILE: file,
		NODE_OPTIONS: `--expose-gc --import=${hook}`,
	});
	if (result.status !== 0)
		throw new Error(
			`${variant.label}, ${items} items: n8n execute failed: ${result.stderr.slice(0, 2000)}`,
		);
	const accepted = fake
		.requestsTo(apiPath(variant.kind))
		.filter((request) => request.status === 202).length;
	// A figure for a run that did not deliver everything would mean nothing.
	if (accepted !== items) throw new Error(`${variant.label}, ${items} items: ${accepted} accepted`);
	const { maxRssKb, liveHeapKb } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
		maxRssKb: number;
		liveHeapKb: number;
	};
	return { peakRssMb: maxRssKb / 1024, liveHeapMb: liveHeapKb / 1024 };
}

const memoryRows: Array<{ label: string; items: number; peakRssMb: number; liveHeapMb?: number }> =
	[];

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const perSecond = (ms: number) => ITEMS / (ms / 1000);
const range = (values: number[], digits = 0) =>
	values.length > 1
		? `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`
		: '';

fs.rmSync(output, { recursive: true, force: true });
fs.mkdirSync(userFolder, { recursive: true });
const fake = await startFakeAlexa();
const results = new Map<string, Measurement[]>();
const profiles: Array<{ variant: Variant; summary: ProfileSummary }> = [];
try {
	resetFake(fake);
	fake.latencyMs = LATENCY_MS;
	// Tokens a user would have got from Login with Amazon for the HTTP Request node's header.
	const tokens: Record<Kind, string> = {
		'skill messages': fake.issueToken('Atc|', {
			clientId: CLIENT_ID,
			grant: 'client_credentials',
			scope: 'alexa:skill_messaging',
		}).value,
		'change reports': fake.issueToken('Atza|', {
			clientId: CLIENT_ID,
			grant: 'refresh_token',
			account: CUSTOMER_REFRESH_TOKEN,
		}).value,
	};

	installPackedPackage(tarball);
	const custom = path.join(userFolder, '.n8n/custom');
	fs.mkdirSync(custom, { recursive: true });
	fs.copyFileSync(
		path.join(root, 'test/e2e/bench-minimal/BenchMinimal.node.js'),
		path.join(custom, 'BenchMinimal.node.js'),
	);
	const imported = await n8n(['import:credentials', `--input=${credentialsFile(fake)}`]);
	if (imported.status !== 0) throw new Error(`import:credentials failed: ${imported.stderr}`);
	const oauth2File = path.join(output, 'oauth2-credential.json');
	fs.writeFileSync(
		oauth2File,
		JSON.stringify([oauth2Credential(fake.tokenUrl, CLIENT_ID, CLIENT_SECRET)]),
	);
	const importedOAuth2 = await n8n(['import:credentials', `--input=${oauth2File}`]);
	if (importedOAuth2.status !== 0)
		throw new Error(`import:credentials (OAuth2) failed: ${importedOAuth2.stderr}`);
	const variants = [...chosen(unthrottled), ...chosen(limited)];
	const warmUps = [unthrottledById('alexaSkill'), unthrottledById('alexaChange')];
	await importWorkflows([
		...variants.map((variant) =>
			benchWorkflow(
				workflowId(variant),
				`Bench: ${variant.label}`,
				ITEMS,
				variant.build(fake, tokens),
			),
		),
		...warmUps.map((variant) =>
			benchWorkflow(
				workflowId(variant, 1),
				`Bench warm-up: ${variant.label}`,
				1,
				variant.build(fake, tokens),
			),
		),
		...(measuringMemory
			? MEMORY_VARIANTS.flatMap((id) =>
					MEMORY_SIZES.map((items) =>
						benchWorkflow(
							workflowId(unthrottledById(id), items),
							`Bench memory: ${unthrottledById(id).label}`,
							items,
							unthrottledById(id).build(fake, tokens),
						),
					),
				)
			: []),
	]);
	// One item per credential first, untimed: n8n stores each credential's first token, as it
	// has after a user's first run. Every measured run then starts from a stored token.
	for (const variant of warmUps) {
		const result = await execute(workflowId(variant, 1));
		if (result.status !== 0) throw new Error(`warm-up failed: ${result.stderr.slice(0, 2000)}`);
	}

	for (let round = 0; round < ROUNDS; round++) {
		const order = chosen(unthrottled);
		// A rotating order, so that no run always follows the same one.
		for (const variant of [
			...order.slice(round % order.length),
			...order.slice(0, round % order.length),
		]) {
			const measured = await runOnce(fake, variant);
			results.set(variant.id, [...(results.get(variant.id) ?? []), measured]);
			process.stderr.write(
				`  round ${round + 1}: ${variant.label}: ${perSecond(measured.nodeMs).toFixed(0)} items/s\n`,
			);
		}
	}
	for (const variant of chosen(limited)) {
		const measured = await runOnce(fake, variant);
		results.set(variant.id, [measured]);
		process.stderr.write(`  ${variant.label}: ${perSecond(measured.nodeMs).toFixed(1)} items/s\n`);
	}

	if (measuringMemory) {
		for (const id of MEMORY_VARIANTS) {
			for (const items of MEMORY_SIZES)
				memoryRows.push({
					label: unthrottledById(id).label,
					items,
					...(await n8nPeakRss(fake, unthrottledById(id), items)),
				});
		}
	}

	if (profiling) {
		for (const variant of chosen(unthrottled).filter((candidate) =>
			PROFILED.includes(candidate.id),
		)) {
			const folder = path.join(output, 'profiles', variant.id);
			fs.mkdirSync(folder, { recursive: true });
			await runOnce(fake, variant, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${folder}` });
			profiles.push({ variant, summary: summarizeProfile(folder, variant.profileMarker) });
		}
	}
} finally {
	await fake.close();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
	`\nReal n8n ${n8nVersion} (\`n8n execute\`, SQLite, credentials in its database): ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
		`Node ${process.version}, ${ITEMS} items per run, fake latency ${LATENCY_MS} ms, ${ROUNDS} round(s) of the unthrottled runs\n`,
);
console.log(
	'items/s = items / the node\'s execution time in n8n\'s run data (median of the rounds, range after it); "fake window" = items / (first request received → last answer sent).\n',
);
console.log(
	'| run | items/s (node) | range | items/s (fake window) | rate | output items | accepted | duplicates | 429 answers | LWA token requests | peak in flight |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const variant of [...chosen(unthrottled), ...chosen(limited)]) {
	const runs = results.get(variant.id);
	if (!runs) continue;
	const speeds = runs.map((run) => perSecond(run.nodeMs));
	const last = runs[runs.length - 1];
	const rate = variant.rateLimited ? `${(median(speeds) / RATE).toFixed(2)} R` : '-';
	const throttled = `${last.throttled} (${((last.throttled / Math.max(1, last.requests)) * 100).toFixed(1)}%)`;
	console.log(
		`| ${variant.label} | ${median(speeds).toFixed(variant.rateLimited ? 1 : 0)} | ${range(speeds)} | ${median(runs.map((run) => perSecond(run.fakeWindowMs))).toFixed(0)} | ${rate} | ${last.outputItems} | ${last.accepted} | ${variant.fixedTarget ? '-' : last.duplicates} | ${throttled} | ${last.tokenRequests} | ${last.peakInFlight} |`,
	);
}

/** Per-round ratios of two unthrottled runs (same round, same conditions): median and range. */
function ratio(numerator: string, denominator: string): string {
	const top = results.get(numerator);
	const bottom = results.get(denominator);
	if (!top || !bottom) return 'not run';
	const ratios = top.map((run, index) => bottom[index].nodeMs / run.nodeMs);
	return `${median(ratios).toFixed(2)}×${ratios.length > 1 ? ` (${range(ratios, 2)})` : ''}`;
}
console.log('\n| ratio (per round, median and range) | skill messages | change reports | target |');
console.log('|---|---|---|---|');
console.log(
	`| Alexa node / HTTP Request node by expression | ${ratio('alexaSkill', 'httpSkill')} | ${ratio('alexaChange', 'httpChange')} | ≥ 1.30× |`,
);
console.log(
	`| Alexa node / HTTP Request node by expression with n8n's OAuth2 credential (as users send it) | ${ratio('alexaSkill', 'httpSkillOAuth2')} | - | - |`,
);
console.log(
	`| Alexa node / minimal node | ${ratio('alexaSkill', 'minimalSkill')} | ${ratio('alexaChange', 'minimalChange')} | ≥ 0.80× |`,
);
console.log(
	`| Alexa node, On Error: Stop Workflow / HTTP Request node by expression | ${ratio('alexaSkillStop', 'httpSkill')} | ${ratio('alexaChangeStop', 'httpChange')} | - |`,
);
console.log(
	`| HTTP Request node by expression / fixed request | ${ratio('httpSkill', 'httpStatic')} | - | - |`,
);
console.log(
	`| minimal node / HTTP Request node by expression | ${ratio('minimalSkill', 'httpSkill')} | ${ratio('minimalChange', 'httpChange')} | - |`,
);

for (const { variant, summary } of profiles) {
	console.log(
		`\nCPU profile of the n8n process, ${variant.label}: ${summary.windowMs.toFixed(0)} ms from the node's first to its last sampled frame, ${(summary.windowMs / ITEMS).toFixed(3)} ms per item\n`,
	);
	console.log('| where each millisecond went | ms | ms per item | share |');
	console.log('|---|---|---|---|');
	for (const row of summary.breakdown)
		console.log(
			`| ${row.name} | ${row.ms.toFixed(0)} | ${(row.ms / ITEMS).toFixed(3)} | ${((row.ms / summary.windowMs) * 100).toFixed(1)}% |`,
		);
	console.log('\n| by package (self time) | ms | ms per item | share |');
	console.log('|---|---|---|---|');
	for (const row of summary.byCategory)
		console.log(
			`| ${row.name} | ${row.ms.toFixed(0)} | ${(row.ms / ITEMS).toFixed(3)} | ${((row.ms / summary.windowMs) * 100).toFixed(1)}% |`,
		);
	console.log('\n| inside (total time, callees included) | ms | ms per item |');
	console.log('|---|---|---|');
	for (const row of summary.inside)
		console.log(`| ${row.name} | ${row.ms.toFixed(0)} | ${(row.ms / ITEMS).toFixed(3)} |`);
	console.log('\n| function (self time) | ms | ms per item |');
	console.log('|---|---|---|');
	for (const row of summary.topFunctions)
		console.log(
			`| ${row.name.replaceAll('|', '\\|')} | ${row.ms.toFixed(0)} | ${(row.ms / ITEMS).toFixed(3)} |`,
		);
}
if (measuringMemory) {
	for (const items of MEMORY_SIZES)
		memoryRows.push({
			label: 'plain Node HTTP loop, 200 at a time (no n8n)',
			items,
			peakRssMb: memoryAt(items, 'plain-loop').peakRssMb,
		});
	console.log(
		"\nMemory: peak RSS of the process that sends (the n8n process of `n8n execute`, the Code node's items and the run data it prints included), skill messages:\n",
	);
	console.log(
		"| sender | 1,000 items | 10,000 items | ratio | against the plain loop's ratio (target ≤ 1.10) | live heap at exit, 1,000 / 10,000 | per item (target ≤ 1 KB) |",
	);
	console.log('|---|---|---|---|---|---|---|');
	const row = (label: string, items: number) =>
		memoryRows.find((candidate) => candidate.label === label && candidate.items === items)!;
	const peak = (label: string, items: number) => row(label, items).peakRssMb;
	const labels = [...new Set(memoryRows.map((row) => row.label))];
	const plainLabel = labels.at(-1)!;
	const plainRatio = peak(plainLabel, 10000) / peak(plainLabel, 1000);
	for (const label of labels) {
		const ratioOfPeaks = peak(label, 10000) / peak(label, 1000);
		const [small, large] = [row(label, 1000).liveHeapMb, row(label, 10000).liveHeapMb];
		const heap =
			small === undefined || large === undefined
				? '- | -'
				: `${small.toFixed(1)} / ${large.toFixed(1)} MB | ${(((large - small) * 1024) / 9000).toFixed(2)} KB`;
		console.log(
			`| ${label} | ${peak(label, 1000).toFixed(0)} MB | ${peak(label, 10000).toFixed(0)} MB | ${ratioOfPeaks.toFixed(2)} | ${(ratioOfPeaks / plainRatio).toFixed(2)} | ${heap} |`,
		);
	}
}
if (noisyRuns > 0)
	console.log(
		`\n${noisyRuns} run(s) started while other processes kept more than ${QUIET_BUSY_CPUS} CPU busy: their figures are less reliable.`,
	);
console.log(`\nLogs, workflows and profiles: ${path.relative(process.cwd(), output)}/`);
