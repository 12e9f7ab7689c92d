/**
 * One memory measurement for the benchmark: sends N skill messages through n8n's engine to the
 * fake Alexa (5 ms latency) and prints this process's peak RSS. The fake runs in a child
 * process (this same file, with `serve-fake`), so that only n8n, the node and their requests
 * are measured, as in an n8n process talking to Amazon.
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
	/** `alexa` (the default), or `http-request-node` for n8n's own node as the reference. */
	const node = process.argv[3] ?? 'alexa';
	const server = spawn(process.execPath, [import.meta.filename, 'serve-fake'], { stdio: ['pipe', 'pipe', 'inherit'] });
	const [line] = await readline.createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next().then((next) => [next.value as string]);
	const fake = JSON.parse(line) as FakeInfo;
	const { runAlexaNode } = await import('../test/harness/engine.mts');
	const { httpRequestNodeRunAgainst, loadHttpRequestNode } = await import('./lib/httpRequestNode.mts');
	// The HTTP Request node's run checks it gave one output item per input.
	let accepted: number | string = '-';
	try {
		if (node === 'http-request-node') {
			if (!loadHttpRequestNode()) throw new Error('n8n is not installed: run npm run test:e2e once');
			await httpRequestNodeRunAgainst(fake, items);
		} else {
			const { output } = await runAlexaNode({
				parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
				items: Array.from({ length: items }, (_, index) => ({ user: `amzn1.ask.account.M${index}` })),
				credential: fake.credential,
			});
			accepted = output.filter((item) => item.json.accepted === true).length;
		}
	} finally {
		server.stdin!.end();
	}
	console.log(`node=${node} items=${items} accepted=${accepted} maxRssMb=${(process.resourceUsage().maxRSS / 1024).toFixed(1)}`);
}
