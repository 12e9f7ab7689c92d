/**
 * One memory measurement for the benchmark: sends N skill messages to the fake Alexa (5 ms
 * latency) with one sender, and prints this process's peak RSS and, when run with --expose-gc,
 * the heap the run left live (its output included). The fake runs in a child process (this same
 * file, with `serve-fake`), so that only n8n, the sender and their requests are measured, as in
 * an n8n process talking to Amazon.
 *
 *   node --expose-gc scripts/bench-memory.mts <items> [alexa|http-request-node|helper-only|plain-loop]
 */
import { spawn } from 'node:child_process';
import readline from 'node:readline';

import { startFakeAlexa } from '../test/fake-alexa/server.mts';
import type { CredentialForTest } from '../test/harness/engine.mts';

interface FakeInfo {
	url: string;
	token: string;
	credential: CredentialForTest;
}

if (process.argv[2] === 'serve-fake') {
	const { skillMessagingCredential } = await import('../test/harness/fixtures.mts');
	const { benchToken } = await import('./lib/httpRequestNode.mts');
	const fake = await startFakeAlexa({ latencyMs: 5 });
	// The fake keeps every request it saw; it only needs to answer here.
	fake.onRequest = () => {
		fake.requests.length = 0;
	};
	const info: FakeInfo = {
		url: fake.url,
		token: benchToken(fake),
		credential: skillMessagingCredential(fake),
	};
	process.stdout.write(`${JSON.stringify(info)}\n`);
	process.stdin.resume();
	process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
} else {
	const items = Number(process.argv[2] ?? 1000);
	/** Which sender: `alexa` (the default), `http-request-node`, `helper-only` or `plain-loop`. */
	const sender = process.argv[3] ?? 'alexa';
	const server = spawn(process.execPath, [import.meta.filename, 'serve-fake'], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const [line] = await readline
		.createInterface({ input: server.stdout! })
		[Symbol.asyncIterator]()
		.next()
		.then((next) => [next.value as string]);
	const fake = JSON.parse(line) as FakeInfo;
	// Every sender runs in a process with n8n's engine loaded, so that they start alike.
	const { runAlexaNode } = await import('../test/harness/engine.mts');
	const { httpRequestNodeRunAgainst, loadHttpRequestNode, users } = await import(
		'./lib/httpRequestNode.mts'
	);
	const { helperOnlyNodeRun, plainLoop } = await import('./lib/referenceSenders.mts');
	if (sender === 'http-request-node' && !loadHttpRequestNode())
		throw new Error('n8n is not installed: run npm run test:e2e once');

	/** One run of the sender; resolves to its output items (none for the plain loop). */
	const send = async (count: number): Promise<Array<{ json: { accepted?: boolean } }>> => {
		if (sender === 'http-request-node')
			return (await httpRequestNodeRunAgainst(fake, count)).output;
		if (sender === 'helper-only') return await helperOnlyNodeRun(fake, count);
		if (sender === 'plain-loop') return (await plainLoop(fake, count, 200), []);
		const { output } = await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
			items: users(count),
			credential: fake.credential,
		});
		return output;
	};

	// With --expose-gc: the live heap before and after the measured run, its output still held.
	const collect = (globalThis as { gc?: () => void }).gc;
	const liveHeapMb = () =>
		collect ? (collect(), process.memoryUsage().heapUsed / 2 ** 20) : Number.NaN;
	let output: Array<{ json: { accepted?: boolean } }> = [];
	let liveBefore = Number.NaN;
	let startRssMb = 0;
	try {
		// A few items first, so that what the sender loads on its first run (modules, the token)
		// is not counted as kept by the measured run.
		await send(10);
		liveBefore = liveHeapMb();
		startRssMb = process.memoryUsage().rss / 2 ** 20;
		output = await send(items);
	} finally {
		server.stdin!.end();
	}
	// The HTTP Request node's items are Alexa's (empty) answers, and the plain loop has none.
	const accepted =
		sender === 'alexa' || sender === 'helper-only'
			? output.filter((item) => item.json.accepted === true).length
			: '-';
	const retainedMb = liveHeapMb() - liveBefore;
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	console.log(
		`sender=${sender} items=${items} accepted=${accepted} startRssMb=${startRssMb.toFixed(1)} maxRssMb=${maxRssMb.toFixed(1)} retainedMb=${retainedMb.toFixed(1)} outputItems=${output.length}`,
	);
}
