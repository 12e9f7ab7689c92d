/**
 * Event → every Event Gateway operation, through n8n's engine against the fake gateway, with
 * each message checked against Amazon's JSON Schema.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from './fake-alexa/server.mts';
import { runAlexaNode } from './harness/engine.mts';
import {
	assertNoSecrets,
	CLIENT_SECRET,
	installClock,
	issuedTokens,
	REFRESH_TOKEN,
	refreshTokenCredential,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';
import { sampleMessages, SCHEMA_MESSAGE_TYPES, schemaErrors } from './harness/schema.mts';

const EVENTS = '/v3/events';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const fakeAlexa = useFakeAlexa();
let fake: FakeAlexa;
let clock: ManualClock;
beforeEach(() => {
	fake = fakeAlexa();
	clock = installClock();
});

function sendEvent(
	operation: string,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean; withoutRefreshToken?: boolean } = {},
) {
	const credential = refreshTokenCredential(fake);
	if (options.withoutRefreshToken) credential.data.refreshToken = '';
	return runAlexaNode({
		parameters: { resource: 'event', operation, ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
		credential,
	});
}

/** What every message the gateway received must satisfy. */
function assertWellFormedEvents() {
	const accepted = new Set<string>();
	for (const { request, message } of fake.events()) {
		const header = message.event.header;
		assert.match(header.messageId, UUID_V4, 'messageId is a UUID v4');
		assert.equal(header.payloadVersion, '3');
		const bearer = String(request.headers.authorization).replace(/^Bearer /, '');
		const scope = message.event.endpoint?.scope ?? message.event.payload.scope;
		assert.equal(scope?.token, bearer, 'every event carries the Authorization token in its body scope');
		const type = `${header.namespace}.${header.name}`;
		if (SCHEMA_MESSAGE_TYPES.has(type)) assert.deepEqual(schemaErrors(message), [], `${type} matches Amazon's schema`);
		assert.ok(!accepted.has(header.messageId), `nothing is sent again after Alexa accepted ${header.messageId}`);
		if (request.status === 202) accepted.add(header.messageId);
	}
}

const power = (value: string) => ({ namespace: 'Alexa.PowerController', name: 'powerState', value });

describe('Event → Send Change Report', () => {
	it('sends the changed properties with cause, context, time of sample now and a default uncertainty', async () => {
		const { output, error } = await sendEvent('changeReport', {
			endpointId: 'lamp-1',
			cause: 'APP_INTERACTION',
			changedProperties: { property: [power('ON')] },
			unchangedProperties: {
				property: [
					{ namespace: 'Alexa.BrightnessController', name: 'brightness', value: '85', uncertaintyInMilliseconds: 500 },
					{ namespace: 'Alexa.EndpointHealth', name: 'connectivity', value: '{"value": "OK"}', timeOfSample: '2026-11-22T07:00:00+01:00' },
					{ namespace: 'Alexa.ToggleController', instance: 'Fan.Oscillate', name: 'toggleState', value: 'OFF' },
				],
			},
		});
		assert.equal(error, undefined);
		const [{ message }] = fake.events();
		const now = new Date(clock.nowMs).toISOString();
		assert.deepEqual(message.event.header.namespace, 'Alexa');
		assert.deepEqual(message.event.header.name, 'ChangeReport');
		assert.deepEqual(message.event.payload, {
			change: {
				cause: { type: 'APP_INTERACTION' },
				properties: [{ ...power('ON'), timeOfSample: now, uncertaintyInMilliseconds: 0 }],
			},
		});
		assert.deepEqual(message.context.properties, [
			{ namespace: 'Alexa.BrightnessController', name: 'brightness', value: 85, timeOfSample: now, uncertaintyInMilliseconds: 500 },
			{ namespace: 'Alexa.EndpointHealth', name: 'connectivity', value: { value: 'OK' }, timeOfSample: '2026-11-22T06:00:00.000Z', uncertaintyInMilliseconds: 0 },
			{ namespace: 'Alexa.ToggleController', instance: 'Fan.Oscillate', name: 'toggleState', value: 'OFF', timeOfSample: now, uncertaintyInMilliseconds: 0 },
		]);
		assert.equal(message.event.endpoint.endpointId, 'lamp-1');
		assertWellFormedEvents();
		assert.deepEqual(output[0].json, {
			accepted: true,
			statusCode: 202,
			messageId: message.event.header.messageId,
			eventName: 'Alexa.ChangeReport',
			endpointId: 'lamp-1',
		});
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	});

	it('offers exactly the five documented causes', async () => {
		const { Alexa } = (await import('./harness/modules.mts')).alexaNodeModule;
		const cause = new Alexa().description.properties.find(
			(property) => property.name === 'cause' && property.displayOptions?.show?.operation?.includes('changeReport'),
		);
		assert.deepEqual(
			(cause?.options as Array<{ value: string }>).map((option) => option.value).sort(),
			['APP_INTERACTION', 'PERIODIC_POLL', 'PHYSICAL_INTERACTION', 'RULE_TRIGGER', 'VOICE_INTERACTION'],
		);
	});

	it('gives every message its own messageId, one item per message, paired with its item', async () => {
		const { output } = await sendEvent(
			'changeReport',
			{ endpointId: '={{ $json.id }}', changedProperties: { property: [power('={{ $json.state }}')] } },
			{ items: [{ id: 'a', state: 'ON' }, { id: 'b', state: 'OFF' }, { id: 'c', state: 'ON' }] },
		);
		const ids = fake.events().map(({ message }) => message.event.header.messageId);
		assert.equal(new Set(ids).size, 3);
		assert.deepEqual(output.map((item) => [item.json.endpointId, item.pairedItem]), [
			['a', { item: 0 }],
			['b', { item: 1 }],
			['c', { item: 2 }],
		]);
		assertWellFormedEvents();
	});
});

describe('Event → discovery reports', () => {
	function endpoints(count: number, padding = 0) {
		return Array.from({ length: count }, (_, index) => ({
			endpointId: `device-${index}`,
			manufacturerName: 'Acme',
			friendlyName: `Lamp ${index}`,
			description: padding ? 'x'.repeat(Math.min(padding, 128)) : 'A lamp',
			displayCategories: ['LIGHT'],
			capabilities: [
				{ type: 'AlexaInterface', interface: 'Alexa', version: '3' },
				{
					type: 'AlexaInterface',
					interface: 'Alexa.PowerController',
					version: '3',
					properties: { supported: [{ name: 'powerState' }], proactivelyReported: true, retrievable: true },
				},
			],
			...(padding ? { cookie: { note: 'y'.repeat(padding) } } : {}),
		}));
	}

	for (const [count, batches] of [[299, [299]], [300, [300]], [301, [300, 1]], [1000, [300, 300, 300, 100]]] as const) {
		it(`sends ${count} endpoints as ${batches.length} add-or-update report(s) of ${batches.join(', ')}`, async () => {
			const { output, error } = await sendEvent('addOrUpdateReport', { endpoints: JSON.stringify(endpoints(count)) });
			assert.equal(error, undefined);
			const reports = fake.events().map(({ message }) => message.event.payload.endpoints.length);
			assert.deepEqual(reports, batches);
			const sentIds = fake.events().flatMap(({ message }) => message.event.payload.endpoints.map((e: { endpointId: string }) => e.endpointId));
			assert.deepEqual(sentIds, endpoints(count).map((e) => e.endpointId), 'every endpoint once, in order');
			assert.deepEqual(
				output.map((item) => item.json.batch),
				batches.map((size, index) => ({ number: index + 1, of: batches.length, endpoints: size })),
			);
			assert.ok(output.every((item) => item.json.eventName === 'Alexa.Discovery.AddOrUpdateReport' && item.json.endpointId === null));
			assert.ok(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}'));
			assertWellFormedEvents();
		});
	}

	it('also splits by size, keeping every report payload within 256 KB', async () => {
		const big = endpoints(300, 2000);
		await sendEvent('addOrUpdateReport', { endpoints: { endpoints: big } as never });
		const sizes = fake.events().map(({ message }) => Buffer.byteLength(JSON.stringify(message.event.payload), 'utf8'));
		assert.ok(sizes.length >= 3, `expected several reports, got ${sizes.length}`);
		assert.ok(sizes.every((size) => size <= 256 * 1024), `sizes: ${sizes}`);
		assert.equal(fake.events().reduce((sum, { message }) => sum + message.event.payload.endpoints.length, 0), 300);
		assertWellFormedEvents();
	});

	for (const [count, batches] of [[299, [299]], [300, [300]], [301, [300, 1]], [1000, [300, 300, 300, 100]]] as const) {
		it(`sends ${count} endpoint IDs as ${batches.length} delete report(s)`, async () => {
			const ids = Array.from({ length: count }, (_, index) => `device-${index}`);
			const { output } = await sendEvent('deleteReport', { endpointIds: ids.join(',\n') });
			const sent = fake.events().map(({ message }) => message);
			assert.deepEqual(sent.map((message) => message.event.payload.endpoints.length), batches);
			assert.deepEqual(sent.flatMap((message) => message.event.payload.endpoints.map((e: { endpointId: string }) => e.endpointId)), ids);
			assert.ok(sent.every((message) => message.event.header.name === 'DeleteReport' && message.event.payload.scope.type === 'BearerToken'));
			assert.equal(output.length, batches.length);
			assertWellFormedEvents();
		});
	}

	it('takes delete IDs from an expression that gives an array', async () => {
		await sendEvent('deleteReport', { endpointIds: '={{ $json.ids }}' }, { items: [{ ids: ['x-1', 'x-2'] }] });
		assert.deepEqual(fake.events()[0].message.event.payload.endpoints, [{ endpointId: 'x-1' }, { endpointId: 'x-2' }]);
	});

	it('reports which report failed and which were accepted when one of several fails', async () => {
		fake.inject(EVENTS, {}, { code: 'INVALID_REQUEST_EXCEPTION' });
		fake.inject(EVENTS, {});
		const { output } = await sendEvent('deleteReport', { endpointIds: Array.from({ length: 700 }, (_, i) => `d${i}`).join(',') }, { continueOnFail: true });
		assert.equal(fake.events().length, 2, 'the third report is not sent after the second failed');
		assert.equal(output.length, 2);
		assert.equal(output[0].json.accepted, true);
		assert.match(String(output[1].json.error), /\(message 2 of 3: message 1–1 were accepted|message 2 of 3/);
		assert.match(String(output[1].json.error), /1 after it were not sent/);
	});
});

describe('Event → responses to directives', () => {
	it('sends an asynchronous Alexa.Response with the correlation token and context properties', async () => {
		const { output } = await sendEvent('response', {
			correlation: 'dFMb0z+PgpgdDmluhJ1LddFvSqZ/jCc8ptlAKulUj90jSqg==',
			endpointId: 'lamp-1',
			contextProperties: { property: [{ namespace: 'Alexa.ColorTemperatureController', name: 'colorTemperatureInKelvin', value: '5500' }] },
		});
		const { message } = fake.events()[0];
		assert.equal(message.event.header.correlationToken, 'dFMb0z+PgpgdDmluhJ1LddFvSqZ/jCc8ptlAKulUj90jSqg==');
		assert.deepEqual(message.event.payload, {});
		assert.equal(message.context.properties[0].value, 5500);
		assert.equal(output[0].json.eventName, 'Alexa.Response');
		assertWellFormedEvents();
	});

	const errorCases: Array<[string, IDataObject, IDataObject]> = [
		['ENDPOINT_UNREACHABLE', {}, {}],
		['ENDPOINT_LOW_POWER', { percentageState: 5 }, { percentageState: 5 }],
		['NOT_SUPPORTED_IN_CURRENT_MODE', { currentDeviceMode: 'ASLEEP' }, { currentDeviceMode: 'ASLEEP' }],
		['VALUE_OUT_OF_RANGE', { minimumValue: 1000, maximumValue: 10000 }, { validRange: { minimumValue: 1000, maximumValue: 10000 } }],
		[
			'TEMPERATURE_VALUE_OUT_OF_RANGE',
			{ minimumValue: 15, maximumValue: 30, temperatureScale: 'CELSIUS' },
			{ validRange: { minimumValue: { value: 15, scale: 'CELSIUS' }, maximumValue: { value: 30, scale: 'CELSIUS' } } },
		],
	];
	for (const [type, fields, payloadExtra] of errorCases) {
		it(`sends an Alexa.ErrorResponse of type ${type} with the fields that type needs`, async () => {
			await sendEvent('errorResponse', {
				correlation: 'token-abc',
				endpointId: 'thermostat-1',
				errorType: type,
				errorMessage: 'Could not do it',
				...fields,
			} as INodeParameters);
			const { message } = fake.events()[0];
			assert.deepEqual(message.event.payload, { type, message: 'Could not do it', ...payloadExtra });
			assertWellFormedEvents();
		});
	}

	it('offers no Deferred Response: Alexa takes it only as a synchronous answer, never on the gateway', async () => {
		const { Alexa } = await import('../dist/nodes/Alexa/Alexa.node.js');
		const operation = new Alexa().description.properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('event'),
		);
		const values = (operation?.options ?? []).map((option) => (option as { value: string }).value);
		assert.ok(values.includes('response') && values.includes('errorResponse'));
		assert.ok(!values.includes('deferredResponse'));
	});

	it('sends a StateReport with the reported properties as context', async () => {
		await sendEvent('stateReport', {
			correlation: 'token-abc',
			endpointId: 'lamp-1',
			contextProperties: { property: [power('OFF')] },
		});
		const { message } = fake.events()[0];
		assert.equal(message.event.header.name, 'StateReport');
		assert.deepEqual(message.event.payload, {});
		assert.equal(message.context.properties[0].value, 'OFF');
		assertWellFormedEvents();
	});

	it('sends a DoorbellPress with a physical-interaction cause and a timestamp without fraction', async () => {
		await sendEvent('doorbellPress', { endpointId: 'doorbell-1' });
		const { message } = fake.events()[0];
		assert.equal(message.event.header.namespace, 'Alexa.DoorbellEventSource');
		assert.deepEqual(message.event.payload, {
			cause: { type: 'PHYSICAL_INTERACTION' },
			timestamp: new Date(clock.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		});
		assertWellFormedEvents();
	});
});

describe('Event → Send Custom Event', () => {
	it('fills in the messageId, payloadVersion and scope a hand-written event leaves out', async () => {
		const { output } = await sendEvent('customEvent', {
			eventJson: JSON.stringify({
				header: { namespace: 'Alexa', name: 'ChangeReport' },
				endpoint: { endpointId: 'lamp-9' },
				payload: { change: { cause: { type: 'RULE_TRIGGER' }, properties: [] } },
			}),
			contextJson: '{"properties": []}',
		});
		const { message } = fake.events()[0];
		assert.match(message.event.header.messageId, UUID_V4);
		assert.equal(message.event.header.payloadVersion, '3');
		assert.equal(message.event.endpoint.scope.type, 'BearerToken');
		assert.deepEqual(message.context, { properties: [] });
		assert.equal(output[0].json.endpointId, 'lamp-9');
		assertWellFormedEvents();
	});

	for (const { file, message } of sampleMessages()) {
		if (message.directive) {
			it(`refuses Amazon's sample ${file}, a directive, and sends nothing`, async () => {
				const { error } = await sendEvent('customEvent', { eventJson: JSON.stringify(message) });
				assert.match(String(error?.message), /holds a directive, which Alexa sends to your skill/);
				assert.equal(fake.requests.length, 0);
			});
			continue;
		}
		const header = message.event.header;
		const synchronousOnly = !message.event.endpoint && !String(header.name).endsWith('Report');
		if (synchronousOnly) {
			// Answers a skill returns from its handler (Discover.Response, AcceptGrant.Response,
			// DeferredResponse...): they have no endpoint, so no token in the body, and the gateway
			// refuses them ("Send Events to the Event Gateway").
			it(`refuses Amazon's sample ${file}, a synchronous answer without an endpoint, and sends nothing`, async () => {
				const { error } = await sendEvent('customEvent', { eventJson: JSON.stringify(message.event) });
				assert.match(String(error?.message), /is DeferredResponse|endpoint is missing/);
				assert.equal(fake.requests.length, 0);
			});
			continue;
		}
		it(`sends Amazon's sample ${file} unchanged but for the scope token`, async () => {
			const { error } = await sendEvent('customEvent', {
				eventJson: JSON.stringify(message.event),
				contextJson: message.context ? JSON.stringify(message.context) : '',
			});
			assert.equal(error, undefined);
			const [{ message: sent, request }] = fake.events();
			const expected = structuredClone(message);
			if (expected.event.endpoint) expected.event.endpoint.scope.token = String(request.headers.authorization).slice('Bearer '.length);
			assert.deepEqual(sent, expected);
			assert.deepEqual(schemaErrors(sent), []);
		});
	}
});

describe('Event: validation before sending', () => {
	const cases: Array<[string, string, INodeParameters, RegExp]> = [
		['an empty endpoint ID', 'changeReport', { endpointId: '={{ "" }}', changedProperties: { property: [power('ON')] } }, /^Item 0: Endpoint ID is empty/],
		['an endpoint ID with a space', 'changeReport', { endpointId: 'lamp 1', changedProperties: { property: [power('ON')] } }, /Endpoint ID "lamp 1" is not a valid endpoint ID: at most 256 characters/],
		['no changed property', 'changeReport', { endpointId: 'lamp-1' }, /Changed Properties has no property; at least one is required/],
		['a property without a name', 'changeReport', { endpointId: 'lamp-1', changedProperties: { property: [{ namespace: 'Alexa.PowerController', value: 'ON' }] } }, /Changed Properties #1 Name is empty/],
		['a time of sample that is not a date', 'changeReport', { endpointId: 'lamp-1', changedProperties: { property: [{ ...power('ON'), timeOfSample: 'yesterday' }] } }, /Time of Sample is "yesterday", which is not a date/],
		['an empty correlation token', 'response', { correlation: '={{ "" }}', endpointId: 'lamp-1' }, /Correlation Token is empty/],
		['endpoints that are not JSON', 'addOrUpdateReport', { endpoints: '[{' }, /Endpoints \(JSON\) is not valid JSON/],
		['an empty endpoint list', 'addOrUpdateReport', { endpoints: '[]' }, /has no endpoints/],
		['an endpoint without a friendly name', 'addOrUpdateReport', { endpoints: JSON.stringify([{ endpointId: 'a', manufacturerName: 'm', description: 'd', displayCategories: ['LIGHT'], capabilities: [{}] }]) }, /Endpoints \(JSON\) #1 friendlyName must be text of 1 to 128 characters/],
		['a repeated endpoint', 'addOrUpdateReport', { endpoints: JSON.stringify([1, 2].map(() => ({ endpointId: 'same', manufacturerName: 'm', friendlyName: 'f', description: 'd', displayCategories: ['LIGHT'], capabilities: [{}] }))) }, /#2 repeats endpointId "same"/],
		['no endpoint IDs to delete', 'deleteReport', { endpointIds: '={{ "" }}' }, /Endpoint IDs is empty/],
		['an error range upside down', 'errorResponse', { correlation: 't', endpointId: 'lamp-1', errorType: 'VALUE_OUT_OF_RANGE', errorMessage: 'm', minimumValue: 10, maximumValue: 1 }, /Minimum Value \(10\) is above Maximum Value \(1\)/],
		['an error response without an endpoint ID', 'errorResponse', { correlation: 't', endpointId: '={{ "" }}', errorType: 'INTERNAL_ERROR', errorMessage: 'm' }, /Endpoint ID is empty/],
		['an error response without a correlation token', 'errorResponse', { correlation: '={{ "" }}', endpointId: 'lamp-1', errorType: 'INTERNAL_ERROR', errorMessage: 'm' }, /Correlation Token is empty/],
		['a response without an endpoint ID', 'response', { correlation: 't', endpointId: '={{ "" }}' }, /Endpoint ID is empty/],
		['a state report without an endpoint ID', 'stateReport', { correlation: 't', endpointId: '={{ "" }}', contextProperties: { property: [power('ON')] } }, /Endpoint ID is empty/],
		['a state report without a correlation token', 'stateReport', { correlation: '={{ "" }}', endpointId: 'lamp-1', contextProperties: { property: [power('ON')] } }, /Correlation Token is empty/],
		['a custom event without an endpoint', 'customEvent', { eventJson: '{"header": {"namespace": "Alexa", "name": "ChangeReport"}, "payload": {}}' }, /endpoint is missing; the Event Gateway needs the customer's token in endpoint.scope/],
		['a custom event with an empty endpoint ID', 'customEvent', { eventJson: '{"header": {"namespace": "Alexa", "name": "ChangeReport"}, "endpoint": {"endpointId": ""}, "payload": {}}' }, /endpoint.endpointId is empty/],
		['a custom DeferredResponse', 'customEvent', { eventJson: '{"header": {"namespace": "Alexa", "name": "DeferredResponse", "correlationToken": "t"}, "payload": {"estimatedDeferralInSeconds": 7}}' }, /is DeferredResponse, which Alexa accepts only as your skill's immediate answer/],
		['a custom Response without a correlation token', 'customEvent', { eventJson: '{"header": {"namespace": "Alexa", "name": "Response"}, "endpoint": {"endpointId": "lamp-1"}, "payload": {}}' }, /header.correlationToken is missing; an asynchronous Response answers a directive/],
		['a custom event without a namespace', 'customEvent', { eventJson: '{"header": {"name": "X"}, "payload": {}}' }, /header.namespace is missing/],
		['a custom report of 301 endpoints', 'customEvent', { eventJson: JSON.stringify({ header: { namespace: 'Alexa.Discovery', name: 'DeleteReport' }, payload: { endpoints: Array.from({ length: 301 }, (_, i) => ({ endpointId: `e${i}` })) } }) }, /has 301 endpoints; one report may have at most 300/],
		['an empty access token from the input', 'doorbellPress', { endpointId: 'bell', accessTokenSource: 'input', accessToken: '={{ $json.missing }}' }, /Access Token is empty/],
	];
	for (const [name, operation, parameters, message] of cases) {
		it(`rejects ${name} and sends nothing`, async () => {
			const { error } = await sendEvent(operation, parameters);
			assert.ok(error, 'the node should fail');
			assert.match(error.message, message);
			assert.match(String(error.description), /Nothing was sent for this item\./);
			assert.equal(fake.requests.length, 0);
		});
	}
});

describe('Event: gateway errors', () => {
	const cases: Array<[string, number, RegExp]> = [
		['INVALID_REQUEST_EXCEPTION', 400, /missing fields/],
		['SKILL_NEVER_ENABLED_EXCEPTION', 403, /Set the credential's Region to the customer's region/],
		['INSUFFICIENT_PERMISSION_EXCEPTION', 403, /enable "Send Alexa Events"/],
		['SKILL_DISABLED_EXCEPTION', 403, /Stop sending events for this customer/],
		['ACCOUNT_NOT_FOUND_EXCEPTION', 404, /Check that the access token is this customer's, obtained from the AcceptGrant code.*verify the directed identifier and the authorization code/],
		['SKILL_NOT_FOUND_EXCEPTION', 404, /issued while the skill was at another stage/],
		['REQUEST_ENTITY_TOO_LARGE_EXCEPTION', 413, /at most 300 endpoints/],
	];
	for (const [code, status, advice] of cases) {
		it(`turns ${code} into an error with the code, the status and what to do`, async () => {
			fake.inject(EVENTS, { code });
			const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
			assert.equal(error?.httpCode, String(status));
			assert.match(String(error?.message), new RegExp(`\\(HTTP ${status} ${code}\\)`));
			assert.match(String(error?.description), advice);
			assert.equal(error?.context?.alexaCode, code);
			assert.equal(fake.events().length, 1, 'not resent');
		});
	}

	it('after a 401 refreshes the token, resends once, and lets a second 401 stand', async () => {
		fake.inject(EVENTS, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION' }, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION' });
		const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(error?.httpCode, '401');
		assert.match(String(error?.description), /Refresh it with Authorization → Refresh Access Token/);
		assert.equal(fake.events().length, 2);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 2);
		const [first, second] = fake.events().map(({ message }) => message);
		assert.equal(first.event.header.messageId, second.event.header.messageId);
		assert.notEqual(first.event.endpoint.scope.token, second.event.endpoint.scope.token);
		assert.equal(second.event.endpoint.scope.token, String(fake.events()[1].request.headers.authorization).slice(7));
	});

	it('takes INVALID_ACCESS_TOKEN_EXCEPTION as a refused token at HTTP 400 too (Amazon\'s own example): refresh, resend once', async () => {
		fake.inject(EVENTS, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION', status: 400 });
		const { output } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(output[0].json.accepted, true);
		assert.deepEqual(fake.events().map(({ request }) => request.status), [400, 202]);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 2, 'one fresh token');
		const [first, second] = fake.events().map(({ message }) => message);
		assert.equal(first.event.header.messageId, second.event.header.messageId);
		assert.notEqual(first.event.endpoint.scope.token, second.event.endpoint.scope.token);
		assertWellFormedEvents();
	});

	it('maps INVALID_ACCESS_TOKEN_EXCEPTION at HTTP 400 to what to do, not to a generic 400', async () => {
		fake.inject(EVENTS, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION', status: 400 }, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION', status: 400 });
		const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(error?.httpCode, '400');
		assert.match(String(error?.message), /did not accept the customer's access token \(HTTP 400 INVALID_ACCESS_TOKEN_EXCEPTION\)/);
		assert.match(String(error?.description), /Refresh it with Authorization → Refresh Access Token/);
		assert.match(String(error?.description), /A freshly requested token was refused too\./);
		assert.equal(fake.events().length, 2);
	});

	it('does not refresh a refused token from the input, and says so', async () => {
		const token = fake.issueToken('Atza|', { clientId: 'cust', grant: 'refresh_token' }).value;
		fake.inject(EVENTS, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION' });
		const { error } = await sendEvent('doorbellPress', { endpointId: 'bell', accessTokenSource: 'input', accessToken: token }, { withoutRefreshToken: true });
		assert.equal(fake.events().length, 1);
		assert.match(String(error?.description), /The node does not refresh an access token taken from the input: refresh it with Authorization → Refresh Access Token/);
		assert.doesNotMatch(String(error?.description), /freshly requested/);
	});

	for (const [maxRetries, sends] of [[0, 1], [2, 3]] as const) {
		it(`with Max Retries ${maxRetries}, a throttled event is sent ${sends} time(s) and the error claims no other number`, async () => {
			fake.inject(EVENTS, ...Array.from({ length: 5 }, () => ({ code: 'THROTTLING_EXCEPTION' })));
			const { error } = await sendEvent('doorbellPress', { endpointId: 'bell', delivery: { maxRetries } });
			assert.equal(fake.events().length, sends);
			const description = String(error?.description);
			assert.doesNotMatch(description, /already resent|resent (the message )?three times/);
			if (maxRetries === 0) assert.match(description, /Not resent, because Max Retries is 0\./);
			else assert.match(description, /Attempts: 1\) HTTP 429 THROTTLING_EXCEPTION, 2\) HTTP 429 THROTTLING_EXCEPTION, 3\) HTTP 429 THROTTLING_EXCEPTION\./);
		});
	}

	it('waits no longer than Max Back-Off for a long Retry-After, for the item and for the whole run', async () => {
		fake.inject(EVENTS, { code: 'THROTTLING_EXCEPTION', retryAfter: '86400' });
		const items = Array.from({ length: 5 }, (_, index) => ({ endpointId: `bell-${index}` }));
		const started = clock.nowMs;
		const { output } = await sendEvent(
			'doorbellPress',
			{ endpointId: '={{ $json.endpointId }}', delivery: { maxBackoffSeconds: 2, maxConcurrency: 1 } },
			{ items },
		);
		assert.equal(output.length, 5);
		assert.ok(output.every((item) => item.json.accepted === true));
		assert.ok(Math.max(...clock.sleeps) <= 2000, `no wait over 2 s: ${clock.sleeps.join(', ')}`);
		assert.ok(clock.nowMs - started <= 10_000, `the run took ${(clock.nowMs - started) / 1000} s of clock time`);
		assertWellFormedEvents();
	});

	for (const code of ['THROTTLING_EXCEPTION', 'INTERNAL_SERVICE_EXCEPTION', 'SERVICE_UNAVAILABLE_EXCEPTION']) {
		it(`resends the same message after ${code} at most three more times, one second apart`, async () => {
			fake.inject(EVENTS, { code }, { code }, { code }, { code }, { code });
			const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
			assert.match(String(error?.message), new RegExp(code));
			const sent = fake.events().map(({ message }) => message.event.header.messageId);
			assert.equal(sent.length, 4, 'one send and three resends');
			assert.equal(new Set(sent).size, 1, 'the same messageId every time');
			assert.deepEqual(clock.sleeps, [1000, 1000, 1000]);
		});
	}

	it('stops resending once the gateway accepts, and nothing is sent after the 202', async () => {
		fake.inject(EVENTS, { code: 'THROTTLING_EXCEPTION' });
		const { output } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(output[0].json.accepted, true);
		assert.deepEqual(fake.events().map(({ request }) => request.status), [429, 202]);
		assert.deepEqual(clock.sleeps, [1000]);
	});

	it('waits as long as Retry-After asks, in seconds or as an HTTP date, and never less than a second', async () => {
		const inTwoMinutes = new Date(clock.nowMs + 120_000).toUTCString();
		fake.inject(EVENTS, { code: 'THROTTLING_EXCEPTION', retryAfter: '3' }, { code: 'SERVICE_UNAVAILABLE_EXCEPTION', retryAfter: '0' });
		fake.inject(EVENTS, { code: 'THROTTLING_EXCEPTION', retryAfter: inTwoMinutes });
		await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(clock.sleeps[0], 3000);
		assert.equal(clock.sleeps[1], 1000);
		// The wait is capped at the Max Back-Off option's default of 30 s.
		assert.equal(clock.sleeps[2], 30_000);
	});
});

describe('Event: many customers', () => {
	it('sends each item with its own access token, in the header and the scope, without asking LWA', async () => {
		fake.addClient('c', 's');
		const tokens = ['cust-1', 'cust-2', 'cust-3'].map((name) => fake.issueToken('Atza|', { clientId: name, grant: 'refresh_token' }).value);
		const { output } = await sendEvent(
			'changeReport',
			{ accessTokenSource: 'input', accessToken: '={{ $json.token }}', endpointId: '={{ $json.device }}', changedProperties: { property: [power('ON')] } },
			{ items: tokens.map((token, index) => ({ token, device: `dev-${index}` })), withoutRefreshToken: true },
		);
		assert.equal(output.length, 3);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 0);
		const byDevice = new Map(fake.events().map(({ request, message }) => [message.event.endpoint.endpointId, { request, message }]));
		tokens.forEach((token, index) => {
			const { request, message } = byDevice.get(`dev-${index}`)!;
			assert.equal(request.headers.authorization, `Bearer ${token}`);
			assert.equal(message.event.endpoint.scope.token, token);
		});
		assertWellFormedEvents();
		assertNoSecrets([output], tokens);
	});

	it('sends customers in parallel and stores nothing with the credential, which has no token to store', async () => {
		fake.latencyMs = 20;
		const tokens = Array.from({ length: 20 }, (_, index) => fake.issueToken('Atza|', { clientId: `cust-${index}`, grant: 'refresh_token' }).value);
		const { output, credentialsHelper } = await sendEvent(
			'doorbellPress',
			{ accessTokenSource: 'input', accessToken: '={{ $json.token }}', endpointId: 'bell' },
			{ items: tokens.map((token) => ({ token })), withoutRefreshToken: true },
		);
		assert.equal(output.length, 20);
		assert.equal(fake.events().length, 20);
		assert.equal(credentialsHelper.updates.length, 0);
		assert.ok(fake.peakInFlight > 1, `peak in flight ${fake.peakInFlight}`);
	});

	it('does not try a refresh when a customer token from the input is refused', async () => {
		const { error } = await sendEvent(
			'doorbellPress',
			{ accessTokenSource: 'input', accessToken: '={{ $json.token }}', endpointId: 'bell' },
			{ withoutRefreshToken: true, items: [{ token: 'Atza|revoked-token-000000' }] },
		);
		assert.equal(error?.httpCode, '401');
		assert.equal(fake.events().length, 1);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 0);
		assertNoSecrets([error], ['Atza|revoked-token-000000']);
	});
});

describe('Authorization → tokens for a customer', () => {
	/** Codes and tokens come from the input, as in a real workflow, not typed into the node. */
	function authorize(operation: string, input: IDataObject, continueOnFail = false) {
		return runAlexaNode({
			parameters: {
				resource: 'authorization',
				operation,
				code: '={{ $json.code }}',
				refreshToken: '={{ $json.refreshToken }}',
			},
			items: [input],
			credential: refreshTokenCredential(fake),
			continueOnFail,
		});
	}

	it('exchanges an AcceptGrant code for the customer\'s tokens', async () => {
		refreshTokenCredential(fake);
		const code = fake.issueGrantCode('amzn1.application-oa2-client.test0000000000000001');
		const { output, error } = await authorize('exchangeGrantCode', { code });
		assert.equal(error, undefined);
		const [request] = fake.requestsTo('/auth/o2/token');
		assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
		assert.equal(request.headers.authorization, undefined);
		assert.deepEqual(request.form, {
			grant_type: 'authorization_code',
			code,
			client_id: 'amzn1.application-oa2-client.test0000000000000001',
			client_secret: CLIENT_SECRET,
		});
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.match(String(output[0].json.refreshToken), /^Atzr\|/);
		assert.equal(output[0].json.expiresAt, new Date(clock.nowMs + 3600_000).toISOString());
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	});

	it('explains that a used or expired code means the customer must re-enable the skill', async () => {
		refreshTokenCredential(fake);
		const code = fake.issueGrantCode('amzn1.application-oa2-client.test0000000000000001');
		await authorize('exchangeGrantCode', { code });
		const { error } = await authorize('exchangeGrantCode', { code });
		assert.equal(error?.httpCode, '400');
		assert.match(String(error?.message), /refused the code or refresh token \(HTTP 400 invalid_grant\)/);
		assert.match(String(error?.description), /code lasts 5 minutes and works once/);
		assert.match(String(error?.description), /disable and re-enable the skill/);
		assertNoSecrets([error], [code, CLIENT_SECRET]);
	});

	it('refreshes a customer\'s access token from a refresh token in the input', async () => {
		const { output } = await authorize('refreshAccessToken', { refreshToken: REFRESH_TOKEN });
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.equal(fake.requestsTo('/auth/o2/token')[0].form?.grant_type, 'refresh_token');
		assert.equal(fake.requestsTo('/auth/o2/token')[0].form?.refresh_token, REFRESH_TOKEN);
	});

	it('maps a wrong client secret and a revoked refresh token to clear errors without secrets', async () => {
		const revoked = 'Atzr|revoked-refresh-token-0000';
		const { output } = await authorize('refreshAccessToken', { refreshToken: revoked }, true);
		assert.match(String(output[0].json.error), /invalid_grant/);
		fake.addClient('amzn1.application-oa2-client.test0000000000000001', 'other-secret-000000000');
		const second = await authorize('refreshAccessToken', { refreshToken: REFRESH_TOKEN });
		assert.match(String(second.error?.message), /does not recognise the client \(HTTP 401 invalid_client\)/);
		assertNoSecrets([output, second.error], [revoked, REFRESH_TOKEN, CLIENT_SECRET]);
	});
});

describe('Event: secrets', () => {
	it('keeps tokens and the client secret out of outputs, errors and logs of every event operation', async () => {
		const results = [];
		results.push(await sendEvent('changeReport', { endpointId: 'lamp-1', changedProperties: { property: [power('ON')] } }));
		fake.inject(EVENTS, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION' }, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION' });
		results.push(await sendEvent('doorbellPress', { endpointId: 'bell' }, { continueOnFail: true }));
		fake.inject(EVENTS, { drop: true });
		results.push(await sendEvent('errorResponse', { correlation: 't', endpointId: 'lamp-1', errorType: 'INTERNAL_ERROR', errorMessage: 'm' }));
		results.push(await sendEvent('addOrUpdateReport', { endpoints: '[]' }));
		const secrets = [CLIENT_SECRET, REFRESH_TOKEN, ...issuedTokens(fake)];
		assertNoSecrets(results.flatMap((result) => [result.output, result.error, result.run.data.resultData]), secrets);
	});
});
