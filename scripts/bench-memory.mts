/**
 * One memory measurement for the benchmark, in a process of its own: sends N skill messages
 * through n8n's engine to the fake (5 ms latency) and prints the process's peak RSS.
 */
import { startFakeAlexa } from '../test/fake-alexa/server.mts';
import { runAlexaNode } from '../test/harness/engine.mts';
import { skillMessagingCredential } from '../test/harness/fixtures.mts';
import { httpRequestNodeRun, loadHttpRequestNode } from './lib/httpRequestNode.mts';

const items = Number(process.argv[2] ?? 1000);
/** `alexa` (the default), or `http-request-node` for n8n's own node as the reference. */
const node = process.argv[3] ?? 'alexa';
const fake = await startFakeAlexa({ latencyMs: 5 });
// The fake keeps every request it saw; in this process only the node's memory should grow.
fake.onRequest = () => {
	fake.requests.length = 0;
};
// The HTTP Request node's run checks it gave one output item per input; its answers are not kept.
let accepted: number | string = '-';
if (node === 'http-request-node') {
	if (!loadHttpRequestNode()) throw new Error('n8n is not installed: run npm run test:e2e once');
	await httpRequestNodeRun(fake, items);
} else {
	const { output } = await runAlexaNode({
		parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
		items: Array.from({ length: items }, (_, index) => ({ user: `amzn1.ask.account.M${index}` })),
		credential: skillMessagingCredential(fake),
	});
	accepted = output.filter((item) => item.json.accepted === true).length;
}
await fake.close();
console.log(`node=${node} items=${items} accepted=${accepted} maxRssMb=${(process.resourceUsage().maxRSS / 1024).toFixed(1)}`);
