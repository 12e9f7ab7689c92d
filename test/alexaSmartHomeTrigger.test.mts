/**
 * The Alexa Smart Home Trigger through n8n's webhook path (test/harness/trigger.mts): the relay's
 * signature, timestamp and message ID checked before any execution; the item; the answers it gives
 * by itself; and the relay (lambda/alexaSmartHomeRelay.mjs) run as Lambda runs it against it.
 * Every answer is checked against Amazon's smart home schema.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { TestCredentialsHelper } from './harness/credentials.mts';
import { ALEXA_NODE_TYPE, credentialTypes, registerNodeType } from './harness/engine.mts';
import { installClock } from './harness/fixtures.mts';
import { clock, seenMessages, smartHomeTriggerModule } from './harness/modules.mts';
import { schemaErrors } from './harness/schema.mts';
import {
	acceptGrant,
	BEARER_TOKEN,
	deviceDirective,
	discover,
	GRANT_CODE,
	RELAY_SECRET,
	relayHeaders,
	reportState,
} from './harness/smartHomeDirectives.mts';
import {
	SMART_HOME_TRIGGER_NODE_TYPE,
	startTriggerEndpoint,
	type TriggerEndpoint,
} from './harness/trigger.mts';
import { RELAY_FILE } from '../scripts/relayTemplate.mts';

type Handler = (event: unknown, context: unknown) => Promise<Record<string, any>>;
const { handler: relay } = (await import(pathToFileURL(RELAY_FILE).href)) as { handler: Handler };

const CREDENTIAL = { alexaSmartHomeRelayApi: { id: 'relay-1', name: 'Relay' } };
const ANSWER_TYPE = 'harness.smartHomeAnswer';

/**
 * A stand-in for the user's nodes after the trigger: an Alexa.Response reporting the directive's
 * powerState, after an optional delay; with Send Response, sent as Respond to Webhook sends.
 */
const smartHomeAnswer: INodeType = {
	description: {
		displayName: 'Smart Home Answer',
		name: ANSWER_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Answers the directive',
		defaults: { name: 'Smart Home Answer' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Delay', name: 'delayMs', type: 'number', default: 0 },
			{ displayName: 'Send Response', name: 'sendResponse', type: 'boolean', default: false },
		],
	},
	async execute(this: IExecuteFunctions) {
		const delayMs = this.getNodeParameter('delayMs', 0) as number;
		if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
		const item = this.getInputData()[0]!.json;
		const answer = {
			event: {
				header: {
					namespace: 'Alexa',
					name: 'Response',
					payloadVersion: '3',
					messageId: randomUUID(),
					correlationToken: item.correlationToken,
				},
				endpoint: { endpointId: item.endpointId },
				payload: {},
			},
			context: {
				properties: [
					{
						namespace: 'Alexa.PowerController',
						name: 'powerState',
						value: item.powerState,
						timeOfSample: '2026-12-07T08:00:00.00Z',
						uncertaintyInMilliseconds: 0,
					},
				],
			},
		};
		if (this.getNodeParameter('sendResponse', 0) as boolean)
			this.sendResponse({ body: answer, headers: {}, statusCode: 200 });
		return [[{ json: answer }]];
	},
};
registerNodeType(ANSWER_TYPE, smartHomeAnswer);

function credentialsHelper(secret = RELAY_SECRET): TestCredentialsHelper {
	const helper = new TestCredentialsHelper(credentialTypes);
	helper.add({
		id: 'relay-1',
		name: 'Relay',
		type: 'alexaSmartHomeRelayApi',
		data: { relaySecret: secret },
	});
	return helper;
}

async function startTrigger(
	parameters: Record<string, unknown> = {},
	options: { secret?: string; answer?: Record<string, unknown> } = {},
): Promise<TriggerEndpoint> {
	return await startTriggerEndpoint({
		trigger: parameters as never,
		triggerType: SMART_HOME_TRIGGER_NODE_TYPE,
		triggerCredentials: CREDENTIAL,
		credentialsHelper: credentialsHelper(options.secret),
		after: [
			{ name: 'Smart Home Answer', type: ANSWER_TYPE, parameters: (options.answer ?? {}) as never },
		],
	});
}

let manualClock: ReturnType<typeof installClock>;
let endpoints: TriggerEndpoint[] = [];
const nowSeconds = () => Math.floor(clock.clock.now() / 1000);

beforeEach(() => {
	manualClock = installClock(Date.now());
	seenMessages.forgetSeenMessages();
});
afterEach(async () => {
	for (const endpoint of endpoints) await endpoint.close();
	endpoints = [];
});
after(() => clock.useClock());

async function trigger(
	parameters: Record<string, unknown> = {},
	options: { secret?: string; answer?: Record<string, unknown> } = {},
): Promise<TriggerEndpoint> {
	const endpoint = await startTrigger(parameters, options);
	endpoints.push(endpoint);
	return endpoint;
}

/** Posts a directive signed as the relay signs it, at the trigger's clock unless `seconds` is given. */
async function postSigned(
	endpoint: TriggerEndpoint,
	directive: unknown,
	options: { seconds?: number; secret?: string } = {},
) {
	const body = JSON.stringify(directive);
	return await endpoint.post(
		body,
		relayHeaders(body, options.seconds ?? nowSeconds(), options.secret ?? RELAY_SECRET),
	);
}

/** Nothing the customer or the relay keeps secret in what n8n stored, answered or logged. */
function assertNoSecrets(endpoint: TriggerEndpoint, ...answers: unknown[]) {
	const seen = JSON.stringify([
		endpoint.executions.map((execution) => [execution.triggerItems, execution.runData]),
		endpoint.logs,
		answers,
	]);
	for (const secret of [RELAY_SECRET, BEARER_TOKEN])
		assert.ok(!seen.includes(secret), `a secret is in the execution, an answer or a log`);
}

describe('Alexa Smart Home Trigger: the relay signature, time and message ID', () => {
	it('a signed TurnOn starts the workflow and is answered with its last node', async () => {
		const endpoint = await trigger();
		const directive = deviceDirective('Alexa.PowerController', 'TurnOn');
		const answer = await postSigned(endpoint, directive);
		assert.equal(answer.status, 200);
		assert.deepEqual(schemaErrors(answer.body), []);
		const body = answer.body as Record<string, any>;
		assert.equal(body.event.header.correlationToken, directive.directive.header.correlationToken);
		assert.equal(body.context.properties[0].value, 'ON');
		assert.equal(endpoint.executions.length, 1);
		assertNoSecrets(endpoint, answer.body);
	});

	const refusals: Array<{
		title: string;
		status: number;
		reason: RegExp;
		send: (endpoint: TriggerEndpoint) => Promise<{ status: number; body: unknown }>;
	}> = [
		{
			title: 'no signature headers',
			status: 401,
			reason: /not signed by the relay/,
			send: (endpoint) =>
				endpoint.post(JSON.stringify(reportState()), { 'content-type': 'application/json' }),
		},
		{
			title: 'signed with another secret',
			status: 401,
			reason: /signature does not match/,
			send: (endpoint) =>
				postSigned(endpoint, reportState(), { secret: 'another-secret-0123456789abcdef0123' }),
		},
		{
			title: 'a body changed after signing (one space added)',
			status: 401,
			reason: /signature does not match/,
			send: (endpoint) => {
				const body = JSON.stringify(reportState());
				return endpoint.post(`${body} `, relayHeaders(body, nowSeconds()));
			},
		},
		{
			title: 'a signature that is not v1 and 64 hex digits',
			status: 401,
			reason: /malformed/,
			send: (endpoint) => {
				const body = JSON.stringify(reportState());
				const headers = relayHeaders(body, nowSeconds());
				headers['x-alexa-relay-signature'] = headers['x-alexa-relay-signature']!.replace(
					'v1=',
					'v2=',
				);
				return endpoint.post(body, headers);
			},
		},
		{
			title: 'a timestamp 301 s old',
			status: 401,
			reason: /more than 300 s from this server's clock/,
			send: (endpoint) => postSigned(endpoint, reportState(), { seconds: nowSeconds() - 301 }),
		},
		{
			title: 'a timestamp 301 s ahead',
			status: 401,
			reason: /more than 300 s from this server's clock/,
			send: (endpoint) => postSigned(endpoint, reportState(), { seconds: nowSeconds() + 301 }),
		},
		{
			title: 'a timestamp that is not whole seconds',
			status: 401,
			reason: /malformed/,
			send: (endpoint) => {
				const body = JSON.stringify(reportState());
				const headers = relayHeaders(body, nowSeconds());
				headers['x-alexa-relay-timestamp'] = `${headers['x-alexa-relay-timestamp']}.5`;
				return endpoint.post(body, headers);
			},
		},
		{
			title: 'signed text that is not JSON',
			status: 400,
			reason: /not JSON/,
			send: (endpoint) => endpoint.post('turn on', relayHeaders('turn on', nowSeconds())),
		},
		{
			title: 'signed JSON with no directive',
			status: 400,
			reason: /no Alexa directive/,
			send: (endpoint) => postSigned(endpoint, { request: { type: 'LaunchRequest' } }),
		},
		{
			title: 'signed JSON whose header name is not a string',
			status: 400,
			reason: /no namespace, name or messageId/,
			send: (endpoint) => {
				const directive = reportState();
				directive.directive.header.name = { toString: 0 };
				return postSigned(endpoint, directive);
			},
		},
	];
	for (const refusal of refusals) {
		it(`refuses ${refusal.title} (HTTP ${refusal.status}) and starts nothing`, async () => {
			const endpoint = await trigger();
			const answer = await refusal.send(endpoint);
			assert.equal(answer.status, refusal.status);
			assert.match(String((answer.body as { error?: string }).error), refusal.reason);
			assert.equal(endpoint.executions.length, 0);
			assert.ok(endpoint.logs.some((line) => /refused a request/.test(line)));
			assertNoSecrets(endpoint, answer.body);
		});
	}

	it('measures the window in milliseconds: at x.6 s, a timestamp 301 s ahead is refused and one 299 s old passes', async () => {
		const whole = Math.floor(Date.now() / 1000);
		installClock(whole * 1000 + 600);
		const endpoint = await trigger();
		const ahead = await postSigned(endpoint, reportState(), { seconds: whole + 301 });
		assert.equal(ahead.status, 401);
		const old = await postSigned(endpoint, reportState(), { seconds: whole - 299 });
		assert.equal(old.status, 200);
		assert.equal(endpoint.executions.length, 1);
	});

	it('refuses a replayed directive, and the same messageId signed again, within the window', async () => {
		const endpoint = await trigger();
		const directive = deviceDirective('Alexa.PowerController', 'TurnOff');
		const body = JSON.stringify(directive);
		const headers = relayHeaders(body, nowSeconds());
		assert.equal((await endpoint.post(body, headers)).status, 200);
		const copy = await endpoint.post(body, headers);
		assert.equal(copy.status, 401);
		assert.match(String((copy.body as { error: string }).error), /already received/);
		manualClock.advance(200_000);
		const resigned = await postSigned(endpoint, directive);
		assert.equal(resigned.status, 401);
		assert.equal(endpoint.executions.length, 1);
	});

	it('forgets a messageId once its timestamp is out of the window (the timestamp refuses it then)', async () => {
		const endpoint = await trigger();
		const first = deviceDirective('Alexa.PowerController', 'TurnOn');
		await postSigned(endpoint, first);
		manualClock.advance(301_000);
		// A new directive prunes the memory: the first id has expired and is gone.
		await postSigned(endpoint, deviceDirective('Alexa.PowerController', 'TurnOn'));
		assert.equal(seenMessages.seenMessageCount(), 1);
	});

	it('refuses every request while the credential holds a secret under 32 characters, and says so', async () => {
		const endpoint = await trigger({}, { secret: 'short-secret' });
		const answer = await postSigned(endpoint, reportState(), { secret: 'short-secret' });
		assert.equal(answer.status, 401);
		assert.match(String((answer.body as { error: string }).error), /shorter than 32 characters/);
		assert.equal(endpoint.executions.length, 0);
	});
});

describe('Alexa Smart Home Trigger: the item', () => {
	const cases: Array<{
		title: string;
		directive: () => Record<string, any>;
		expected: Record<string, unknown>;
	}> = [
		{
			title: 'TurnOn: powerState ON',
			directive: () => deviceDirective('Alexa.PowerController', 'TurnOn'),
			expected: { event: 'powerController', powerState: 'ON', endpointId: 'lamp-1' },
		},
		{
			title: 'SetBrightness: brightness as sent',
			directive: () =>
				deviceDirective('Alexa.BrightnessController', 'SetBrightness', { brightness: 50 }),
			expected: { event: 'brightnessController', brightness: 50 },
		},
		{
			title: 'SetThermostatMode: the mode as text',
			directive: () =>
				deviceDirective('Alexa.ThermostatController', 'SetThermostatMode', {
					thermostatMode: { value: 'HEAT' },
				}),
			expected: { event: 'thermostatController', thermostatMode: 'HEAT' },
		},
		{
			title: "the Speaker's AdjustVolume: the change as volumeDelta, not volume",
			directive: () =>
				deviceDirective('Alexa.Speaker', 'AdjustVolume', { volume: -10, volumeDefault: false }),
			expected: { event: 'speaker', volumeDelta: -10, volumeDefault: false, volume: undefined },
		},
		{
			title: 'Lock: lockState LOCKED',
			directive: () => deviceDirective('Alexa.LockController', 'Lock'),
			expected: { event: 'lockController', lockState: 'LOCKED' },
		},
		{
			title: "a ToggleController's TurnOn: toggleState ON and the instance",
			directive: () =>
				deviceDirective('Alexa.ToggleController', 'TurnOn', {}, { instance: 'Fan.Oscillate' }),
			expected: {
				event: 'toggleController',
				toggleState: 'ON',
				instance: 'Fan.Oscillate',
				powerState: undefined,
			},
		},
		{
			title: 'ReportState: the endpoint and cookie',
			directive: reportState,
			expected: { event: 'reportState', endpointId: 'endpoint-001', cookie: {} },
		},
		{
			title: 'an interface the trigger does not list: Other, payload copied',
			directive: () => deviceDirective('Alexa.FutureController', 'DoIt', { level: 3 }),
			expected: { event: 'other', level: 3 },
		},
	];
	for (const { title, directive, expected } of cases) {
		it(title, async () => {
			const endpoint = await trigger();
			const sent = directive();
			await postSigned(endpoint, sent);
			const item = endpoint.executions[0]!.triggerItems[0]!.json;
			for (const [field, value] of Object.entries(expected))
				assert.deepEqual(item[field], value, field);
			assert.equal(item.namespace, sent.directive.header.namespace);
			assert.equal(item.name, sent.directive.header.name);
			assert.equal(item.messageId, sent.directive.header.messageId);
			assert.equal(item.correlationToken, sent.directive.header.correlationToken);
			assert.equal(Date.parse(String(item.answerBy)) - Date.parse(String(item.receivedAt)), 7_000);
			assert.equal(item.bearerToken, undefined);
			assertNoSecrets(endpoint);
		});
	}

	it('AcceptGrant: the grant code as grantCode, in neither payload nor raw, the grantee token left out', async () => {
		const endpoint = await trigger();
		await postSigned(endpoint, acceptGrant());
		const item = endpoint.executions[0]!.triggerItems[0]!.json as Record<string, any>;
		assert.equal(item.event, 'acceptGrant');
		assert.equal(item.grantCode, GRANT_CODE);
		const elsewhere = JSON.stringify({ ...item, grantCode: undefined });
		assert.ok(!elsewhere.includes(GRANT_CODE));
		assert.equal(item.raw.directive.payload.grantee.type, 'BearerToken');
		assertNoSecrets(endpoint);
	});

	it("Discover: the scope's token left out, the scope's type kept in raw", async () => {
		const endpoint = await trigger();
		await postSigned(endpoint, discover());
		const item = endpoint.executions[0]!.triggerItems[0]!.json as Record<string, any>;
		assert.equal(item.event, 'discovery');
		assert.deepEqual(item.raw.directive.payload.scope, { type: 'BearerToken' });
		assertNoSecrets(endpoint);
	});

	it('Include Bearer Token: the token as bearerToken and in raw', async () => {
		const endpoint = await trigger({ options: { includeBearerToken: true } });
		await postSigned(endpoint, deviceDirective('Alexa.PowerController', 'TurnOn'));
		const item = endpoint.executions[0]!.triggerItems[0]!.json as Record<string, any>;
		assert.equal(item.bearerToken, BEARER_TOKEN);
		assert.equal(item.raw.directive.endpoint.scope.token, BEARER_TOKEN);
	});

	it('offers every event and chooses all by default', () => {
		const description = new smartHomeTriggerModule.AlexaSmartHomeTrigger().description;
		const events = description.properties.find((property) => property.name === 'events')!;
		assert.deepEqual(
			events.default,
			events.options!.map((option) => (option as { value: string }).value),
		);
	});
});

describe('Alexa Smart Home Trigger: the answers it gives by itself', () => {
	const notChosen: Array<{
		title: string;
		directive: () => Record<string, any>;
		name: string;
		type?: string;
	}> = [
		{
			title: 'a device directive: INVALID_DIRECTIVE',
			directive: () => deviceDirective('Alexa.LockController', 'Unlock'),
			name: 'ErrorResponse',
			type: 'INVALID_DIRECTIVE',
		},
		{ title: 'Discover: no devices', directive: discover, name: 'Discover.Response' },
		{
			title: 'AcceptGrant: ACCEPT_GRANT_FAILED',
			directive: acceptGrant,
			name: 'ErrorResponse',
			type: 'ACCEPT_GRANT_FAILED',
		},
	];
	for (const { title, directive, name, type } of notChosen) {
		it(`an event not chosen, ${title}, and no execution`, async () => {
			const endpoint = await trigger({ events: ['powerController'] });
			const answer = await postSigned(endpoint, directive());
			assert.equal(answer.status, 200);
			assert.deepEqual(schemaErrors(answer.body), []);
			const body = answer.body as Record<string, any>;
			assert.equal(body.event.header.name, name);
			assert.equal(body.event.payload.type, type);
			assert.equal(endpoint.executions.length, 0);
		});
	}

	const immediately: Array<{ title: string; directive: () => Record<string, any>; name: string }> =
		[
			{
				title: 'a device directive: a DeferredResponse with its correlation token',
				directive: () =>
					deviceDirective('Alexa.BrightnessController', 'SetBrightness', { brightness: 20 }),
				name: 'DeferredResponse',
			},
			{
				title: 'ReportState: a DeferredResponse',
				directive: reportState,
				name: 'DeferredResponse',
			},
			{ title: 'Discover: no devices', directive: discover, name: 'Discover.Response' },
			{
				title: 'AcceptGrant: AcceptGrant.Response',
				directive: acceptGrant,
				name: 'AcceptGrant.Response',
			},
		];
	for (const { title, directive, name } of immediately) {
		it(`Respond Immediately, ${title}, and the workflow runs`, async () => {
			const endpoint = await trigger({ responseMode: 'onReceived' });
			const sent = directive();
			const answer = await postSigned(endpoint, sent);
			assert.equal(answer.status, 200);
			assert.deepEqual(schemaErrors(answer.body), []);
			const body = answer.body as Record<string, any>;
			assert.equal(body.event.header.name, name);
			if (name === 'DeferredResponse')
				assert.equal(body.event.header.correlationToken, sent.directive.header.correlationToken);
			for (let wait = 0; endpoint.executions.length === 0 && wait < 200; wait++)
				await new Promise((resolve) => setImmediate(resolve));
			assert.equal(endpoint.executions.length, 1);
		});
	}

	it("Using 'Respond to Webhook' Node: the node's sendResponse is the answer", async () => {
		const endpoint = await trigger(
			{ responseMode: 'responseNode' },
			{ answer: { sendResponse: true } },
		);
		const answer = await postSigned(endpoint, deviceDirective('Alexa.PowerController', 'TurnOff'));
		assert.deepEqual(schemaErrors(answer.body), []);
		assert.equal((answer.body as Record<string, any>).context.properties[0].value, 'OFF');
	});
});

describe('Alexa Smart Home Trigger behind the relay, run as Lambda runs it', () => {
	const ENV = ['N8N_WEBHOOK_URL', 'RELAY_SECRET', 'RELAY_TIMEOUT_MS'];
	let saved: typeof console.log;
	before(() => {
		saved = console.log;
		console.log = () => {};
	});
	after(() => {
		console.log = saved;
		for (const name of ENV) delete process.env[name];
	});
	beforeEach(() => {
		// The relay signs with the real time: the trigger reads the real clock here.
		clock.useClock();
	});

	it('TurnOn: relay → trigger → workflow → relay, the answer unchanged and schema-valid', async () => {
		const endpoint = await trigger();
		Object.assign(process.env, { N8N_WEBHOOK_URL: endpoint.url, RELAY_SECRET });
		const directive = deviceDirective('Alexa.PowerController', 'TurnOn');
		const answer = await relay(directive, { awsRequestId: 'aws-1' });
		assert.deepEqual(schemaErrors(answer), []);
		assert.equal(answer.event.header.name, 'Response');
		assert.equal(answer.context.properties[0].value, 'ON');
		assert.equal(endpoint.executions.length, 1);
	});

	it('another secret in the relay: the trigger refuses, the relay tells Alexa INTERNAL_ERROR', async () => {
		const endpoint = await trigger();
		Object.assign(process.env, {
			N8N_WEBHOOK_URL: endpoint.url,
			RELAY_SECRET: 'not-the-secret-0123456789abcdef012345',
		});
		const answer = await relay(deviceDirective('Alexa.PowerController', 'TurnOn'), {});
		assert.deepEqual(schemaErrors(answer), []);
		assert.equal(answer.event.payload.type, 'INTERNAL_ERROR');
		assert.equal(endpoint.executions.length, 0);
	});

	it('a workflow slower than the relay waits: ENDPOINT_UNREACHABLE in time, and the execution still ends', async () => {
		const endpoint = await trigger({}, { answer: { delayMs: 1_500 } });
		Object.assign(process.env, {
			N8N_WEBHOOK_URL: endpoint.url,
			RELAY_SECRET,
			RELAY_TIMEOUT_MS: '300',
		});
		const answer = await relay(deviceDirective('Alexa.PowerController', 'TurnOn'), {});
		// Ordered, not timed: the relay gives up at 300 ms, the workflow ends at 1,500 ms.
		assert.equal(endpoint.executions.length, 0, 'the relay answered before the workflow ended');
		assert.deepEqual(schemaErrors(answer), []);
		assert.equal(answer.event.payload.type, 'ENDPOINT_UNREACHABLE');
		for (let wait = 0; endpoint.executions.length === 0 && wait < 100; wait++)
			await new Promise((resolve) => setTimeout(resolve, 50));
		assert.equal(endpoint.executions.length, 1);
		delete process.env.RELAY_TIMEOUT_MS;
	});
});

describe("Alexa Smart Home Trigger answered by the Alexa node's Smart Home Response", () => {
	const respond = (operation: string, parameters: Record<string, unknown> = {}) => ({
		name: 'Smart Home Response',
		type: ALEXA_NODE_TYPE,
		parameters: { resource: 'smartHomeResponse', operation, ...parameters } as never,
	});
	async function answered(
		operation: string,
		directive: Record<string, any>,
		parameters: Record<string, unknown> = {},
	) {
		const endpoint = await startTriggerEndpoint({
			trigger: {} as never,
			triggerType: SMART_HOME_TRIGGER_NODE_TYPE,
			triggerCredentials: CREDENTIAL,
			credentialsHelper: credentialsHelper(),
			after: [respond(operation, parameters)],
		});
		endpoints.push(endpoint);
		const answer = await postSigned(endpoint, directive);
		assert.equal(answer.status, 200, answer.text);
		assert.deepEqual(schemaErrors(answer.body), []);
		assertNoSecrets(endpoint, answer.body);
		return answer.body as Record<string, any>;
	}

	it('TurnOn → Confirm Directive: Alexa.Response reporting powerState ON, token and endpoint from the trigger', async () => {
		const directive = deviceDirective('Alexa.PowerController', 'TurnOn');
		const body = await answered('confirmDirective', directive);
		assert.equal(body.event.header.name, 'Response');
		assert.equal(body.event.header.correlationToken, directive.directive.header.correlationToken);
		assert.equal(body.event.endpoint.endpointId, 'lamp-1');
		const power = body.context.properties.find(
			(property: Record<string, unknown>) => property.name === 'powerState',
		);
		assert.equal(power.value, 'ON');
	});

	it('SetThermostatMode HEAT → Confirm Directive: thermostatMode HEAT', async () => {
		const directive = deviceDirective('Alexa.ThermostatController', 'SetThermostatMode', {
			thermostatMode: { value: 'HEAT' },
		});
		const body = await answered('confirmDirective', directive);
		const mode = body.context.properties.find(
			(property: Record<string, unknown>) => property.name === 'thermostatMode',
		);
		assert.equal(mode.value, 'HEAT');
	});

	it('AcceptGrant → Answer Accept Grant: AcceptGrant.Response', async () => {
		const body = await answered('answerAcceptGrant', acceptGrant());
		assert.equal(body.event.header.name, 'AcceptGrant.Response');
	});

	it('ReportState → Defer Answer: a DeferredResponse with the correlation token', async () => {
		const directive = reportState();
		const body = await answered('deferAnswer', directive);
		assert.equal(body.event.header.name, 'DeferredResponse');
		assert.equal(body.event.header.correlationToken, directive.directive.header.correlationToken);
	});
});
