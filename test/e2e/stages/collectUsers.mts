/**
 * The example that collects a skill's users (examples/collect-users-and-notify.json, issue 28):
 * published in a real n8n, its Alexa Trigger keeps each user who enables the skill or opens it
 * in an n8n Data Table and forgets one who disables it; its scheduled part sends each kept user a
 * notification through the fake Proactive Events API. n8n's `execute` command loads no Data Table
 * ("the module is disabled"), so the scheduled part runs in the published workflow, its schedule
 * set to every 5 s in the test's copy; the stage checks a run that started after the last request.
 */
import assert from 'node:assert/strict';

import { launchRequest, skillEvent } from '../../alexa-signer/requests.mts';
import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { resetFake, SKILL_ID } from '../fixtures.mts';
import { importExample, publishWorkflow, startN8n, unpublishWorkflow } from '../n8n.mts';
import { freePort, stopAll, waitFor } from '../processes.mts';
import { postSigned, signedAlexa, storedExecutions, triggerListening } from './trigger.mts';

const WEBHOOK = '/webhook/alexa-collect-users/alexa';
const KEPT = 'amzn1.ask.account.COLLECTED1';
const OPENED = 'amzn1.ask.account.COLLECTED2';
const LEFT = 'amzn1.ask.account.COLLECTED3';

export async function collectUsersStage(
	fake: FakeAlexa,
	log: (text: string) => void,
): Promise<void> {
	resetFake(fake);
	for (const user of [KEPT, OPENED, LEFT]) fake.notificationSubscribers.add(user);
	const alexa = await signedAlexa();
	let id: string | undefined;
	try {
		id = await importExample('collect-users-and-notify', (workflow) => {
			const trigger = workflow.nodes.find(
				(node: { type: string }) => node.type === 'n8n-nodes-alexa.alexaTrigger',
			);
			trigger.parameters.options = { additionalTrustedRoot: alexa.pki.root.pem };
			const schedule = workflow.nodes.find(
				(node: { type: string }) => node.type === 'n8n-nodes-base.scheduleTrigger',
			);
			schedule.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 5 }] };
		});
		const workflowId = id;
		await publishWorkflow(workflowId);
		const port = await freePort();
		await startN8n(['start'], { ...alexa.n8nEnv, N8N_PORT: String(port) }, 'collect-users-n8n');
		await triggerListening(port, WEBHOOK);

		const send = async (envelope: any, userId: string) => {
			envelope.context.System.user.userId = userId;
			if (envelope.session) envelope.session.user.userId = userId;
			const answer = await postSigned(
				port,
				envelope,
				alexa.pki.signing.privateKey,
				undefined,
				WEBHOOK,
			);
			assert.equal(answer.status, 200, JSON.stringify(answer.json));
			return answer;
		};
		const options = { skillId: SKILL_ID };
		await send(skillEvent('AlexaSkillEvent.SkillEnabled', {}, options), KEPT);
		await send(skillEvent('AlexaSkillEvent.SkillEnabled', {}, options), LEFT);
		const welcome = await send(launchRequest(options), OPENED);
		assert.match(String(welcome.json.response?.outputSpeech?.text), /^Welcome!/);
		await send(skillEvent('AlexaSkillEvent.SkillDisabled', {}, options), LEFT);

		// A scheduled run that started after the last request reads the table as it is now: the
		// second successful one from here (the first may have started before it).
		const scheduledRuns = async () =>
			(await storedExecutions(workflowId)).filter(
				(execution) =>
					execution.status === 'success' &&
					String(execution.data).includes('Everyone who enabled the skill'),
			);
		const before = (await scheduledRuns()).length;
		await waitFor(
			'a scheduled run after the last request',
			async () => (await scheduledRuns()).length > before + 1,
			60_000,
		);
		const latest = (await scheduledRuns()).at(-1)!;
		assert.ok(latest.data.includes(KEPT) && latest.data.includes(OPENED), 'both kept users read');
		assert.ok(!latest.data.includes(LEFT), 'the user who disabled the skill is no longer kept');
		const notified = new Set(fake.notifications.map((notification) => notification.user));
		assert.ok(notified.has(KEPT) && notified.has(OPENED), JSON.stringify([...notified]));
		assert.ok(
			fake.notifications.every(
				(notification) => notification.eventName === 'AMAZON.MessageAlert.Activated',
			),
		);
		log(
			`  collect users: 2 enabled and 1 launch kept in the Data Table, 1 disabled forgotten; notified ${[...notified].length} users (${fake.notifications.length} notifications accepted)`,
		);
	} finally {
		await stopAll();
		await alexa.s3.close();
		// Its schedule runs every 5 s: the n8n of later stages must not run it (they count notifications).
		if (id) await unpublishWorkflow(id);
	}
}
