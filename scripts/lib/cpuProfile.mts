/**
 * Where a CPU profile of an n8n process (`--cpu-prof`) spent the time of one node's run, for the
 * real-n8n bench (scripts/bench-n8n.mts). The window is from the first sample inside the node's
 * entry function (its `execute`) to the last sample with a frame of the node's files: n8n's
 * start-up (which loads the node's files too) and shutdown, and the other nodes of the workflow,
 * fall outside it. Inside it, every sample's time goes to the package (or
 * V8 state) of its innermost frame ("self time"), and to each of a few named n8n functions found
 * anywhere on its stack ("inside"): a function that awaits counts only while it runs.
 */
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	/** Microseconds from the previous sample (the first: from the profile's start). */
	timeDeltas: number[];
}

export interface ProfileSummary {
	windowMs: number;
	/** Every sample of the window in exactly one share (see BREAKDOWN): where each millisecond went. */
	breakdown: Array<{ name: string; ms: number }>;
	byCategory: Array<{ name: string; ms: number }>;
	inside: Array<{ name: string; ms: number }>;
	/** The functions with the most self time: name, file and line. */
	topFunctions: Array<{ name: string; ms: number }>;
	file: string;
}

/** n8n's database: its ORM, the SQLite driver, the connection pool. */
const DATABASE = /\/(typeorm|sqlite3|tarn)\//;

/** Frames (function, or `*` for any, and file) of n8n reading a credential: the call, its query, its decryption. */
const CREDENTIAL_READING: Array<[functionName: string, file: string]> = [
	['getCredentials', '/n8n-core/'],
	['getDecrypted', '/node_modules/n8n/dist/'],
	['*', '/@n8n/typeorm/'],
	['*', '/sqlite3/'],
	['*', '/tarn/'],
	['*', '/n8n-core/dist/encryption/'],
	['getData', '/n8n-core/dist/credentials.js'],
];

/**
 * The package a frame belongs to, by its file. Order matters: the first match wins, so the
 * node's own files come before node_modules in general.
 */
const CATEGORIES: Array<[name: string, test: (url: string) => boolean]> = [
	['the Alexa node (n8n-nodes-alexa)', (url) => url.includes('/node_modules/n8n-nodes-alexa/')],
	['the minimal node', (url) => url.includes('BenchMinimal.node.js')],
	['n8n-workflow (expressions, parameters)', (url) => url.includes('/n8n-workflow/')],
	[
		'expression runtime (@n8n/expression-runtime, isolated-vm)',
		(url) => url.includes('expression-runtime') || url.includes('isolated-vm'),
	],
	['n8n-core (execution context, request helpers)', (url) => url.includes('/n8n-core/')],
	['n8n-nodes-base', (url) => url.includes('/n8n-nodes-base/')],
	[
		'n8n CLI (credentials helper, execution lifecycle)',
		(url) => url.includes('/node_modules/n8n/dist/'),
	],
	['database (typeorm, sqlite3)', (url) => DATABASE.test(url)],
	[
		'HTTP client (axios, @n8n/backend-network)',
		(url) =>
			/\/(axios|follow-redirects|form-data|proxy-from-env|@n8n\/backend-network)\//.test(url),
	],
	['other n8n packages (@n8n/*)', (url) => url.includes('/@n8n/')],
	['Node.js (http, net, streams, timers)', (url) => url.startsWith('node:')],
];

/**
 * The shares every sample of the window falls in, the first that matches: waiting, collecting
 * garbage, n8n reading the credential, n8n reading parameters (their expressions), the measured
 * node's own code, and the rest (n8n's request helpers, axios, Node's http and sockets, …).
 */
const BREAKDOWN: Array<
	[name: string, test: (stack: ProfileNode[], marker: NodeMarker) => boolean]
> = [
	['idle (waiting for the network)', (stack) => stack[0].callFrame.functionName === '(idle)'],
	['garbage collection', (stack) => stack[0].callFrame.functionName === '(garbage collector)'],
	[
		// The query's and the decryption's continuations run without the reading function on the
		// stack; while a node runs, reading credentials is what n8n uses its database for.
		'n8n: database queries and decryption (credential reads)',
		(stack) =>
			stack.some(({ callFrame }) =>
				CREDENTIAL_READING.some(
					([name, file]) =>
						(name === '*' || callFrame.functionName === name) && callFrame.url.includes(file),
				),
			),
	],
	[
		'n8n: reading parameters, expressions evaluated',
		(stack) =>
			stack.some(
				({ callFrame }) =>
					callFrame.functionName === '_getNodeParameter' && callFrame.url.includes('/n8n-core/'),
			),
	],
	["the node's own code", (stack, marker) => stack[0].callFrame.url.includes(marker.file)],
	["the rest: n8n's request helpers, axios, Node's http and sockets, promises", () => true],
];

/** Named functions whose total time (callees included) is reported: n8n's per-item steps. */
const INSIDE: Array<[name: string, functionName: string, urlPart: string]> = [
	[
		'the Alexa node: planning the items (their parameters and checks)',
		'planItem',
		'/node_modules/n8n-nodes-alexa/',
	],
	['n8n: getNodeParameter (parameters and their expressions)', '_getNodeParameter', '/n8n-core/'],
	['n8n: an expression evaluated in the isolate', 'execute', '/isolated-vm-bridge.js'],
	['n8n: getCredentials (read and decrypt from the database)', 'getCredentials', '/n8n-core/'],
	['n8n: CredentialsHelper.getDecrypted', 'getDecrypted', '/node_modules/n8n/dist/'],
	['n8n: CredentialsHelper.preAuthentication', 'preAuthentication', '/node_modules/n8n/dist/'],
	['n8n: CredentialsHelper.authenticate', 'authenticate', '/node_modules/n8n/dist/'],
	['n8n: httpRequestWithAuthentication', 'httpRequestWithAuthentication', '/n8n-core/'],
	['n8n: httpRequest helper', 'httpRequest', '/n8n-core/'],
	['n8n: outbound HTTP (axios request)', 'request', '/axios/'],
];

const TOP_FUNCTIONS = 25;

function categoryOf(frame: CallFrame): string {
	const { functionName, url } = frame;
	if (functionName === '(garbage collector)') return 'garbage collection';
	if (functionName === '(idle)') return 'idle (waiting for the network)';
	if (functionName === '(program)') return 'V8 and native code outside JavaScript';
	for (const [name, test] of CATEGORIES) if (test(url)) return name;
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
	return pkg ? `other: ${pkg[1]}` : url ? 'other' : 'native (no JavaScript frame)';
}

/** Which frames are the measured node's: its files, and the function n8n calls to run it. */
export interface NodeMarker {
	file: string;
	entry: string;
}

/** The profile in `folder` that holds the measured node's frames (n8n's task runner may write one too). */
function profileWith(folder: string, marker: string): { file: string; profile: CpuProfile } {
	for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.cpuprofile'))) {
		const profile = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as CpuProfile;
		if (profile.nodes.some((node) => node.callFrame.url.includes(marker)))
			return { file: path.join(folder, file), profile };
	}
	throw new Error(`no profile in ${folder} has a frame of ${marker}`);
}

export function summarizeProfile(folder: string, marker: NodeMarker): ProfileSummary {
	const { file, profile } = profileWith(folder, marker.file);
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);
	const stackOf = (id: number): ProfileNode[] => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at))
			stack.push(byId.get(at)!);
		return stack;
	};

	// Each sample lasts until the next one.
	const times: number[] = [];
	let now = 0;
	for (const delta of profile.timeDeltas) times.push((now += delta));
	const durationOf = (index: number) =>
		index + 1 < times.length ? times[index + 1] - times[index] : 0;
	const stacks = profile.samples.map(stackOf);
	const first = stacks.findIndex((stack) =>
		stack.some(
			({ callFrame }) =>
				callFrame.functionName === marker.entry && callFrame.url.includes(marker.file),
		),
	);
	const ofNode = stacks.map((stack) =>
		stack.some(({ callFrame }) => callFrame.url.includes(marker.file)),
	);
	const last = ofNode.lastIndexOf(true);

	const byCategory = new Map<string, number>();
	const breakdown = new Map<string, number>(BREAKDOWN.map(([name]) => [name, 0]));
	const inside = new Map<string, number>();
	const byFunction = new Map<string, number>();
	for (let index = first; index <= last; index++) {
		const stack = stacks[index];
		const ms = durationOf(index) / 1000;
		const category = categoryOf(stack[0].callFrame);
		byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
		const share = BREAKDOWN.find(([, test]) => test(stack, marker))![0];
		breakdown.set(share, breakdown.get(share)! + ms);
		const { functionName, url, lineNumber } = stack[0].callFrame;
		const where = url
			? ` (${url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')}:${lineNumber + 1})`
			: '';
		const fn = `${functionName || '(anonymous)'}${where}`;
		byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
		for (const [name, functionName, urlPart] of INSIDE) {
			if (
				stack.some(
					(node) =>
						node.callFrame.functionName === functionName && node.callFrame.url.includes(urlPart),
				)
			) {
				inside.set(name, (inside.get(name) ?? 0) + ms);
			}
		}
	}
	const sorted = (map: Map<string, number>) =>
		[...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
	return {
		windowMs: (times[last] - times[first]) / 1000,
		breakdown: [...breakdown].map(([name, ms]) => ({ name, ms })),
		byCategory: sorted(byCategory),
		inside: sorted(inside),
		topFunctions: sorted(byFunction).slice(0, TOP_FUNCTIONS),
		file,
	};
}

/** `node scripts/lib/cpuProfile.mts <folder> <file marker> <entry function>`: a summary of a profile written earlier, as JSON. */
if (import.meta.main)
	console.log(
		JSON.stringify(
			summarizeProfile(process.argv[2], { file: process.argv[3], entry: process.argv[4] }),
			null,
			2,
		),
	);
