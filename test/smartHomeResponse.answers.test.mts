/**
 * Smart Home Response → Confirm Directive, Report State, Report Error, Defer Answer, Answer Accept
 * Grant, run through n8n's engine after a stand-in for the Alexa Smart Home Trigger: each answer
 * is checked against Amazon's whole schema (test/harness/schema.mts), its defaults come from the
 * trigger's item, and bad input names the item, the field and the limit.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { installClock } from './harness/fixtures.mts';
import { clock } from './harness/modules.mts';
import { schemaErrors } from './harness/schema.mts';
import { directiveItem, rejection, runSmartHome, validAnswer } from './harness/smartHome.mts';

const NOW = '2026-11-22T12:00:00.000Z';
beforeEach(() => installClock(Date.parse(NOW)));
afterEach(() => clock.useClock());

const HEALTH = {
	namespace: 'Alexa.EndpointHealth',
	name: 'connectivity',
	value: { value: 'OK' },
	timeOfSample: NOW,
	uncertaintyInMilliseconds: 0,
};
const at = (property: IDataObject) => ({
	...property,
	timeOfSample: NOW,
	uncertaintyInMilliseconds: 0,
});

/** Directive → the properties Confirm Directive reports by itself (besides connectivity). */
const DEFAULTS: Array<[string, string, IDataObject, IDataObject, IDataObject[]]> = [
	[
		'Alexa.PowerController',
		'TurnOn',
		{},
		{ powerState: 'ON' },
		[{ name: 'powerState', value: 'ON' }],
	],
	[
		'Alexa.PowerController',
		'TurnOff',
		{},
		{ powerState: 'OFF' },
		[{ name: 'powerState', value: 'OFF' }],
	],
	[
		'Alexa.BrightnessController',
		'SetBrightness',
		{ brightness: 50 },
		{ brightness: 50 },
		[{ name: 'brightness', value: 50 }],
	],
	[
		'Alexa.PercentageController',
		'SetPercentage',
		{ percentage: 74 },
		{ percentage: 74 },
		[{ name: 'percentage', value: 74 }],
	],
	[
		'Alexa.PowerLevelController',
		'SetPowerLevel',
		{ powerLevel: 42 },
		{},
		[{ name: 'powerLevel', value: 42 }],
	],
	[
		'Alexa.ColorController',
		'SetColor',
		{ color: { hue: 350.5, saturation: 0.7138, brightness: 0.6524 } },
		{ color: { hue: 350.5, saturation: 0.7138, brightness: 0.6524 } },
		[{ name: 'color', value: { hue: 350.5, saturation: 0.7138, brightness: 0.6524 } }],
	],
	[
		'Alexa.ColorTemperatureController',
		'SetColorTemperature',
		{ colorTemperatureInKelvin: 5000 },
		{ colorTemperatureInKelvin: 5000 },
		[{ name: 'colorTemperatureInKelvin', value: 5000 }],
	],
	[
		'Alexa.ThermostatController',
		'SetTargetTemperature',
		{ targetSetpoint: { value: 20, scale: 'CELSIUS' } },
		{ targetSetpoint: { value: 20, scale: 'CELSIUS' } },
		[{ name: 'targetSetpoint', value: { value: 20, scale: 'CELSIUS' } }],
	],
	[
		'Alexa.ThermostatController',
		'SetTargetTemperature',
		{
			lowerSetpoint: { value: 68, scale: 'FAHRENHEIT' },
			upperSetpoint: { value: 74, scale: 'FAHRENHEIT' },
		},
		{},
		[
			{ name: 'lowerSetpoint', value: { value: 68, scale: 'FAHRENHEIT' } },
			{ name: 'upperSetpoint', value: { value: 74, scale: 'FAHRENHEIT' } },
		],
	],
	[
		'Alexa.ThermostatController',
		'SetThermostatMode',
		{ thermostatMode: { value: 'COOL' } },
		{ thermostatMode: 'COOL' },
		[{ name: 'thermostatMode', value: 'COOL' }],
	],
	[
		'Alexa.LockController',
		'Lock',
		{},
		{ lockState: 'LOCKED' },
		[{ name: 'lockState', value: 'LOCKED' }],
	],
	[
		'Alexa.LockController',
		'Unlock',
		{},
		{ lockState: 'UNLOCKED' },
		[{ name: 'lockState', value: 'UNLOCKED' }],
	],
	[
		'Alexa.RangeController',
		'SetRangeValue',
		{ rangeValue: 3 },
		{ instance: 'Fan.Speed', rangeValue: 3 },
		[{ instance: 'Fan.Speed', name: 'rangeValue', value: 3 }],
	],
	[
		'Alexa.ModeController',
		'SetMode',
		{ mode: 'Wash.Delicate' },
		{ instance: 'Wash.Cycle', mode: 'Wash.Delicate' },
		[{ instance: 'Wash.Cycle', name: 'mode', value: 'Wash.Delicate' }],
	],
	[
		'Alexa.ToggleController',
		'TurnOn',
		{},
		{ instance: 'Fan.Oscillate', toggleState: 'ON' },
		[{ instance: 'Fan.Oscillate', name: 'toggleState', value: 'ON' }],
	],
	[
		'Alexa.ToggleController',
		'TurnOff',
		{},
		{ instance: 'Fan.Oscillate', toggleState: 'OFF' },
		[{ instance: 'Fan.Oscillate', name: 'toggleState', value: 'OFF' }],
	],
	['Alexa.Speaker', 'SetVolume', { volume: 30 }, { volume: 30 }, [{ name: 'volume', value: 30 }]],
	['Alexa.Speaker', 'SetMute', { mute: true }, { muted: true }, [{ name: 'muted', value: true }]],
	[
		'Alexa.ChannelController',
		'ChangeChannel',
		{ channel: { number: '1234', callSign: 'KSTATION1' }, channelMetadata: { name: 'Alternate' } },
		{ channel: { number: '1234', callSign: 'KSTATION1' } },
		[{ name: 'channel', value: { number: '1234', callSign: 'KSTATION1' } }],
	],
	[
		'Alexa.InputController',
		'SelectInput',
		{ input: 'HDMI1' },
		{ input: 'HDMI1' },
		[{ name: 'input', value: 'HDMI1' }],
	],
	['Alexa.StepSpeaker', 'AdjustVolume', { volumeSteps: -20 }, {}, []],
	['Alexa.PlaybackController', 'Play', {}, {}, []],
];

describe('Smart Home Response → Confirm Directive: the state the directive asked for', () => {
	for (const [namespace, name, payload, fields, expected] of DEFAULTS) {
		it(`${namespace} ${name} ${JSON.stringify(payload)}: reports ${expected.map((p) => p.name).join(', ') || 'connectivity only'}, valid`, async () => {
			const answer = await validAnswer(
				'confirmDirective',
				{},
				{
					items: [directiveItem(namespace, name, payload, fields)],
				},
			);
			assert.deepEqual(answer.event.header.namespace, 'Alexa');
			assert.deepEqual(answer.event.header.name, 'Response');
			assert.equal(answer.event.header.correlationToken, 'corr-token-1');
			assert.equal(answer.event.header.payloadVersion, '3');
			assert.match(answer.event.header.messageId, /^[0-9a-f-]{36}$/);
			assert.deepEqual(answer.event.endpoint, { endpointId: 'lamp-1' });
			assert.deepEqual(answer.event.payload, {});
			assert.deepEqual(answer.context.properties, [
				...expected.map((property) => at({ namespace, ...property })),
				HEALTH,
			]);
		});
	}

	it('answers a scene Activate with ActivationStarted, and Deactivate with DeactivationStarted', async () => {
		for (const [name, answered] of [
			['Activate', 'ActivationStarted'],
			['Deactivate', 'DeactivationStarted'],
		]) {
			const answer = await validAnswer(
				'confirmDirective',
				{},
				{
					items: [directiveItem('Alexa.SceneController', name)],
				},
			);
			assert.deepEqual(answer.event.header.namespace, 'Alexa.SceneController');
			assert.equal(answer.event.header.name, answered);
			assert.equal(answer.event.header.correlationToken, 'corr-token-1');
			assert.deepEqual(answer.event.payload, {
				cause: { type: 'VOICE_INTERACTION' },
				timestamp: NOW,
			});
			assert.equal(answer.context, undefined);
		}
	});

	it('an Adjust… directive needs Resulting Value, and reports it', async () => {
		const item = directiveItem('Alexa.BrightnessController', 'AdjustBrightness', {
			brightnessDelta: -25,
		});
		assert.equal(
			await rejection('confirmDirective', {}, { items: [item] }),
			'Item 0: Resulting Value is empty; Alexa.BrightnessController AdjustBrightness changes brightness by a step, and the answer must report the brightness it led to',
		);
		const answer = await validAnswer(
			'confirmDirective',
			{ resultingValue: '25' },
			{ items: [item] },
		);
		assert.deepEqual(answer.context.properties, [
			at({ namespace: 'Alexa.BrightnessController', name: 'brightness', value: 25 }),
			HEALTH,
		]);
	});

	it('every kind of step directive asks for Resulting Value; a generic one reports its instance', async () => {
		const steps: Array<[string, string, IDataObject, string, string]> = [
			['Alexa.PercentageController', 'AdjustPercentage', {}, 'percentage', '40'],
			['Alexa.PowerLevelController', 'AdjustPowerLevel', {}, 'powerLevel', '40'],
			[
				'Alexa.ColorTemperatureController',
				'IncreaseColorTemperature',
				{},
				'colorTemperatureInKelvin',
				'4000',
			],
			[
				'Alexa.ColorTemperatureController',
				'DecreaseColorTemperature',
				{},
				'colorTemperatureInKelvin',
				'2700',
			],
			[
				'Alexa.ThermostatController',
				'AdjustTargetTemperature',
				{},
				'targetSetpoint',
				'{"value": 21, "scale": "CELSIUS"}',
			],
			['Alexa.RangeController', 'AdjustRangeValue', { instance: 'Fan.Speed' }, 'rangeValue', '4'],
			['Alexa.ModeController', 'AdjustMode', { instance: 'Wash.Cycle' }, 'mode', 'Wash.Normal'],
			['Alexa.Speaker', 'AdjustVolume', {}, 'volume', '35'],
			['Alexa.ChannelController', 'SkipChannels', {}, 'channel', '{"number": "9"}'],
		];
		for (const [namespace, name, fields, property, value] of steps) {
			const item = directiveItem(namespace, name, {}, fields);
			assert.match(
				await rejection('confirmDirective', {}, { items: [item] }),
				/^Item 0: Resulting Value is empty;/,
			);
			const answer = await validAnswer(
				'confirmDirective',
				{ resultingValue: value },
				{ items: [item] },
			);
			const reported = answer.context.properties[0];
			assert.equal(reported.name, property, name);
			assert.equal(reported.instance, fields.instance, name);
		}
	});

	it('a step directive may be answered with the property under Properties instead', async () => {
		const answer = await validAnswer(
			'confirmDirective',
			{
				properties: {
					property: [{ namespace: 'Alexa.Speaker', name: 'volume', value: '35', timeOfSample: '' }],
				},
			},
			{
				items: [
					directiveItem('Alexa.Speaker', 'AdjustVolume', { volume: 5, volumeDefault: false }),
				],
			},
		);
		assert.deepEqual(answer.context.properties, [
			HEALTH,
			at({ namespace: 'Alexa.Speaker', name: 'volume', value: 35 }),
		]);
	});

	it('a given property replaces the default of the same interface and name; others are added', async () => {
		const answer = await validAnswer(
			'confirmDirective',
			{
				properties: {
					property: [
						{
							namespace: 'Alexa.EndpointHealth',
							name: 'connectivity',
							value: '{"value": "UNREACHABLE"}',
						},
						{ namespace: 'Alexa.BrightnessController', name: 'brightness', value: '80' },
					],
				},
			},
			{ items: [directiveItem('Alexa.PowerController', 'TurnOn')] },
		);
		assert.deepEqual(answer.context.properties, [
			at({ namespace: 'Alexa.PowerController', name: 'powerState', value: 'ON' }),
			at({
				namespace: 'Alexa.EndpointHealth',
				name: 'connectivity',
				value: { value: 'UNREACHABLE' },
			}),
			at({ namespace: 'Alexa.BrightnessController', name: 'brightness', value: 80 }),
		]);
	});

	it('without the trigger, reads the directive from the input item; fields given win over it', async () => {
		const item = directiveItem('Alexa.PowerController', 'TurnOff');
		const answer = await validAnswer(
			'confirmDirective',
			{ endpointId: 'kitchen-light', correlation: '={{ "from-" + $json.correlationToken }}' },
			{ items: [item], noTrigger: true },
		);
		assert.deepEqual(answer.event.endpoint, { endpointId: 'kitchen-light' });
		assert.equal(answer.event.header.correlationToken, 'from-corr-token-1');
		assert.equal(answer.context.properties[0].value, 'OFF');
	});

	it("with the trigger, every item answers the trigger's directive, whatever the items hold", async () => {
		const { output } = await runSmartHome(
			'confirmDirective',
			{},
			{
				items: [directiveItem('Alexa.LockController', 'Lock'), { unrelated: true }],
			},
		);
		assert.equal(output.length, 2);
		for (const item of output) {
			assert.deepEqual(schemaErrors(item.json), []);
			assert.equal((item.json as any).context.properties[0].value, 'LOCKED');
		}
	});

	it('the directive options name the directive when no trigger item holds it', async () => {
		const answer = await validAnswer(
			'confirmDirective',
			{
				correlation: 'tok',
				endpointId: 'fan-1',
				options: {
					directiveNamespace: 'Alexa.ToggleController',
					directiveName: 'TurnOff',
					directiveInstance: 'Fan.Oscillate',
				},
			},
			{ items: [{}], noTrigger: true },
		);
		assert.deepEqual(
			answer.context.properties[0],
			at({
				namespace: 'Alexa.ToggleController',
				instance: 'Fan.Oscillate',
				name: 'toggleState',
				value: 'OFF',
			}),
		);
	});
});

describe('Smart Home Response: bad input names the item, the field and the limit', () => {
	const cases: Array<[string, string, IDataObject, IDataObject, RegExp]> = [
		[
			'a directive value out of range',
			'confirmDirective',
			{},
			directiveItem(
				'Alexa.BrightnessController',
				'SetBrightness',
				{ brightness: 150 },
				{ brightness: 150 },
			),
			/^Item 0: The directive's brightness Value is 150; it must be a whole number from 0 to 100$/,
		],
		[
			'a property of an unknown interface',
			'confirmDirective',
			{
				properties: { property: [{ namespace: 'Alexa.Teleporter', name: 'place', value: 'Mars' }] },
			},
			directiveItem('Alexa.PowerController', 'TurnOn'),
			/^Item 0: Properties #1 Namespace is "Alexa.Teleporter", which is not an interface in Amazon's smart home schema$/,
		],
		[
			'a property name the interface lacks',
			'reportState',
			{
				properties: {
					property: [{ namespace: 'Alexa.PowerController', name: 'power', value: 'ON' }],
				},
			},
			directiveItem('Alexa', 'ReportState'),
			/^Item 0: Properties #1 Name is "power"; Alexa.PowerController has the properties powerState$/,
		],
		[
			'a value not in the enum',
			'reportState',
			{
				properties: {
					property: [{ namespace: 'Alexa.LockController', name: 'lockState', value: 'OPEN' }],
				},
			},
			directiveItem('Alexa', 'ReportState'),
			/^Item 0: Properties #1 Value is "OPEN"; it must be one of LOCKED, UNLOCKED, JAMMED$/,
		],
		[
			'a setpoint without its scale',
			'reportState',
			{
				properties: {
					property: [
						{
							namespace: 'Alexa.ThermostatController',
							name: 'targetSetpoint',
							value: '{"value": 20}',
						},
					],
				},
			},
			directiveItem('Alexa', 'ReportState'),
			/^Item 0: Properties #1 Value is an object; it must be an object with scale$/,
		],
		[
			'a generic property without its instance',
			'reportState',
			{
				properties: {
					property: [{ namespace: 'Alexa.RangeController', name: 'rangeValue', value: '3' }],
				},
			},
			directiveItem('Alexa', 'ReportState'),
			/^Item 0: Properties #1 Instance is empty; Alexa.RangeController properties need the instance they belong to$/,
		],
		[
			'an endpoint ID with a space',
			'confirmDirective',
			{ endpointId: 'living room' },
			directiveItem('Alexa.PowerController', 'TurnOn'),
			/^Item 0: Endpoint ID "living room" is not a valid endpoint ID: at most 256 characters of letters, digits and _ - = # ; : \? @ &$/,
		],
		[
			'an endpoint ID of 257 characters',
			'reportState',
			{ endpointId: 'a'.repeat(257) },
			directiveItem('Alexa', 'ReportState'),
			/^Item 0: Endpoint ID "a{40}" is not a valid endpoint ID: at most 256 characters/,
		],
		[
			'no correlation token anywhere',
			'reportError',
			{ errorMessage: 'x' },
			{ ...directiveItem('Alexa.PowerController', 'TurnOn'), correlationToken: undefined },
			/^Item 0: Correlation Token is empty, and neither the Alexa Smart Home Trigger's item nor the input item has a correlationToken$/,
		],
		[
			'Confirm Directive for a ReportState',
			'confirmDirective',
			{},
			directiveItem('Alexa', 'ReportState'),
			/^Item 0: Directive is Alexa ReportState, which Confirm Directive does not answer$/,
		],
		[
			'Report State for a TurnOn',
			'reportState',
			{},
			directiveItem('Alexa.PowerController', 'TurnOn'),
			/^Item 0: Directive is Alexa.PowerController TurnOn, which Report State does not answer$/,
		],
		[
			'Defer Answer for a Discover',
			'deferAnswer',
			{},
			directiveItem('Alexa.Discovery', 'Discover'),
			/^Item 0: Directive is Alexa.Discovery Discover, which Defer Answer does not answer$/,
		],
		[
			'Defer Answer for an AcceptGrant',
			'deferAnswer',
			{},
			directiveItem('Alexa.Authorization', 'AcceptGrant'),
			/^Item 0: Directive is Alexa.Authorization AcceptGrant, which Defer Answer does not answer$/,
		],
		[
			'Report Error for a Discover',
			'reportError',
			{ errorMessage: 'x' },
			directiveItem('Alexa.Discovery', 'Discover'),
			/^Item 0: Directive is Alexa.Discovery Discover, which Report Error does not answer$/,
		],
		[
			'a deferral that is not a whole number',
			'deferAnswer',
			{ estimatedDeferralInSeconds: 2.5 },
			directiveItem('Alexa.LockController', 'Lock'),
			/^Item 0: Estimated Seconds is 2.5; it must be a whole number from 1 to 2147483647$/,
		],
		[
			'a battery percentage over 100',
			'reportError',
			{ errorType: 'ENDPOINT_LOW_POWER', errorMessage: 'x', percentageState: 101 },
			directiveItem('Alexa.PowerController', 'TurnOn'),
			/^Item 0: Battery Percentage is 101; it must be a number from 0 to 100$/,
		],
		[
			'Answer Accept Grant for a TurnOn',
			'answerAcceptGrant',
			{},
			directiveItem('Alexa.PowerController', 'TurnOn'),
			/^Item 0: Directive is Alexa.PowerController TurnOn, which Answer Accept Grant does not answer$/,
		],
	];
	for (const [name, operation, parameters, item, expected] of cases) {
		it(`refuses ${name}`, async () => {
			assert.match(await rejection(operation, parameters, { items: [item] }), expected);
		});
	}

	it('says which operation answers a refused directive', async () => {
		const { error } = await runSmartHome(
			'deferAnswer',
			{},
			{ items: [directiveItem('Alexa.Discovery', 'Discover')] },
		);
		assert.match(
			String(error?.description),
			/Answer it with Smart Home Response → Answer Discovery \(with no endpoints, if it went wrong\)\./,
		);
	});

	it('with Continue On Fail, a bad item becomes an error item paired with it; the others are answered', async () => {
		const { output, error } = await runSmartHome(
			'reportState',
			{ endpointId: '={{ $json.device }}', correlation: 'tok' },
			{
				items: [{ device: 'lamp-1' }, { device: 'bad id' }, { device: 'lamp-3' }],
				continueOnFail: true,
				noTrigger: true,
			},
		);
		assert.equal(error, undefined);
		assert.deepEqual(
			output.map((item) => item.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.deepEqual(schemaErrors(output[0].json), []);
		assert.match(
			String(output[1].json.error),
			/^Item 1: Endpoint ID "bad id" is not a valid endpoint ID/,
		);
		assert.equal((output[2].json as any).event.endpoint.endpointId, 'lamp-3');
	});
});

describe('Smart Home Response → Report State, Defer Answer, Answer Accept Grant', () => {
	it('Report State: the given properties and connectivity, valid', async () => {
		const answer = await validAnswer(
			'reportState',
			{
				properties: {
					property: [
						{
							namespace: 'Alexa.PowerController',
							name: 'powerState',
							value: 'ON',
							uncertaintyInMilliseconds: 500,
						},
						{
							namespace: 'Alexa.TemperatureSensor',
							name: 'temperature',
							value: '{"value": 19.5, "scale": "CELSIUS"}',
						},
						{ namespace: 'Alexa.ContactSensor', name: 'detectionState', value: 'DETECTED' },
					],
				},
			},
			{ items: [directiveItem('Alexa', 'ReportState')] },
		);
		assert.equal(answer.event.header.name, 'StateReport');
		assert.equal(answer.event.header.correlationToken, 'corr-token-1');
		assert.deepEqual(answer.event.endpoint, { endpointId: 'lamp-1' });
		assert.deepEqual(answer.context.properties, [
			HEALTH,
			{
				...at({ namespace: 'Alexa.PowerController', name: 'powerState', value: 'ON' }),
				uncertaintyInMilliseconds: 500,
			},
			at({
				namespace: 'Alexa.TemperatureSensor',
				name: 'temperature',
				value: { value: 19.5, scale: 'CELSIUS' },
			}),
			at({ namespace: 'Alexa.ContactSensor', name: 'detectionState', value: 'DETECTED' }),
		]);
	});

	it('Defer Answer: DeferredResponse with the seconds and the token, no endpoint, valid', async () => {
		const answer = await validAnswer(
			'deferAnswer',
			{ estimatedDeferralInSeconds: 15 },
			{
				items: [directiveItem('Alexa.LockController', 'Lock')],
			},
		);
		assert.deepEqual(answer.event.header.name, 'DeferredResponse');
		assert.equal(answer.event.header.correlationToken, 'corr-token-1');
		assert.deepEqual(answer.event.payload, { estimatedDeferralInSeconds: 15 });
		assert.equal(answer.event.endpoint, undefined);
	});

	it('Answer Accept Grant: AcceptGrant.Response, or ACCEPT_GRANT_FAILED, both valid', async () => {
		const item = directiveItem('Alexa.Authorization', 'AcceptGrant', {
			grant: { type: 'OAuth2.AuthorizationCode', code: 'code' },
		});
		const accepted = await validAnswer('answerAcceptGrant', {}, { items: [item] });
		assert.deepEqual(accepted.event.header.namespace, 'Alexa.Authorization');
		assert.deepEqual(accepted.event.header.name, 'AcceptGrant.Response');
		assert.deepEqual(accepted.event.payload, {});
		assert.equal(accepted.event.header.correlationToken, undefined);
		const failed = await validAnswer(
			'answerAcceptGrant',
			{ outcome: 'failed', failureMessage: 'Token exchange failed' },
			{ items: [item] },
		);
		assert.deepEqual(failed.event.header.name, 'ErrorResponse');
		assert.deepEqual(failed.event.payload, {
			type: 'ACCEPT_GRANT_FAILED',
			message: 'Token exchange failed',
		});
	});
});

describe('Smart Home Response → Report Error: every error type', () => {
	const extras: Record<string, [IDataObject, IDataObject]> = {
		ENDPOINT_LOW_POWER: [{ percentageState: 5 }, { percentageState: 5 }],
		NOT_SUPPORTED_IN_CURRENT_MODE: [
			{ currentDeviceMode: 'ASLEEP' },
			{ currentDeviceMode: 'ASLEEP' },
		],
		VALUE_OUT_OF_RANGE: [
			{ minimumValue: 0, maximumValue: 10 },
			{ validRange: { minimumValue: 0, maximumValue: 10 } },
		],
		TEMPERATURE_VALUE_OUT_OF_RANGE: [
			{ minimumValue: 15, maximumValue: 30, temperatureScale: 'CELSIUS' },
			{
				validRange: {
					minimumValue: { value: 15, scale: 'CELSIUS' },
					maximumValue: { value: 30, scale: 'CELSIUS' },
				},
			},
		],
		REQUESTED_SETPOINTS_TOO_CLOSE: [
			{ minimumTemperatureDelta: 2, temperatureScale: 'FAHRENHEIT' },
			{ minimumTemperatureDelta: { value: 2, scale: 'FAHRENHEIT' } },
		],
	};
	const thermostat = [
		'DUAL_SETPOINTS_UNSUPPORTED',
		'REQUESTED_SETPOINTS_TOO_CLOSE',
		'THERMOSTAT_IS_OFF',
		'TRIPLE_SETPOINTS_UNSUPPORTED',
		'UNSUPPORTED_THERMOSTAT_MODE',
		'UNWILLING_TO_SET_SCHEDULE',
		'UNWILLING_TO_SET_VALUE',
	];
	const alexa = [
		'ALREADY_IN_OPERATION',
		'BRIDGE_UNREACHABLE',
		'CLOUD_CONTROL_DISABLED',
		'ENDPOINT_BUSY',
		'ENDPOINT_LOW_POWER',
		'ENDPOINT_UNREACHABLE',
		'EXPIRED_AUTHORIZATION_CREDENTIAL',
		'FIRMWARE_OUT_OF_DATE',
		'HARDWARE_MALFUNCTION',
		'HDMI_CEC_DISABLED_ON_DEVICE',
		'HDMI_CEC_NOT_PRESENT',
		'INSUFFICIENT_PERMISSIONS',
		'INTERNAL_ERROR',
		'INVALID_AUTHORIZATION_CREDENTIAL',
		'INVALID_DIRECTIVE',
		'INVALID_VALUE',
		'NO_SUCH_ENDPOINT',
		'NOT_CALIBRATED',
		'NOT_IN_OPERATION',
		'NOT_SUPPORTED_IN_CURRENT_MODE',
		'PARTNER_OUTAGE',
		'POWER_LEVEL_NOT_SUPPORTED',
		'RATE_LIMIT_EXCEEDED',
		'TEMPERATURE_VALUE_OUT_OF_RANGE',
		'TOO_MANY_FAILED_ATTEMPTS',
		'VALUE_OUT_OF_RANGE',
	];
	for (const type of [...alexa, ...thermostat]) {
		it(`${type}: valid, in ${thermostat.includes(type) ? 'Alexa.ThermostatController' : 'Alexa'}`, async () => {
			const [parameters, added] = extras[type] ?? [{}, {}];
			const answer = await validAnswer(
				'reportError',
				{ errorType: type, errorMessage: 'Something went wrong', ...parameters },
				{ items: [directiveItem('Alexa.ThermostatController', 'SetTargetTemperature')] },
			);
			assert.equal(
				answer.event.header.namespace,
				thermostat.includes(type) ? 'Alexa.ThermostatController' : 'Alexa',
			);
			assert.equal(answer.event.header.name, 'ErrorResponse');
			assert.equal(answer.event.header.correlationToken, 'corr-token-1');
			assert.deepEqual(answer.event.endpoint, { endpointId: 'lamp-1' });
			assert.deepEqual(answer.event.payload, { type, message: 'Something went wrong', ...added });
		});
	}
});

describe('Smart Home Response: answering the Alexa Smart Home Trigger', () => {
	it('Respond to Alexa Now sends the first answer at once, as it is output', async () => {
		const { output, responses, error } = await runSmartHome(
			'confirmDirective',
			{ options: { respondNow: true } },
			{
				items: [directiveItem('Alexa.PowerController', 'TurnOn')],
			},
		);
		assert.equal(error, undefined);
		assert.deepEqual(responses, [
			{
				body: output[0].json,
				headers: { 'content-type': 'application/json;charset=UTF-8' },
				statusCode: 200,
			},
		]);
	});

	it('without it, nothing is sent', async () => {
		const { responses } = await runSmartHome(
			'deferAnswer',
			{},
			{ items: [directiveItem('Alexa.LockController', 'Lock')] },
		);
		assert.deepEqual(responses, []);
	});

	it("an answer ready after the trigger's answerBy fails the execution: too late for Alexa", async () => {
		const item = directiveItem('Alexa.PowerController', 'TurnOn');
		const manual = installClock(Date.parse(NOW) + 9_000);
		assert.ok(manual);
		const { error, responses } = await runSmartHome(
			'confirmDirective',
			{ options: { respondNow: true } },
			{ items: [item] },
		);
		assert.match(
			String(error?.message),
			/^Too late for Alexa: this answer was ready 9\.0 s after the request arrived, and Alexa waits at most 8 s$/,
		);
		assert.match(String(error?.description), /Defer Answer/);
		assert.deepEqual(responses, []);
	});

	it('an input item with an answerBy but no trigger is not judged late', async () => {
		const item = directiveItem('Alexa.PowerController', 'TurnOn');
		installClock(Date.parse(NOW) + 60_000);
		const { error } = await runSmartHome(
			'confirmDirective',
			{},
			{ items: [item], noTrigger: true },
		);
		assert.equal(error, undefined);
	});
});
