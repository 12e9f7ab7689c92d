/**
 * Event → what each operation sends, through n8n's engine against the fake gateway, each message checked against Amazon's JSON Schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EVENTS, power, UUID_V4, useEventTests } from './harness/events.mts';
import { alexaNodeModule } from './harness/modules.mts';
import { sampleMessages, schemaErrors } from './harness/schema.mts';

const test = useEventTests();
const { sendEvent, assertWellFormedEvents } = test;

describe('Event → Send Change Report', () => {
	it('sends the changed properties with cause, context, time of sample now and a default uncertainty', async () => {
		const { output, error } = await sendEvent('changeReport', {
			endpointId: 'lamp-1',
			cause: 'APP_INTERACTION',
			changedProperties: { property: [power('ON')] },
			unchangedProperties: {
				property: [
					{
						namespace: 'Alexa.BrightnessController',
						name: 'brightness',
						value: '85',
						uncertaintyInMilliseconds: 500,
					},
					{
						namespace: 'Alexa.EndpointHealth',
						name: 'connectivity',
						value: '{"value": "OK"}',
						timeOfSample: '2026-11-22T07:00:00+01:00',
					},
					{
						namespace: 'Alexa.ToggleController',
						instance: 'Fan.Oscillate',
						name: 'toggleState',
						value: 'OFF',
					},
				],
			},
		});
		assert.equal(error, undefined);
		const [{ message }] = test.fake.events();
		const now = new Date(test.clock.nowMs).toISOString();
		assert.deepEqual(message.event.header.namespace, 'Alexa');
		assert.deepEqual(message.event.header.name, 'ChangeReport');
		assert.deepEqual(message.event.payload, {
			change: {
				cause: { type: 'APP_INTERACTION' },
				properties: [{ ...power('ON'), timeOfSample: now, uncertaintyInMilliseconds: 0 }],
			},
		});
		assert.deepEqual(message.context.properties, [
			{
				namespace: 'Alexa.BrightnessController',
				name: 'brightness',
				value: 85,
				timeOfSample: now,
				uncertaintyInMilliseconds: 500,
			},
			{
				namespace: 'Alexa.EndpointHealth',
				name: 'connectivity',
				value: { value: 'OK' },
				timeOfSample: '2026-11-22T06:00:00.000Z',
				uncertaintyInMilliseconds: 0,
			},
			{
				namespace: 'Alexa.ToggleController',
				instance: 'Fan.Oscillate',
				name: 'toggleState',
				value: 'OFF',
				timeOfSample: now,
				uncertaintyInMilliseconds: 0,
			},
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
			(property) =>
				property.name === 'cause' &&
				property.displayOptions?.show?.operation?.includes('changeReport'),
		);
		assert.deepEqual(
			(cause?.options as Array<{ value: string }>).map((option) => option.value).sort(),
			[
				'APP_INTERACTION',
				'PERIODIC_POLL',
				'PHYSICAL_INTERACTION',
				'RULE_TRIGGER',
				'VOICE_INTERACTION',
			],
		);
	});

	it('gives every message its own messageId, one item per message, paired with its item', async () => {
		const { output } = await sendEvent(
			'changeReport',
			{
				endpointId: '={{ $json.id }}',
				changedProperties: { property: [power('={{ $json.state }}')] },
			},
			{
				items: [
					{ id: 'a', state: 'ON' },
					{ id: 'b', state: 'OFF' },
					{ id: 'c', state: 'ON' },
				],
			},
		);
		const ids = test.fake.events().map(({ message }) => message.event.header.messageId);
		assert.equal(new Set(ids).size, 3);
		assert.deepEqual(
			output.map((item) => [item.json.endpointId, item.pairedItem]),
			[
				['a', { item: 0 }],
				['b', { item: 1 }],
				['c', { item: 2 }],
			],
		);
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
					properties: {
						supported: [{ name: 'powerState' }],
						proactivelyReported: true,
						retrievable: true,
					},
				},
			],
			...(padding ? { cookie: { note: 'y'.repeat(padding) } } : {}),
		}));
	}

	for (const [count, batches] of [
		[299, [299]],
		[300, [300]],
		[301, [300, 1]],
		[1000, [300, 300, 300, 100]],
	] as const) {
		it(`sends ${count} endpoints as ${batches.length} add-or-update report(s) of ${batches.join(', ')}`, async () => {
			const { output, error } = await sendEvent('addOrUpdateReport', {
				endpoints: JSON.stringify(endpoints(count)),
			});
			assert.equal(error, undefined);
			const reports = test.fake
				.events()
				.map(({ message }) => message.event.payload.endpoints.length);
			assert.deepEqual(reports, batches);
			const sentIds = test.fake
				.events()
				.flatMap(({ message }) =>
					message.event.payload.endpoints.map((e: { endpointId: string }) => e.endpointId),
				);
			assert.deepEqual(
				sentIds,
				endpoints(count).map((e) => e.endpointId),
				'every endpoint once, in order',
			);
			assert.deepEqual(
				output.map((item) => item.json.batch),
				batches.map((size, index) => ({ number: index + 1, of: batches.length, endpoints: size })),
			);
			assert.ok(
				output.every(
					(item) =>
						item.json.eventName === 'Alexa.Discovery.AddOrUpdateReport' &&
						item.json.endpointId === null,
				),
			);
			assert.ok(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}'));
			assertWellFormedEvents();
		});
	}

	it('also splits by size, keeping every report payload within 256 KB', async () => {
		const big = endpoints(300, 2000);
		await sendEvent('addOrUpdateReport', { endpoints: { endpoints: big } as never });
		const sizes = test.fake
			.events()
			.map(({ message }) => Buffer.byteLength(JSON.stringify(message.event.payload), 'utf8'));
		assert.ok(sizes.length >= 3, `expected several reports, got ${sizes.length}`);
		assert.ok(
			sizes.every((size) => size <= 256 * 1024),
			`sizes: ${sizes}`,
		);
		assert.equal(
			test.fake
				.events()
				.reduce((sum, { message }) => sum + message.event.payload.endpoints.length, 0),
			300,
		);
		assertWellFormedEvents();
	});

	for (const [count, batches] of [
		[299, [299]],
		[300, [300]],
		[301, [300, 1]],
		[1000, [300, 300, 300, 100]],
	] as const) {
		it(`sends ${count} endpoint IDs as ${batches.length} delete report(s)`, async () => {
			const ids = Array.from({ length: count }, (_, index) => `device-${index}`);
			const { output } = await sendEvent('deleteReport', { endpointIds: ids.join(',\n') });
			const sent = test.fake.events().map(({ message }) => message);
			assert.deepEqual(
				sent.map((message) => message.event.payload.endpoints.length),
				batches,
			);
			assert.deepEqual(
				sent.flatMap((message) =>
					message.event.payload.endpoints.map((e: { endpointId: string }) => e.endpointId),
				),
				ids,
			);
			assert.ok(
				sent.every(
					(message) =>
						message.event.header.name === 'DeleteReport' &&
						message.event.payload.scope.type === 'BearerToken',
				),
			);
			assert.equal(output.length, batches.length);
			assertWellFormedEvents();
		});
	}

	it('takes delete IDs from an expression that gives an array', async () => {
		await sendEvent(
			'deleteReport',
			{ endpointIds: '={{ $json.ids }}' },
			{ items: [{ ids: ['x-1', 'x-2'] }] },
		);
		assert.deepEqual(test.fake.events()[0].message.event.payload.endpoints, [
			{ endpointId: 'x-1' },
			{ endpointId: 'x-2' },
		]);
	});

	it('reports which report failed and which were accepted when one of several fails', async () => {
		test.fake.inject(EVENTS, {}, { code: 'INVALID_REQUEST_EXCEPTION' });
		test.fake.inject(EVENTS, {});
		const { output } = await sendEvent(
			'deleteReport',
			{ endpointIds: Array.from({ length: 700 }, (_, i) => `d${i}`).join(',') },
			{ continueOnFail: true },
		);
		assert.equal(
			test.fake.events().length,
			2,
			'the third report is not sent after the second failed',
		);
		assert.equal(output.length, 2);
		assert.equal(output[0].json.accepted, true);
		assert.match(
			String(output[1].json.error),
			/\(message 2 of 3: message 1–1 were accepted|message 2 of 3/,
		);
		assert.match(String(output[1].json.error), /1 after it were not sent/);
	});
});

describe('Event → responses to directives', () => {
	it('sends an asynchronous Alexa.Response with the correlation token and context properties', async () => {
		const { output } = await sendEvent('response', {
			correlation: 'dFMb0z+PgpgdDmluhJ1LddFvSqZ/jCc8ptlAKulUj90jSqg==',
			endpointId: 'lamp-1',
			contextProperties: {
				property: [
					{
						namespace: 'Alexa.ColorTemperatureController',
						name: 'colorTemperatureInKelvin',
						value: '5500',
					},
				],
			},
		});
		const { message } = test.fake.events()[0];
		assert.equal(
			message.event.header.correlationToken,
			'dFMb0z+PgpgdDmluhJ1LddFvSqZ/jCc8ptlAKulUj90jSqg==',
		);
		assert.deepEqual(message.event.payload, {});
		assert.equal(message.context.properties[0].value, 5500);
		assert.equal(output[0].json.eventName, 'Alexa.Response');
		assertWellFormedEvents();
	});

	const errorCases: Array<[string, IDataObject, IDataObject]> = [
		['ENDPOINT_UNREACHABLE', {}, {}],
		['ENDPOINT_LOW_POWER', { percentageState: 5 }, { percentageState: 5 }],
		[
			'NOT_SUPPORTED_IN_CURRENT_MODE',
			{ currentDeviceMode: 'ASLEEP' },
			{ currentDeviceMode: 'ASLEEP' },
		],
		[
			'VALUE_OUT_OF_RANGE',
			{ minimumValue: 1000, maximumValue: 10000 },
			{ validRange: { minimumValue: 1000, maximumValue: 10000 } },
		],
		[
			'TEMPERATURE_VALUE_OUT_OF_RANGE',
			{ minimumValue: 15, maximumValue: 30, temperatureScale: 'CELSIUS' },
			{
				validRange: {
					minimumValue: { value: 15, scale: 'CELSIUS' },
					maximumValue: { value: 30, scale: 'CELSIUS' },
				},
			},
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
			const { message } = test.fake.events()[0];
			assert.deepEqual(message.event.payload, {
				type,
				message: 'Could not do it',
				...payloadExtra,
			});
			assertWellFormedEvents();
		});
	}

	it('offers no Deferred Response: Alexa takes it only as a synchronous answer, never on the gateway', () => {
		const operation = new alexaNodeModule.Alexa().description.properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes('event'),
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
		const { message } = test.fake.events()[0];
		assert.equal(message.event.header.name, 'StateReport');
		assert.deepEqual(message.event.payload, {});
		assert.equal(message.context.properties[0].value, 'OFF');
		assertWellFormedEvents();
	});

	it('sends a DoorbellPress with a physical-interaction cause and a timestamp without fraction', async () => {
		await sendEvent('doorbellPress', { endpointId: 'doorbell-1' });
		const { message } = test.fake.events()[0];
		assert.equal(message.event.header.namespace, 'Alexa.DoorbellEventSource');
		assert.deepEqual(message.event.payload, {
			cause: { type: 'PHYSICAL_INTERACTION' },
			timestamp: new Date(test.clock.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
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
		const { message } = test.fake.events()[0];
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
				assert.equal(test.fake.requests.length, 0);
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
				const { error } = await sendEvent('customEvent', {
					eventJson: JSON.stringify(message.event),
				});
				assert.match(String(error?.message), /is DeferredResponse|endpoint is missing/);
				assert.equal(test.fake.requests.length, 0);
			});
			continue;
		}
		it(`sends Amazon's sample ${file} unchanged but for the scope token`, async () => {
			const { error } = await sendEvent('customEvent', {
				eventJson: JSON.stringify(message.event),
				contextJson: message.context ? JSON.stringify(message.context) : '',
			});
			assert.equal(error, undefined);
			const [{ message: sent, request }] = test.fake.events();
			const expected = structuredClone(message);
			if (expected.event.endpoint)
				expected.event.endpoint.scope.token = String(request.headers.authorization).slice(
					'Bearer '.length,
				);
			assert.deepEqual(sent, expected);
			assert.deepEqual(schemaErrors(sent), []);
		});
	}
});
