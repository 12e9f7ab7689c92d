/**
 * Queue mode as n8n supports it for scaling (https://docs.n8n.io/hosting/scaling/queue-mode/):
 * PostgreSQL and Redis, `n8n start` (main, which takes no production webhook:
 * N8N_DISABLE_PRODUCTION_MAIN_PROCESS), `n8n worker`s, and one `n8n webhook` processor that takes
 * every production webhook call. No lost execution is sent again: one lost fails the stage.
 * - 200 webhook executions, a change report each, at a gateway limited to 5/s: with two workers,
 *   then with four (each worker paces itself: decision 6);
 * - the Alexa Trigger and the Alexa Smart Home Trigger on the webhook processor: signed requests
 *   answered, forged ones refused with no execution, the certificate fetched once.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { launchRequest } from '../../alexa-signer/requests.mts';
import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { credentialsFile, RELAY_SECRET, resetFake, SKILL_ID } from '../fixtures.mts';
import { importExample, n8n, output, publishWorkflow } from '../n8n.mts';
import { executionCount } from '../postgres.mts';
import { stopAll, waitFor } from '../processes.mts';
import { startQueueMode, stopQueueMode } from '../queueMode.mts';
import {
	burst,
	describeBurst,
	publishChangeReportWorkflow,
	webhookTookDeviceChange,
} from './pacing.mts';
import { relayedDirective } from './smartHome.mts';
import {
	BACKEND_WORKFLOW,
	CHAIN_PATH,
	postSigned,
	publishBackend,
	signedAlexa,
	triggerListening,
} from './trigger.mts';

const LAMP_WORKFLOW = 'alexaExSmartHomeLamp';
const CHANGE_REPORT_WORKFLOW = 'alexaExChangeReport';
const LAMP_PATH = '/webhook/alexa-smart-home-lamp/alexa-smart-home';

export async function queueStage(fake: FakeAlexa, log: (text: string) => void): Promise<void> {
	resetFake(fake);
	const alexa = await signedAlexa();
	const queue = await startQueueMode('queue', alexa.n8nEnv);
	try {
		const imported = await n8n(['import:credentials', `--input=${credentialsFile(fake)}`]);
		assert.equal(imported.status, 0, imported.stderr + imported.stdout);
		await publishChangeReportWorkflow();
		await publishBackend(alexa.pki);
		await publishWorkflow(await importExample('smart-home-lamp'));

		const { workers, startWorkers, postgres } = queue;
		await startWorkers(2);
		const webhookPort = await queue.startWebhookProcessor('queue-webhook');
		await waitFor(
			'the webhook processor',
			async () => await webhookTookDeviceChange(webhookPort, 'queue-warm-up'),
			180_000,
		);
		const workerRuns = () =>
			workers.map(
				(worker) =>
					fs
						.readFileSync(path.join(output, `${worker}.log`), 'utf8')
						.match(/Worker started execution/g)?.length ?? 0,
			);

		fake.rateLimit = { perSecond: 5, burst: 5 };
		const two = await burst(fake, webhookPort, 'queue2w', 200, 300_000);
		const runsWithTwo = workerRuns();
		log(
			`  queue mode on PostgreSQL, webhook processor, 2 workers, 200 executions at 5/s: ${describeBurst(two)}; executions per worker: ${runsWithTwo.join(', ')}`,
		);
		assert.ok(
			runsWithTwo.every((count) => count > 5),
			`both workers sent: ${runsWithTwo.join(', ')}`,
		);
		assert.ok(two.share <= 0.1, `429s with two workers at 5/s: ${describeBurst(two)}`);

		await startWorkers(4);
		const before = workerRuns();
		fake.rateLimit = { perSecond: 5, burst: 5 };
		// Four workers pace themselves apart (decision 6). With a pacer floor of 1 request a second
		// and +1 a second probing, a Change Report could be refused four times and its execution
		// fail after the three resends Amazon allows (2 of 6 runs); the pacer now goes down to one
		// request every 5 s and probes by 2 % near the rate it was accepting. Failed executions
		// are counted, so a loss fails the stage at once and says so.
		const failedBefore = await executionCount(postgres, CHANGE_REPORT_WORKFLOW, 'error');
		const four = await burst(
			fake,
			webhookPort,
			'queue4w',
			200,
			300_000,
			async () => (await executionCount(postgres, CHANGE_REPORT_WORKFLOW, 'error')) - failedBefore,
		);
		const runsWithFour = workerRuns().map((count, index) => count - (before[index] ?? 0));
		log(
			`  the same with 4 workers: ${describeBurst(four)}; executions per worker: ${runsWithFour.join(', ')}`,
		);
		assert.equal(four.gaveUp, 0, `every event delivered with four workers: ${describeBurst(four)}`);
		// Not the 10 % of two workers: four workers start four slow starts at once (16 requests
		// against a burst of 5), 5.7–8.7 % in three runs; 19–23 % before the pacer change.
		assert.ok(four.share <= 0.15, `429s with four workers at 5/s: ${describeBurst(four)}`);
		fake.rateLimit = undefined;

		// The triggers on the webhook processor.
		await triggerListening(webhookPort);
		const launch = await postSigned(
			webhookPort,
			launchRequest({ skillId: SKILL_ID }),
			alexa.pki.signing.privateKey,
		);
		assert.equal(launch.status, 200, JSON.stringify(launch.json));
		assert.equal(
			launch.json.response?.outputSpeech?.text,
			'Welcome to your list. Ask me what is on it.',
		);
		const forger = await import('../../alexa-signer/signer.mts').then(({ makeTestPki }) =>
			makeTestPki({}, alexa.pki.root),
		);
		const forged = await postSigned(
			webhookPort,
			launchRequest({ skillId: SKILL_ID }),
			forger.signing.privateKey,
		);
		assert.equal(forged.status, 400);
		const second = await postSigned(
			webhookPort,
			launchRequest({ skillId: SKILL_ID }),
			alexa.pki.signing.privateKey,
		);
		assert.equal(second.status, 200);
		await waitFor(
			'two executions of the skill backend',
			async () => (await executionCount(postgres, BACKEND_WORKFLOW)) === 2,
			60_000,
		);
		assert.equal(
			alexa.s3.fetches.get(CHAIN_PATH),
			1,
			'the certificate fetched once by the webhook processor',
		);

		const lampUrl = `http://127.0.0.1:${webhookPort}${LAMP_PATH}`;
		const turnedOn = await relayedDirective(lampUrl, 'Alexa.PowerController', 'TurnOn');
		assert.equal(turnedOn.event?.header?.name, 'Response', JSON.stringify(turnedOn));
		const otherSecret = await relayedDirective(
			lampUrl,
			'Alexa.PowerController',
			'TurnOff',
			`${RELAY_SECRET}-other`,
		);
		assert.equal(otherSecret.event?.payload?.type, 'INTERNAL_ERROR', JSON.stringify(otherSecret));
		await new Promise((resolve) => setTimeout(resolve, 1000));
		assert.equal(
			await executionCount(postgres, LAMP_WORKFLOW),
			1,
			'no execution for the forged directive',
		);
		const webhookLog = fs.readFileSync(path.join(output, 'queue-webhook.log'), 'utf8');
		assert.match(webhookLog, /Alexa Trigger refused a request/);
		log(
			`  triggers on the webhook processor: 2 signed requests answered, a forged one refused; TurnOn relayed and answered, another secret refused; ${alexa.s3.fetches.get(CHAIN_PATH)} certificate fetch`,
		);
	} finally {
		fake.rateLimit = undefined;
		await stopAll();
		stopQueueMode();
		await alexa.s3.close();
	}
}
