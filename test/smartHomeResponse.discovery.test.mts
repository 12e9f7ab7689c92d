/**
 * Smart Home Response → Answer Discovery through n8n's engine: endpoints from the fields and from
 * JSON, the capabilities every endpoint gets, Amazon's limits at the limit and one over, each
 * answer checked against Amazon's whole schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { sampleMessages } from './harness/schema.mts';
import { directiveItem, rejection, validAnswer } from './harness/smartHome.mts';

const discover = () => [
	directiveItem('Alexa.Discovery', 'Discover', {
		scope: { type: 'BearerToken', token: 'secret-token' },
	}),
];

const row = (extra: IDataObject = {}): IDataObject => ({
	endpointId: 'lamp-1',
	friendlyName: 'Living Room Lamp',
	description: 'A lamp run by n8n',
	manufacturerName: 'n8n',
	displayCategories: ['LIGHT'],
	capabilities: ['Alexa.PowerController', 'Alexa.BrightnessController'],
	retrievable: true,
	...extra,
});

const fromRows = (rows: IDataObject[]) => ({ endpoints: { endpoint: rows } });
const fromJson = (endpoints: unknown) => ({
	endpointsSource: 'json',
	endpointsJson: JSON.stringify(endpoints),
});

/** A valid endpoint as Amazon's sample Discover.Response has it, without Alexa and EndpointHealth. */
const jsonEndpoint = (extra: IDataObject = {}): IDataObject => ({
	endpointId: 'plug-1',
	manufacturerName: 'n8n',
	friendlyName: 'Plug',
	description: 'Smart plug',
	displayCategories: ['SMARTPLUG'],
	capabilities: [
		{
			type: 'AlexaInterface',
			interface: 'Alexa.PowerController',
			version: '3',
			properties: {
				supported: [{ name: 'powerState' }],
				proactivelyReported: false,
				retrievable: true,
			},
		},
	],
	...extra,
});

const ENDPOINT_HEALTH = {
	type: 'AlexaInterface',
	interface: 'Alexa.EndpointHealth',
	version: '3',
	properties: {
		supported: [{ name: 'connectivity' }],
		proactivelyReported: true,
		retrievable: true,
	},
};
const ALEXA = { type: 'AlexaInterface', interface: 'Alexa', version: '3' };

describe('Smart Home Response → Answer Discovery: the answer', () => {
	it('builds a Discover.Response from the fields, with no correlation token, valid', async () => {
		const answer = await validAnswer(
			'answerDiscovery',
			fromRows([row({ cookie: '{"room": "living"}' })]),
			{ items: discover() },
		);
		assert.deepEqual(answer.event.header.namespace, 'Alexa.Discovery');
		assert.deepEqual(answer.event.header.name, 'Discover.Response');
		assert.equal(answer.event.header.correlationToken, undefined);
		assert.equal(answer.event.endpoint, undefined);
		assert.deepEqual(answer.event.payload.endpoints, [
			{
				endpointId: 'lamp-1',
				manufacturerName: 'n8n',
				friendlyName: 'Living Room Lamp',
				description: 'A lamp run by n8n',
				displayCategories: ['LIGHT'],
				capabilities: [
					{
						type: 'AlexaInterface',
						interface: 'Alexa.PowerController',
						version: '3',
						properties: {
							supported: [{ name: 'powerState' }],
							proactivelyReported: false,
							retrievable: true,
						},
					},
					{
						type: 'AlexaInterface',
						interface: 'Alexa.BrightnessController',
						version: '3',
						properties: {
							supported: [{ name: 'brightness' }],
							proactivelyReported: false,
							retrievable: true,
						},
					},
					ENDPOINT_HEALTH,
					ALEXA,
				],
				cookie: { room: 'living' },
			},
		]);
		assert.doesNotMatch(JSON.stringify(answer), /secret-token/);
	});

	it('virtual contact and motion sensors for routines: their category, detectionState proactively reported', async () => {
		const answer = await validAnswer(
			'answerDiscovery',
			fromRows([
				row({ endpointId: 'door-1', displayCategories: [], capabilities: ['Alexa.ContactSensor'] }),
				row({
					endpointId: 'hall-motion',
					displayCategories: [],
					capabilities: ['Alexa.MotionSensor'],
				}),
			]),
			{ items: discover() },
		);
		const [contact, motion] = answer.event.payload.endpoints;
		assert.deepEqual(contact.displayCategories, ['CONTACT_SENSOR']);
		assert.deepEqual(motion.displayCategories, ['MOTION_SENSOR']);
		assert.deepEqual(contact.capabilities[0], {
			type: 'AlexaInterface',
			interface: 'Alexa.ContactSensor',
			version: '3',
			properties: {
				supported: [{ name: 'detectionState' }],
				proactivelyReported: true,
				retrievable: true,
			},
		});
		assert.equal(motion.capabilities[0].interface, 'Alexa.MotionSensor');
		assert.equal(motion.capabilities[0].properties.proactivelyReported, true);
		assert.deepEqual(contact.capabilities.slice(1), [ENDPOINT_HEALTH, ALEXA]);
	});

	it('every interface the fields offer, one row each, valid', async () => {
		const simple = [
			'Alexa.BrightnessController',
			'Alexa.ChannelController',
			'Alexa.ColorController',
			'Alexa.ColorTemperatureController',
			'Alexa.DoorbellEventSource',
			'Alexa.LockController',
			'Alexa.PercentageController',
			'Alexa.PowerController',
			'Alexa.PowerLevelController',
			'Alexa.SceneController',
			'Alexa.Speaker',
			'Alexa.StepSpeaker',
			'Alexa.TemperatureSensor',
			'Alexa.ThermostatController',
		];
		const generic = {
			instance: 'Fan.Speed',
			instanceName: 'Speed',
			modes: 'Low, High',
			rangeMinimum: 1,
			rangeMaximum: 5,
			rangePrecision: 1,
		};
		const rows = [
			...simple.map((iface, index) =>
				row({ endpointId: `device-${index}`, capabilities: [iface], displayCategories: ['OTHER'] }),
			),
			...['Alexa.ToggleController', 'Alexa.ModeController', 'Alexa.RangeController'].map((iface) =>
				row({
					endpointId: iface.replace('Alexa.', ''),
					capabilities: [iface, 'Alexa.PowerController'],
					displayCategories: ['FAN'],
					...generic,
				}),
			),
		];
		const answer = await validAnswer('answerDiscovery', fromRows(rows), { items: discover() });
		const endpoints = answer.event.payload.endpoints;
		assert.equal(endpoints.length, simple.length + 3);
		const [toggle, mode, range] = endpoints.slice(simple.length);
		assert.deepEqual(toggle.capabilities[0].capabilityResources, {
			friendlyNames: [{ '@type': 'text', value: { text: 'Speed', locale: 'en-US' } }],
		});
		assert.deepEqual(
			mode.capabilities[0].configuration.supportedModes.map((m: IDataObject) => m.value),
			['Low', 'High'],
		);
		assert.deepEqual(range.capabilities[0].configuration, {
			supportedRange: { minimumValue: 1, maximumValue: 5, precision: 1 },
		});
		const doorbell = endpoints[simple.indexOf('Alexa.DoorbellEventSource')];
		assert.equal(doorbell.capabilities[0].proactivelyReported, true);
	});

	it('takes JSON endpoints, adding Alexa and EndpointHealth where missing, and keeps those given', async () => {
		const own = {
			...ENDPOINT_HEALTH,
			properties: { ...ENDPOINT_HEALTH.properties, proactivelyReported: false },
		};
		const answer = await validAnswer(
			'answerDiscovery',
			fromJson({
				endpoints: [
					jsonEndpoint(),
					jsonEndpoint({ endpointId: 'plug-2', capabilities: [own, ALEXA] }),
				],
			}),
			{ items: discover() },
		);
		const [first, second] = answer.event.payload.endpoints;
		assert.deepEqual(first.capabilities.slice(1), [ENDPOINT_HEALTH, ALEXA]);
		assert.deepEqual(second.capabilities, [own, ALEXA]);
	});

	it("Amazon's sample Discover.Response, as JSON, is taken as it is", async () => {
		const sample = sampleMessages().find(({ file }) => file.endsWith('Discovery.response.json'));
		assert.ok(sample);
		const endpoints = sample.message.event.payload.endpoints;
		const answer = await validAnswer('answerDiscovery', fromJson(endpoints), { items: discover() });
		assert.equal(answer.event.payload.endpoints.length, endpoints.length);
	});

	it('no endpoints is a valid answer (what Amazon asks for when discovery fails)', async () => {
		const answer = await validAnswer('answerDiscovery', fromJson([]), { items: discover() });
		assert.deepEqual(answer.event.payload, { endpoints: [] });
	});

	it('300 endpoints are taken', async () => {
		const many = Array.from({ length: 300 }, (_, index) =>
			jsonEndpoint({ endpointId: `plug-${index}` }),
		);
		const answer = await validAnswer('answerDiscovery', fromJson(many), { items: discover() });
		assert.equal(answer.event.payload.endpoints.length, 300);
	});

	it('100 capabilities are taken (98 given, with Alexa and EndpointHealth added)', async () => {
		const capabilities = Array.from({ length: 98 }, (_, index) => ({
			type: 'AlexaInterface',
			interface: 'Alexa.ToggleController',
			version: '3',
			instance: `Toggle.${index}`,
		}));
		const answer = await validAnswer(
			'answerDiscovery',
			fromJson([jsonEndpoint({ capabilities })]),
			{ items: discover() },
		);
		assert.equal(answer.event.payload.endpoints[0].capabilities.length, 100);
	});
});

describe('Smart Home Response → Answer Discovery: limits, one over, named', () => {
	const long = (length: number) => 'x'.repeat(length);
	const cases: Array<[string, IDataObject, RegExp]> = [
		[
			'301 endpoints',
			fromJson(
				Array.from({ length: 301 }, (_, index) => jsonEndpoint({ endpointId: `p${index}` })),
			),
			/^Item 0: Endpoints \(JSON\) has 301 endpoints; a Discover.Response holds at most 300$/,
		],
		[
			'101 capabilities',
			fromJson([
				jsonEndpoint({
					capabilities: Array.from({ length: 99 }, (_, index) => ({
						type: 'AlexaInterface',
						interface: 'Alexa.ToggleController',
						version: '3',
						instance: `T${index}`,
					})),
				}),
			]),
			/^Item 0: Endpoints \(JSON\) #1 capabilities has 101 capabilities; an endpoint has 1 to 100$/,
		],
		[
			'an endpoint ID with a space',
			fromRows([row({ endpointId: 'lamp 1' })]),
			/^Item 0: Endpoints #1 Endpoint ID "lamp 1" is not a valid endpoint ID: at most 256 characters of letters, digits and _ - = # ; : \? @ &$/,
		],
		[
			'an endpoint ID with a slash, in JSON',
			fromJson([jsonEndpoint({ endpointId: 'a/b' })]),
			/^Item 0: Endpoints \(JSON\) #1 endpointId "a\/b" is not a valid endpoint ID/,
		],
		[
			'an endpoint ID of 257 characters',
			fromRows([row({ endpointId: long(257) })]),
			/^Item 0: Endpoints #1 Endpoint ID "x{40}" is not a valid endpoint ID: at most 256 characters/,
		],
		[
			'a friendly name of 129 characters',
			fromRows([row({ friendlyName: long(129) })]),
			/^Item 0: Endpoints #1 Friendly Name is 129 characters; it must be 1 to 128$/,
		],
		[
			'a description of 129 characters',
			fromRows([row({ description: long(129) })]),
			/^Item 0: Endpoints #1 Description is 129 characters; it must be 1 to 128$/,
		],
		[
			'a manufacturer name of 129 characters',
			fromRows([row({ manufacturerName: long(129) })]),
			/^Item 0: Endpoints #1 Manufacturer Name is 129 characters; it must be 1 to 128$/,
		],
		[
			'an empty friendly name',
			fromRows([row({ friendlyName: '' })]),
			/^Item 0: Endpoints #1 Friendly Name is 0 characters; it must be 1 to 128$/,
		],
		[
			'no display category',
			fromRows([row({ displayCategories: [] })]),
			/^Item 0: Endpoints #1 Display Categories is empty; at least one display category is required$/,
		],
		[
			'a display category Amazon does not have',
			fromJson([jsonEndpoint({ displayCategories: ['REMOTE'] })]),
			/^Item 0: Endpoints \(JSON\) #1 displayCategories has "REMOTE", which is not one of Amazon's display categories$/,
		],
		[
			'a cookie value that is not text',
			fromRows([row({ cookie: '{"floor": 2}' })]),
			/^Item 0: Endpoints #1 Cookie \(JSON\) has floor as 2; every cookie value must be text$/,
		],
		[
			'two endpoints with one ID',
			fromRows([row(), row()]),
			/^Item 0: Endpoints #2 Endpoint ID repeats "lamp-1"$/,
		],
		[
			'an interface Amazon does not have',
			fromJson([
				jsonEndpoint({
					capabilities: [{ type: 'AlexaInterface', interface: 'Alexa.Teleporter', version: '3' }],
				}),
			]),
			/^Item 0: Endpoints \(JSON\) #1 capabilities #1 interface is "Alexa.Teleporter", which is not an interface in Amazon's smart home schema$/,
		],
		[
			'a version "3.0"',
			fromJson([
				jsonEndpoint({
					capabilities: [
						{ type: 'AlexaInterface', interface: 'Alexa.PowerController', version: '3.0' },
					],
				}),
			]),
			/^Item 0: Endpoints \(JSON\) #1 capabilities #1 version is "3.0"; Alexa.PowerController is version "3" \(as text\)$/,
		],
		[
			'a supported property the interface lacks',
			fromJson([
				jsonEndpoint({
					capabilities: [
						{
							type: 'AlexaInterface',
							interface: 'Alexa.PowerController',
							version: '3',
							properties: { supported: [{ name: 'brightness' }] },
						},
					],
				}),
			]),
			/^Item 0: Endpoints \(JSON\) #1 capabilities #1 properties.supported names "brightness"; Alexa.PowerController has the properties powerState$/,
		],
		[
			'a Range controller without its range',
			fromJson([
				jsonEndpoint({
					capabilities: [
						{
							type: 'AlexaInterface',
							interface: 'Alexa.RangeController',
							version: '3',
							instance: 'A.B',
							capabilityResources: {},
						},
					],
				}),
			]),
			/^Item 0: Endpoints \(JSON\) #1 capabilities #1 configuration is missing; Alexa.RangeController requires it$/,
		],
		[
			'a Toggle row without an instance',
			fromRows([row({ capabilities: ['Alexa.ToggleController'], instanceName: 'Oscillate' })]),
			/^Item 0: Endpoints #1 Instance is empty; Alexa.ToggleController needs it$/,
		],
		[
			'two generic controllers in one row',
			fromRows([row({ capabilities: ['Alexa.ToggleController', 'Alexa.RangeController'] })]),
			/^Item 0: Endpoints #1 Capabilities has Alexa.ToggleController and Alexa.RangeController; one row describes at most one generic controller/,
		],
		[
			'endpoints that are not JSON',
			{ endpointsSource: 'json', endpointsJson: '[{' },
			/^Item 0: Endpoints \(JSON\) is not valid JSON \(/,
		],
	];
	for (const [name, parameters, expected] of cases) {
		it(`refuses ${name}`, async () => {
			assert.match(await rejection('answerDiscovery', parameters, { items: discover() }), expected);
		});
	}

	it('refuses to answer a directive other than Discover', async () => {
		assert.match(
			await rejection('answerDiscovery', fromRows([row()]), {
				items: [directiveItem('Alexa.PowerController', 'TurnOn')],
			}),
			/^Item 0: Directive is Alexa.PowerController TurnOn, which Answer Discovery does not answer$/,
		);
	});
});
