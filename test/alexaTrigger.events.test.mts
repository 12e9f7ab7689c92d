/**
 * What a verified request does: which requests start the workflow (the Events choice), the item
 * the workflow gets, and how Alexa is answered in each Respond mode, with the Alexa node's
 * Skill Response → Build answering.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	API_ACCESS_TOKEN,
	canFulfillIntentRequest,
	DEVICE_ID,
	intentRequest,
	launchRequest,
	messageReceived,
	PERSON_ID,
	sessionEndedRequest,
	SKILL_EVENT_TYPES,
	skillEvent,
	slot,
	USER_ACCESS_TOKEN,
	USER_ID,
	inSession,
} from './alexa-signer/requests.mts';
import { endpoint, s3StandIn, sendSigned, stopS3StandIn } from './harness/alexaRequests.mts';
import { clock, webhookResponseFields } from './harness/modules.mts';
import { responseSchemaErrors } from './harness/responseSchema.mts';
import { ALEXA_NODE_TYPE } from './harness/engine.mts';

before(async () => {
	await s3StandIn();
});
after(stopS3StandIn);

const ACK = { version: '1.0', response: {} };
/** What the trigger answers by itself to a CanFulfillIntentRequest: it cannot fulfil what no workflow looked at. */
const CANNOT_FULFILL = { version: '1.0', response: { canFulfillIntent: { canFulfill: 'NO' } } };
const answerWithoutWorkflow = (event: string) =>
	event === 'canFulfillIntent' ? CANNOT_FULFILL : ACK;

const everyRequest: Array<[string, () => unknown]> = [
	['launch', () => launchRequest()],
	['intent', () => intentRequest('WhatsOnMyListIntent')],
	['sessionEnded', () => sessionEndedRequest()],
	['messageReceived', () => messageReceived({ text: 'hello' })],
	['skillEnabled', () => skillEvent('AlexaSkillEvent.SkillEnabled')],
	[
		'skillDisabled',
		() =>
			skillEvent('AlexaSkillEvent.SkillDisabled', {
				userInformationPersistenceStatus: 'NOT_PERSISTED',
			}),
	],
	[
		'skillAccountLinked',
		() => skillEvent('AlexaSkillEvent.SkillAccountLinked', { accessToken: 'x' }),
	],
	[
		'skillPermissionAccepted',
		() =>
			skillEvent('AlexaSkillEvent.SkillPermissionAccepted', {
				acceptedPermissions: [{ scope: 'alexa::devices:all:notifications:write' }],
			}),
	],
	[
		'skillPermissionChanged',
		() => skillEvent('AlexaSkillEvent.SkillPermissionChanged', { acceptedPermissions: [] }),
	],
	[
		'proactiveSubscriptionChanged',
		() =>
			skillEvent('AlexaSkillEvent.ProactiveSubscriptionChanged', {
				subscriptions: [{ eventName: 'AMAZON.OrderStatus.Updated' }],
			}),
	],
	['canFulfillIntent', () => canFulfillIntentRequest()],
	['other', () => inSession({ type: 'Alexa.Presentation.APL.UserEvent', arguments: ['tapped'] })],
];

describe('Events: which verified requests start the workflow', () => {
	for (const [event, make] of everyRequest) {
		test(`${event}: starts the workflow when chosen`, async () => {
			const target = await endpoint({ events: [event], responseMode: 'onReceived' });
			try {
				const answer = await sendSigned(target, make());
				assert.equal(answer.status, 200, JSON.stringify(answer.body));
				assert.deepEqual(answer.body, answerWithoutWorkflow(event));
				await waitFor(() => target.executions.length === 1);
				assert.equal(target.executions[0]!.triggerItems[0]!.json.event, event);
			} finally {
				await target.close();
			}
		});
		test(`${event}: acknowledged ${event === 'canFulfillIntent' ? 'with canFulfill NO' : 'with an empty response'} and no execution when not chosen`, async () => {
			const others = everyRequest.map(([name]) => name).filter((name) => name !== event);
			const target = await endpoint({ events: others });
			try {
				const answer = await sendSigned(target, make());
				assert.equal(answer.status, 200);
				assert.deepEqual(answer.body, answerWithoutWorkflow(event));
				assert.deepEqual(responseSchemaErrors(answer.body), []);
				await new Promise((resolve) => setTimeout(resolve, 20));
				assert.equal(target.executions.length, 0);
			} finally {
				await target.close();
			}
		});
	}

	test('Intent Names: only the named intents start the workflow', async () => {
		const target = await endpoint({
			events: ['intent'],
			intentNames: 'WhatsOnMyListIntent, AMAZON.HelpIntent',
			responseMode: 'onReceived',
		});
		try {
			await sendSigned(target, intentRequest('AMAZON.HelpIntent'));
			await sendSigned(target, intentRequest('AMAZON.StopIntent'));
			await sendSigned(target, intentRequest('WhatsOnMyListIntent'));
			await waitFor(() => target.executions.length === 2);
			assert.deepEqual(
				target.executions.map((execution) => execution.triggerItems[0]!.json.intentName),
				['AMAZON.HelpIntent', 'WhatsOnMyListIntent'],
			);
		} finally {
			await target.close();
		}
	});
});

describe('the item the workflow gets', () => {
	test('plain fields for an intent: intent, slots with their resolved values, user, person, device, session', async () => {
		const target = await endpoint({ responseMode: 'onReceived' });
		try {
			const request = intentRequest(
				'AddItemIntent',
				{
					item: slot('item', 'milk', { name: 'Milk', id: 'MILK' }),
					list: slot('list', 'shopping'),
				},
				{ newSession: false, sessionAttributes: { step: 2 }, locale: 'de-DE' },
			);
			await sendSigned(target, request);
			await waitFor(() => target.executions.length === 1);
			const item = target.executions[0]!.triggerItems[0]!.json;
			assert.equal(item.requestType, 'IntentRequest');
			assert.equal(item.intentName, 'AddItemIntent');
			assert.deepEqual(item.slotValues, { item: 'Milk', list: 'shopping' });
			assert.deepEqual(item.slots, {
				item: {
					value: 'milk',
					resolvedValue: 'Milk',
					resolvedId: 'MILK',
					confirmationStatus: 'NONE',
				},
				list: { value: 'shopping', confirmationStatus: 'NONE' },
			});
			assert.equal(item.userId, USER_ID);
			assert.equal(item.personId, PERSON_ID);
			assert.equal(item.deviceId, DEVICE_ID);
			assert.equal(item.locale, 'de-DE');
			assert.equal(item.sessionId, request.session.sessionId);
			assert.equal(item.newSession, false);
			assert.deepEqual(item.sessionAttributes, { step: 2 });
			assert.equal((item.raw as typeof request).request.requestId, request.request.requestId);
			assert.ok(Date.parse(String(item.answerBy)) - Date.parse(String(item.receivedAt)) === 8000);
		} finally {
			await target.close();
		}
	});

	test('the message of a Messaging.MessageReceived request, and the body of a skill event', async () => {
		const target = await endpoint({ responseMode: 'onReceived' });
		try {
			await sendSigned(target, messageReceived({ reminder: 'bins', at: '19:00' }));
			await sendSigned(
				target,
				skillEvent('AlexaSkillEvent.SkillPermissionAccepted', {
					acceptedPermissions: [{ scope: 'alexa::profile:email:read' }],
				}),
			);
			await waitFor(() => target.executions.length === 2);
			const [message, event] = target.executions.map(
				(execution) => execution.triggerItems[0]!.json,
			);
			assert.deepEqual(message!.message, { reminder: 'bins', at: '19:00' });
			assert.equal(message!.userId, USER_ID);
			assert.deepEqual(event!.eventBody, {
				acceptedPermissions: [{ scope: 'alexa::profile:email:read' }],
			});
		} finally {
			await target.close();
		}
	});

	test('holds no access token anywhere, unless Include Access Tokens is on', async () => {
		for (const include of [false, true]) {
			const target = await endpoint({
				responseMode: 'onReceived',
				options: { includeAccessTokens: include },
			});
			try {
				await sendSigned(target, intentRequest('AddItemIntent'));
				await waitFor(() => target.executions.length === 1);
				const item = target.executions[0]!.triggerItems[0]!.json;
				const text = JSON.stringify(item);
				assert.equal(text.includes(API_ACCESS_TOKEN), include);
				assert.equal(text.includes(USER_ACCESS_TOKEN), include);
				if (include) {
					assert.equal(item.apiAccessToken, API_ACCESS_TOKEN);
					assert.equal(item.userAccessToken, USER_ACCESS_TOKEN);
				}
				assert.ok(!target.logs.join('\n').includes(API_ACCESS_TOKEN));
			} finally {
				await target.close();
			}
		}
	});

	test('every skill event type starts the workflow with its type', async () => {
		const target = await endpoint({ responseMode: 'onReceived' });
		try {
			for (const type of SKILL_EVENT_TYPES) await sendSigned(target, skillEvent(type));
			await waitFor(() => target.executions.length === SKILL_EVENT_TYPES.length);
			assert.deepEqual(
				target.executions.map((execution) => execution.triggerItems[0]!.json.requestType),
				[...SKILL_EVENT_TYPES],
			);
		} finally {
			await target.close();
		}
	});
});

const buildResponse = (options: { respondNow?: boolean } = {}) => ({
	name: 'Build Response',
	type: ALEXA_NODE_TYPE,
	parameters: {
		resource: 'skillResponse',
		operation: 'build',
		speech: '={{ "You have " + $json.slotValues.count + " items on your list." }}',
		options,
	},
});

describe('Respond: how Alexa is answered', () => {
	test("Respond decides n8n's responseMode and responseData, the same with n8n's native resolvers (n8n 2.41) and as plain templates (older n8n)", () => {
		const native = webhookResponseFields() as Record<string | symbol, any>;
		const plain = webhookResponseFields({});
		assert.deepEqual(
			plain,
			{ responseMode: native.responseMode, responseData: native.responseData },
			'the same templates either way',
		);
		const resolvers = native[Symbol.for('n8n.webhookDescriptionResolvers')];
		// The template as the editor and older n8n evaluate it ($parameter is the node's parameters).
		const evaluate = (template: string, parameters: object) =>
			new Function('$parameter', `return ${template.slice(3, -2)}`)(parameters);
		for (const [responseMode, responseData] of [
			['lastNode', 'firstEntryJson'],
			['onReceived', undefined],
			['responseNode', undefined],
		]) {
			assert.equal(resolvers.responseMode.resolve({ responseMode }), responseMode);
			assert.equal(resolvers.responseData.resolve({ responseMode }), responseData);
			assert.equal(evaluate(plain.responseMode, { responseMode }), responseMode);
			assert.equal(evaluate(plain.responseData, { responseMode }), responseData);
		}
	});

	test('Immediately: the empty response at once; the workflow still runs', async () => {
		const target = await endpoint({ responseMode: 'onReceived' }, { after: [buildResponse()] });
		try {
			const answer = await sendSigned(
				target,
				intentRequest('WhatsOnMyListIntent', { count: slot('count', '3') }),
			);
			assert.deepEqual(answer.body, ACK);
			await waitFor(() => target.executions.length === 1);
			assert.equal(target.executions[0]!.error, undefined);
		} finally {
			await target.close();
		}
	});

	test("When Last Node Finishes: the answer built by the Alexa node's Build Response", async () => {
		const target = await endpoint({ responseMode: 'lastNode' }, { after: [buildResponse()] });
		try {
			const answer = await sendSigned(
				target,
				intentRequest('WhatsOnMyListIntent', { count: slot('count', '3') }),
			);
			assert.equal(answer.status, 200);
			assert.deepEqual(answer.body, {
				version: '1.0',
				response: {
					outputSpeech: { type: 'PlainText', text: 'You have 3 items on your list.' },
					shouldEndSession: true,
				},
			});
		} finally {
			await target.close();
		}
	});

	test("Using 'Respond to Webhook' Node: Build Response with Respond to Alexa Now answers", async () => {
		const target = await endpoint(
			{ responseMode: 'responseNode' },
			{ after: [buildResponse({ respondNow: true })] },
		);
		try {
			const answer = await sendSigned(
				target,
				intentRequest('WhatsOnMyListIntent', { count: slot('count', '5') }),
			);
			assert.equal(answer.status, 200);
			assert.equal(
				(answer.body as { response: { outputSpeech: { text: string } } }).response.outputSpeech
					.text,
				'You have 5 items on your list.',
			);
		} finally {
			await target.close();
		}
	});

	test('an answer ready after Alexa stopped waiting fails the execution with the reason', async () => {
		const target = await endpoint({ responseMode: 'lastNode' }, { after: [buildResponse()] });
		// The trigger reads the clock once, as the request arrives; every later reading is 9 s on.
		let readings = 0;
		clock.useClock({
			now: () => Date.now() + (readings++ === 0 ? 0 : 9_000),
			sleep: async () => undefined,
		});
		try {
			const answer = await sendSigned(
				target,
				intentRequest('WhatsOnMyListIntent', { count: slot('count', '3') }),
			);
			assert.equal(answer.status, 500);
			await waitFor(() => target.executions.length === 1);
			const error = target.executions[0]!.error as { message: string; description: string };
			assert.match(
				error.message,
				/Too late for Alexa: this answer was ready 9\.\d s after the request arrived, and Alexa waits at most 8 s/,
			);
			assert.match(error.description, /answer first and deliver later/);
		} finally {
			clock.useClock();
			await target.close();
		}
	});
});

describe('Can Fulfill Intent: answered by the workflow, or NO without it', () => {
	test("When Last Node Finishes: Build's Can Fulfill Intent answer, from the request's slots", async () => {
		const answerCanFulfill = {
			name: 'Build Response',
			type: ALEXA_NODE_TYPE,
			parameters: {
				resource: 'skillResponse',
				operation: 'build',
				responseType: 'canFulfillIntent',
				canFulfill: '={{ $json.intentName === "WhatsOnMyListIntent" ? "YES" : "NO" }}',
				canFulfillSlots: {
					slot: [
						{
							name: 'list',
							canUnderstand: '={{ $json.slotValues.list ? "YES" : "NO" }}',
							canFulfill: 'YES',
						},
					],
				},
			},
		};
		const target = await endpoint(
			{ events: ['canFulfillIntent'], responseMode: 'lastNode' },
			{ after: [answerCanFulfill] },
		);
		try {
			const answer = await sendSigned(
				target,
				canFulfillIntentRequest('WhatsOnMyListIntent', { list: slot('list', 'shopping') }),
			);
			assert.equal(answer.status, 200, JSON.stringify(answer.body));
			assert.deepEqual(answer.body, {
				version: '1.0',
				response: {
					canFulfillIntent: {
						canFulfill: 'YES',
						slots: { list: { canUnderstand: 'YES', canFulfill: 'YES' } },
					},
				},
			});
			assert.deepEqual(responseSchemaErrors(answer.body), []);
		} finally {
			await target.close();
		}
	});

	test('an unchosen CanFulfillIntentRequest is answered NO in every Respond mode, and an empty response still answers the rest', async () => {
		for (const responseMode of ['onReceived', 'lastNode', 'responseNode']) {
			const target = await endpoint({ events: ['launch', 'intent'], responseMode });
			try {
				assert.deepEqual(
					(await sendSigned(target, canFulfillIntentRequest())).body,
					CANNOT_FULFILL,
					responseMode,
				);
				assert.deepEqual((await sendSigned(target, sessionEndedRequest())).body, ACK, responseMode);
				assert.equal(target.executions.length, 0);
			} finally {
				await target.close();
			}
		}
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
