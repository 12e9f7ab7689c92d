/**
 * The package's main job, shown end to end without Amazon: n8n's engine runs the Alexa node's
 * Skill Message → Send for three users against the local stand-in for Alexa and Login with
 * Amazon (test/fake-alexa), and prints what the node output and what "Alexa" received.
 */
import { startFakeAlexa } from '../test/fake-alexa/server.mts';
import { runAlexaNode } from '../test/harness/engine.mts';
import { skillMessagingCredential } from '../test/harness/fixtures.mts';

const fake = await startFakeAlexa({ latencyMs: 20 });
try {
	const { output, error } = await runAlexaNode({
		parameters: {
			resource: 'skillMessage',
			operation: 'send',
			userId: '={{ $json.userId }}',
			dataMode: 'pairs',
			dataPairs: { pair: [{ key: 'reminder', value: '={{ $json.text }}' }] },
			expiresAfterSeconds: 600,
		},
		items: [
			{ userId: 'amzn1.ask.account.DEMO1', text: 'Water the plants' },
			{ userId: 'amzn1.ask.account.DEMO2', text: 'Take the bins out' },
			{ userId: 'amzn1.ask.account.DEMO3', text: 'Call grandma' },
		],
		credential: skillMessagingCredential(fake),
	});
	if (error) throw error;
	console.log('Node output:');
	for (const item of output)
		console.log(
			' ',
			JSON.stringify(item.json),
			'paired with item',
			JSON.stringify(item.pairedItem),
		);
	console.log('The fake Alexa received:');
	for (const request of fake.requests) {
		const shown = request.form ? '(token request, form encoded)' : request.rawBody;
		console.log(`  ${request.method} ${request.path} → ${request.status}  ${shown}`);
	}
} finally {
	await fake.close();
}
