/**
 * One memory measurement for the benchmark, in a process of its own: sends N skill messages
 * through n8n's engine to the fake (5 ms latency) and prints the process's peak RSS.
 */
import { startFakeAlexa } from '../test/fake-alexa/server.mts';
import { runAlexaNode } from '../test/harness/engine.mts';
import { skillMessagingCredential } from '../test/harness/fixtures.mts';

const items = Number(process.argv[2] ?? 1000);
const fake = await startFakeAlexa({ latencyMs: 5 });
// The fake keeps every request it saw; in this process only the node's memory should grow.
fake.onRequest = () => {
	fake.requests.length = 0;
};
const { output } = await runAlexaNode({
	parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
	items: Array.from({ length: items }, (_, index) => ({ user: `amzn1.ask.account.M${index}` })),
	credential: skillMessagingCredential(fake),
});
await fake.close();
const accepted = output.filter((item) => item.json.accepted === true).length;
console.log(`items=${items} accepted=${accepted} maxRssMb=${(process.resourceUsage().maxRSS / 1024).toFixed(1)}`);
