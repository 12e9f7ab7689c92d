/**
 * The in-session APIs in a real n8n (issue 25): the two examples behind the Alexa Trigger, signed
 * requests from a test PKI, and the fake answering on Amazon's own API host names over TLS
 * (amazonHostsHook.mts): the request's apiEndpoint is https://api.amazonalexa.com, as Alexa sends it.
 * - "answer now, deliver later": a progressive response within 1 s, Alexa answered within its
 *   8 s, a 12 s slow step, then the answer as a reminder (or, without the reminders permission,
 *   a notification);
 * - "remind me at 6": the device's time zone read, the reminder made at the next 18:00 there;
 * - a skill message's token: Get Many taken, Create refused before it is sent (Amazon's current page).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
	intentRequest,
	launchRequest,
	messageReceived,
	slot,
} from '../../alexa-signer/requests.mts';
import { SCOPES } from '../../fake-alexa/alexaUsers.mts';
import { carryOpenedRequest } from '../../fake-alexa/openedRequest.mts';
import { AMAZON_API_HOSTS, type FakeAlexa } from '../../fake-alexa/server.mts';
import { resetFake, SKILL_ID } from '../fixtures.mts';
import { importExample, importWorkflow, output, publishWorkflow, startN8n } from '../n8n.mts';
import { freePort, stopAll, waitFor } from '../processes.mts';
import { postSigned, signedAlexa, storedExecutions, triggerListening } from './trigger.mts';
import { S3_HOST } from '../../alexa-signer/s3StandIn.mts';

type Stage = (name: string, body: () => Promise<void>) => Promise<void>;

/** The request tokens this stage handed n8n: secrets the final scan looks for too. */
export const inSessionTokens: string[] = [];

const DELIVER_LATER = '/webhook/alexa-deliver-later/alexa';
const REMIND_ME = '/webhook/alexa-remind-me/alexa';
const MESSAGES = '/webhook/alexa-reminder-messages/alexa';
const SLOW = '/webhook/alexa-slow-skill/alexa';

/** A signed request whose envelope carries a request the fake opened (its ID, token, host, user, device). */
function withFakeRequest(envelope: any, opened: ReturnType<FakeAlexa['openSkillRequest']>) {
	inSessionTokens.push(opened.apiAccessToken);
	return carryOpenedRequest(envelope, opened);
}

/** The next `hour`:00 in `timeZone` after `now`, as Alexa's local form (written apart from the example's Code node). */
function nextLocalHour(now: number, hour: number, timeZone: string): string {
	const local = (instant: number) =>
		new Date(instant).toLocaleString('sv-SE', { timeZone, hour12: false }).replace(' ', 'T');
	const today = `${local(now).slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00`;
	if (today > local(now)) return today;
	return `${local(now + 24 * 3600_000).slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00`;
}

export async function inSessionStage(
	stage: Stage,
	fake: FakeAlexa,
	log: (text: string) => void,
): Promise<void> {
	const alexa = await signedAlexa();
	const fakeHosts = await fake.serveAmazonHosts();
	const tlsRoots = path.join(output, 'in-session-tls-roots.pem');
	fs.writeFileSync(tlsRoots, alexa.s3.tlsRoot.pem + fakeHosts.tlsRootPem);
	const env = {
		...alexa.n8nEnv,
		NODE_EXTRA_CA_CERTS: tlsRoots,
		ALEXA_TEST_HOSTS: JSON.stringify({
			[S3_HOST]: alexa.s3.address,
			...Object.fromEntries(AMAZON_API_HOSTS.map((host) => [host, fakeHosts.address])),
		}),
	};
	const trusting = (skillIds: string) => (workflow: any) => {
		const trigger = workflow.nodes.find(
			(node: { type: string }) => node.type === 'n8n-nodes-alexa.alexaTrigger',
		);
		trigger.parameters.skillIds = skillIds;
		trigger.parameters.options = {
			...trigger.parameters.options,
			additionalTrustedRoot: alexa.pki.root.pem,
		};
	};
	try {
		let port = 0;
		await stage(
			'in-session: the examples published in an n8n that reaches Alexa under its own names',
			async () => {
				resetFake(fake);
				for (const name of ['answer-now-deliver-later', 'remind-me-at-six'])
					await publishWorkflow(await importExample(name, trusting(SKILL_ID)));
				await publishWorkflow(
					await importWorkflow(messagesWorkflow(alexa.pki.root.pem), 'reminder-messages'),
				);
				await publishWorkflow(await importWorkflow(slowWorkflow(alexa.pki.root.pem), 'slow-skill'));
				port = await freePort();
				await startN8n(['start'], { ...env, N8N_PORT: String(port) }, 'in-session-main');
				for (const webhook of [DELIVER_LATER, REMIND_ME, MESSAGES, SLOW])
					await triggerListening(port, webhook);
			},
		);

		await stage(
			'in-session: answer now (progressive response within 1 s, answer within 8 s), deliver 12 s later as a reminder',
			async () => {
				const opened = fake.openSkillRequest({ grants: [SCOPES.reminders] });
				const envelope = withFakeRequest(
					intentRequest(
						'AskDeepThoughtIntent',
						{ question: slot('question', 'life') },
						{ skillId: SKILL_ID },
					),
					opened,
				);
				const sentAt = Date.now();
				const answer = await postSigned(
					port,
					envelope,
					alexa.pki.signing.privateKey,
					undefined,
					DELIVER_LATER,
				);
				const answeredIn = Date.now() - sentAt;
				assert.equal(answer.status, 200, JSON.stringify(answer.json));
				assert.match(
					String(answer.json.response?.outputSpeech?.text),
					/I'll remind you with the answer/,
				);
				assert.ok(answeredIn < 8000, `Alexa answered in ${answeredIn} ms`);
				const [directive] = fake.requestsTo('/v1/directives');
				assert.ok(directive, 'a progressive response reached Alexa');
				assert.equal(directive.status, 204);
				assert.equal(directive.host, 'api.amazonalexa.com');
				const progressiveAfter = directive.receivedAt - sentAt;
				assert.ok(
					progressiveAfter < 1000,
					`progressive response ${progressiveAfter} ms after the request`,
				);
				assert.equal(fake.reminderLog.length, 0, 'no reminder before the slow work is done');
				await waitFor('the reminder with the answer', () => fake.reminderLog.length === 1, 60_000);
				const reminder = fake.reminderLog[0] as any;
				const deliveredAfter = Date.now() - sentAt;
				assert.ok(deliveredAfter >= 12_000, `delivered ${deliveredAfter} ms after the request`);
				assert.equal(
					reminder.madeWith.requestId,
					opened.requestId,
					"made with the request's own token",
				);
				assert.deepEqual(reminder.alertInfo.spokenInfo.content, [
					{ locale: 'en-US', text: 'The answer to life is 42.' },
				]);
				assert.equal(reminder.trigger.type, 'SCHEDULED_RELATIVE');
				await waitFor(
					'the execution stored as a success',
					async () =>
						(await storedExecutions('alexaExDeliverLater')).some(
							(execution) => execution.status === 'success',
						),
					30_000,
				);
				log(
					`  deliver later: progressive response after ${progressiveAfter} ms, Alexa answered after ${answeredIn} ms, reminder after ${deliveredAfter} ms`,
				);
			},
		);

		await stage(
			'in-session: without the reminders permission, the answer arrives as a notification',
			async () => {
				const opened = fake.openSkillRequest({ userId: 'amzn1.ask.account.NOREMINDERS' });
				const envelope = withFakeRequest(
					intentRequest(
						'AskDeepThoughtIntent',
						{ question: slot('question', 'tea') },
						{ skillId: SKILL_ID },
					),
					opened,
				);
				const answer = await postSigned(
					port,
					envelope,
					alexa.pki.signing.privateKey,
					undefined,
					DELIVER_LATER,
				);
				assert.equal(answer.status, 200);
				await waitFor('the notification', () => fake.notifications.length === 1, 60_000);
				const [notification] = fake.notifications;
				assert.equal(notification!.eventName, 'AMAZON.MessageAlert.Activated');
				assert.equal(notification!.audience, 'Unicast');
				assert.equal(notification!.user, 'amzn1.ask.account.NOREMINDERS');
				assert.equal(fake.reminderLog.length, 1, 'no second reminder');
			},
		);

		await stage(
			'in-session: "remind me to water the plants at 6" in the device\'s time zone',
			async () => {
				const opened = fake.openSkillRequest({ grants: [SCOPES.reminders] });
				const device = fake.alexaUser(opened.userId).devices.get(opened.deviceId!)!;
				device.timeZone = 'Asia/Tokyo';
				const envelope = withFakeRequest(
					intentRequest(
						'RemindMeIntent',
						{ task: slot('task', 'water the plants'), time: slot('time', '18:00') },
						{ skillId: SKILL_ID },
					),
					opened,
				);
				const sentAt = Date.now();
				const answer = await postSigned(
					port,
					envelope,
					alexa.pki.signing.privateKey,
					undefined,
					REMIND_ME,
				);
				assert.equal(answer.status, 200, JSON.stringify(answer.json));
				assert.equal(
					answer.json.response?.outputSpeech?.text,
					"OK, I'll remind you to water the plants at 6:00 PM.",
				);
				const settings = fake.requests.filter((request) =>
					request.path.endsWith('/settings/System.timeZone'),
				);
				assert.equal(settings.length, 1);
				assert.equal(settings[0]!.path, `/v2/devices/${opened.deviceId}/settings/System.timeZone`);
				const reminder = fake.reminderLog.at(-1) as any;
				assert.equal(reminder.madeWith.requestId, opened.requestId);
				assert.equal(reminder.trigger.type, 'SCHEDULED_ABSOLUTE');
				assert.equal(reminder.trigger.timeZoneId, 'Asia/Tokyo');
				// The example reads the clock between these two moments: 18:00 may pass in between.
				assert.ok(
					[
						nextLocalHour(sentAt, 18, 'Asia/Tokyo'),
						nextLocalHour(Date.now(), 18, 'Asia/Tokyo'),
					].includes(reminder.trigger.scheduledTime),
					`scheduled at ${reminder.trigger.scheduledTime}`,
				);
				assert.deepEqual(reminder.alertInfo.spokenInfo.content, [
					{ locale: 'en-US', text: 'water the plants' },
				]);

				const refused = fake.openSkillRequest({ userId: 'amzn1.ask.account.NOREMINDERS' });
				const withoutPermission = await postSigned(
					port,
					withFakeRequest(
						intentRequest(
							'RemindMeIntent',
							{ task: slot('task', 'call mum'), time: slot('time', '18:00') },
							{ skillId: SKILL_ID },
						),
						refused,
					),
					alexa.pki.signing.privateKey,
					undefined,
					REMIND_ME,
				);
				assert.deepEqual(withoutPermission.json.response?.card, {
					type: 'AskForPermissionsConsent',
					permissions: [SCOPES.reminders],
				});
				log(
					`  remind me at 6: ${reminder.trigger.scheduledTime} Asia/Tokyo; without the permission, a permissions card`,
				);
			},
		);

		await stage(
			"trigger: a workflow slower than Alexa's 8 s gets the slow answer at 7 s, and still ends",
			async () => {
				const sentAt = Date.now();
				const answer = await postSigned(
					port,
					launchRequest({ skillId: SKILL_ID }),
					alexa.pki.signing.privateKey,
					undefined,
					SLOW,
				);
				const answeredIn = Date.now() - sentAt;
				assert.equal(answer.status, 200, JSON.stringify(answer.json));
				assert.equal(
					answer.json.response?.outputSpeech?.text,
					"Sorry, that's taking longer than it should. Please try again in a moment.",
				);
				assert.ok(answeredIn >= 6_500 && answeredIn < 8_000, `answered after ${answeredIn} ms`);
				// It ends as an error: Skill Response → Build says its answer came too late for Alexa.
				await waitFor(
					'the slow execution stored as ended',
					async () =>
						(await storedExecutions('alexaE2eSlowSkill')).some(
							(execution) =>
								execution.status === 'error' &&
								/Too late for Alexa: this answer was ready 9\.\d s after the request arrived/.test(
									String(execution.data),
								),
						),
					30_000,
				);
				await new Promise((resolve) => setTimeout(resolve, 500));
				const mainLog = fs.readFileSync(path.join(output, 'in-session-main.log'), 'utf8');
				assert.match(mainLog, /Alexa Trigger answered Alexa for a workflow still running 7 s/);
				assert.doesNotMatch(mainLog, /Error in handling webhook request/);
				log(
					`  slow workflow: the slow answer after ${answeredIn} ms; the execution ended, Build saying its answer was too late; no webhook error logged`,
				);
			},
		);

		await stage(
			"in-session: a skill message's token lists reminders, and Create is refused before it is sent",
			async () => {
				const opened = fake.openSkillRequest({
					requestType: 'Messaging.MessageReceived',
					grants: [SCOPES.reminders],
				});
				const envelope = withFakeRequest(
					messageReceived({ task: 'later' }, { skillId: SKILL_ID }),
					opened,
				);
				const posted = fake.requests.length;
				const answer = await postSigned(
					port,
					envelope,
					alexa.pki.signing.privateKey,
					undefined,
					MESSAGES,
				);
				assert.equal(answer.status, 200);
				await waitFor(
					'the execution of the message',
					async () =>
						(await storedExecutions('alexaE2eReminderMsgs')).some(
							(execution) => execution.status === 'success',
						),
					30_000,
				);
				const madeWithToken = fake.requests
					.slice(posted)
					.filter((request) => request.headers.authorization === `Bearer ${opened.apiAccessToken}`);
				assert.deepEqual(
					madeWithToken.map((request) => `${request.method} ${request.path} ${request.status}`),
					['GET /v1/alerts/reminders 200'],
				);
				const [execution] = await storedExecutions('alexaE2eReminderMsgs');
				assert.match(
					String(execution!.data),
					/API Access Token is the token of a Messaging\.MessageReceived request, which Amazon's Reminders API does not take to create a reminder/,
				);
				log('  skill message: Get Many sent, Create refused before sending');
			},
		);
	} finally {
		await stopAll();
		await alexa.s3.close();
	}
}

/** A skill whose workflow takes 9 s (a Wait) before Skill Response → Build, answered When Last Node Finishes. */
function slowWorkflow(trustedRoot: string) {
	return {
		id: 'alexaE2eSlowSkill',
		name: 'e2e: a skill slower than Alexa waits',
		nodes: [
			{
				parameters: {
					skillIds: SKILL_ID,
					events: ['launch'],
					responseMode: 'lastNode',
					options: { additionalTrustedRoot: trustedRoot },
				},
				id: 'slow-skill-0',
				name: 'Alexa Trigger',
				type: 'n8n-nodes-alexa.alexaTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'alexa-slow-skill',
			},
			{
				parameters: { amount: 9, unit: 'seconds' },
				id: 'slow-skill-1',
				name: 'Nine seconds of work',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				position: [220, 0],
				webhookId: 'slow-skill-wait',
			},
			{
				parameters: {
					resource: 'skillResponse',
					operation: 'build',
					speech: 'Done at last.',
					shouldEndSession: 'end',
					options: {},
				},
				id: 'slow-skill-2',
				name: 'Answer',
				type: 'n8n-nodes-alexa.alexa',
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
			},
		],
		connections: {
			'Alexa Trigger': { main: [[{ node: 'Nine seconds of work', type: 'main', index: 0 }]] },
			'Nine seconds of work': { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** A skill message → Get Many → Create (which the node refuses with this token), answered at once. */
function messagesWorkflow(trustedRoot: string) {
	const alexaNode = (name: string, x: number, parameters: Record<string, unknown>) => ({
		parameters,
		id: `in-session-${x}`,
		name,
		type: 'n8n-nodes-alexa.alexa',
		typeVersion: 1,
		position: [x, 0],
		onError: 'continueRegularOutput',
	});
	return {
		id: 'alexaE2eReminderMsgs',
		name: 'e2e: reminders from a skill message',
		nodes: [
			{
				parameters: {
					skillIds: SKILL_ID,
					events: ['messageReceived'],
					responseMode: 'onReceived',
					options: { includeAccessTokens: true, additionalTrustedRoot: trustedRoot },
				},
				id: 'in-session-0',
				name: 'Alexa Trigger',
				type: 'n8n-nodes-alexa.alexaTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'alexa-reminder-messages',
			},
			alexaNode('List reminders', 220, { resource: 'reminder', operation: 'getAll' }),
			alexaNode('Try to create one', 440, {
				resource: 'reminder',
				operation: 'create',
				text: 'Water the plants',
				trigger: 'scheduledRelative',
				offsetInSeconds: 60,
				locale: 'en-US',
			}),
		],
		connections: {
			'Alexa Trigger': { main: [[{ node: 'List reminders', type: 'main', index: 0 }]] },
			'List reminders': { main: [[{ node: 'Try to create one', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
