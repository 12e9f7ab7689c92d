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
	const info: FakeInfo = { url: fake.url, token: benchToken(fake), credential: skillMessagingCredential(fake) };
	process.stdout.write(`${JSON.stringify(info)}\n`);
	process.stdin.resume();
	process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
} else {
	const items = Number(process.argv[2] ?? 1000);
	/** Which sender: `alexa` (the default), `http-request-node`, `helper-only` or `plain-loop`. */
	const sender = process.argv[3] ?? 'alexa';
	const server = spawn(process.execPath, [import.meta.filename, 'serve-fake'], { stdio: ['pipe', 'pipe', 'inherit'] });
	const [line] = await readline.createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next().then((next) => [next.value as string]);
	const fake = JSON.parse(line) as FakeInfo;
	// Every sender runs in a process with n8n's engine loaded, so that they start alike.
	const { runAlexaNode } = await import('../test/harness/engine.mts');
	const { httpRequestNodeRunAgainst, loadHttpRequestNode } = await import('./lib/httpRequestNode.mts');
	const { helperOnlyNodeRun, plainLoop } = await import('./lib/referenceSenders.mts');
	// With --expose-gc: the live heap before and after the run, the run's output still held.
	const collect = (globalThis as { gc?: () => void }).gc;
	const liveHeapMb = () => (collect ? (collect(), process.memoryUsage().heapUsed / 2 ** 20) : Number.NaN);
	const liveBefore = liveHeapMb();
	const startRssMb = process.memoryUsage().rss / 2 ** 20;
	let accepted: number | string = '-';
	// Held until the live heap is measured, as n8n holds a node's output.
	let output: unknown;
	try {
		if (sender === 'http-request-node') {
			if (!loadHttpRequestNode()) throw new Error('n8n is not installed: run npm run test:e2e once');
			({ output } = await httpRequestNodeRunAgainst(fake, items));
		} else if (sender === 'helper-only') {
			output = await helperOnlyNodeRun(fake, items);
		} else if (sender === 'plain-loop') {
			await plainLoop(fake, items, 200);
			accepted = items;
		} else {
			({ output } = await runAlexaNode({
				parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
				items: Array.from({ length: items }, (_, index) => ({ user: `amzn1.ask.account.M${index}` })),
				credential: fake.credential,
			}));
		}
		if (Array.isArray(output)) accepted = (output as Array<{ json: { accepted?: boolean } }>).filter((item) => item.json.accepted === true).length;
	} finally {
		server.stdin!.end();
	}
	const retainedMb = liveHeapMb() - liveBefore;
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	console.log(
		`sender=${sender} items=${items} accepted=${accepted} startRssMb=${startRssMb.toFixed(1)} maxRssMb=${maxRssMb.toFixed(1)} retainedMb=${retainedMb.toFixed(1)} outputItems=${Array.isArray(output) ? output.length : '-'}`,
	);
}
