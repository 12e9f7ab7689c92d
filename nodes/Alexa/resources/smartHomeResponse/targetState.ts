import type { IDataObject } from 'n8n-workflow';

import { isoTime } from '../../shared/smartHome/properties';
import type { DirectiveName, Reported } from './directive';

/**
 * The state a directive asks for, as the properties the answer reports in `context.properties`
 * ("In the context object of your response, include the values of all the properties of the
 * endpoint that changed": https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-response.html).
 * Read from the directive: the trigger's plain field (`brightness`) or the directive's payload.
 * Each interface's directives and payloads: its page under
 * https://developer.amazon.com/en-US/docs/alexa/device-apis/ (alexa-powercontroller.html, …).
 */

/** How one property's value follows from the directive. */
interface Target {
	property: string;
	/** A fixed value (TurnOn → ON), or where the directive carries it. */
	value:
		| { fixed: unknown }
		| { field: string; payload?: string; read?: (value: unknown) => unknown };
}

/**
 * A directive that changes a value by a delta (AdjustBrightness by -25): the new value depends on
 * the device's current one, which the directive does not carry, so the user gives it.
 */
interface Delta {
	delta: string;
}

const set = (property: string, payload = property): Target[] => [
	{ property, value: { field: property, payload } },
];
const fixed = (property: string, value: unknown): Target[] => [
	{ property, value: { fixed: value } },
];
const delta = (property: string): Delta => ({ delta: property });

/** `{value: "HEAT"}` in the payload, a plain "HEAT" in the trigger's field. */
const modeValue = (value: unknown) =>
	typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
/** The four keys the schema allows in a channel. */
const channelValue = (value: unknown) => {
	if (typeof value !== 'object' || value === null) return value;
	const channel: IDataObject = {};
	for (const key of ['number', 'callSign', 'affiliateCallSign', 'uri']) {
		const text = (value as IDataObject)[key];
		if (typeof text === 'string' && text !== '') channel[key] = text;
	}
	return channel;
};

/** Per interface, per directive: the properties it sets, a delta, or none (`[]`). */
const DIRECTIVES: Record<string, Record<string, Target[] | Delta>> = {
	'Alexa.PowerController': {
		TurnOn: fixed('powerState', 'ON'),
		TurnOff: fixed('powerState', 'OFF'),
	},
	'Alexa.BrightnessController': {
		SetBrightness: set('brightness'),
		AdjustBrightness: delta('brightness'),
	},
	'Alexa.PercentageController': {
		SetPercentage: set('percentage'),
		AdjustPercentage: delta('percentage'),
	},
	'Alexa.PowerLevelController': {
		SetPowerLevel: set('powerLevel'),
		AdjustPowerLevel: delta('powerLevel'),
	},
	'Alexa.ColorController': { SetColor: set('color') },
	'Alexa.ColorTemperatureController': {
		SetColorTemperature: set('colorTemperatureInKelvin'),
		IncreaseColorTemperature: delta('colorTemperatureInKelvin'),
		DecreaseColorTemperature: delta('colorTemperatureInKelvin'),
	},
	'Alexa.ThermostatController': {
		// One, two or three setpoints: each one the directive carries.
		SetTargetTemperature: [
			...set('targetSetpoint'),
			...set('lowerSetpoint'),
			...set('upperSetpoint'),
		],
		AdjustTargetTemperature: delta('targetSetpoint'),
		SetThermostatMode: [
			{ property: 'thermostatMode', value: { field: 'thermostatMode', read: modeValue } },
		],
	},
	'Alexa.LockController': {
		Lock: fixed('lockState', 'LOCKED'),
		Unlock: fixed('lockState', 'UNLOCKED'),
	},
	'Alexa.RangeController': {
		SetRangeValue: set('rangeValue'),
		AdjustRangeValue: delta('rangeValue'),
	},
	'Alexa.ModeController': { SetMode: set('mode'), AdjustMode: delta('mode') },
	'Alexa.ToggleController': {
		TurnOn: fixed('toggleState', 'ON'),
		TurnOff: fixed('toggleState', 'OFF'),
	},
	'Alexa.Speaker': {
		SetVolume: set('volume'),
		AdjustVolume: delta('volume'),
		SetMute: set('muted', 'mute'),
	},
	'Alexa.ChannelController': {
		ChangeChannel: [{ property: 'channel', value: { field: 'channel', read: channelValue } }],
		SkipChannels: delta('channel'),
	},
	'Alexa.InputController': { SelectInput: set('input') },
};

/** The interfaces whose directives end in a property of the same instance. */
const WITH_INSTANCE = ['Alexa.ModeController', 'Alexa.RangeController', 'Alexa.ToggleController'];

export type TargetState =
	| { kind: 'properties'; reported: Reported[] }
	| { kind: 'delta'; namespace: string; property: string; instance?: string };

/** The properties a directive sets, or the property of a delta the user must give the result of. */
export function targetState(which: DirectiveName, directive: IDataObject): TargetState {
	const { namespace = '', name = '' } = which;
	const rule = DIRECTIVES[namespace]?.[name];
	const instance = WITH_INSTANCE.includes(namespace) ? which.instance : undefined;
	if (!rule) return { kind: 'properties', reported: [] };
	if ('delta' in rule) return { kind: 'delta', namespace, property: rule.delta, instance };
	const payload = (directive.payload ?? {}) as IDataObject;
	const reported: Reported[] = [];
	for (const target of rule) {
		let value: unknown;
		if ('fixed' in target.value) {
			value = target.value.fixed;
		} else {
			const { field, payload: key = field, read = (raw: unknown) => raw } = target.value;
			const raw = directive[field] ?? payload[key];
			if (raw === undefined || raw === null) continue;
			value = read(raw);
		}
		const property: IDataObject = { namespace };
		if (instance) property.instance = instance;
		property.name = target.property;
		property.value = value as IDataObject;
		property.timeOfSample = isoTime('Time of Sample', undefined);
		property.uncertaintyInMilliseconds = 0;
		reported.push({ field: `The directive's ${target.property}`, property });
	}
	return { kind: 'properties', reported };
}
