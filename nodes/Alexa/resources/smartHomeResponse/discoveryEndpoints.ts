import type { IDataObject } from 'n8n-workflow';

import { commaSeparated, InputProblem, parseJsonField } from '../../shared/input/validate';
import { INTERFACES } from '../../shared/smartHome/schemaRules';

/**
 * One endpoint of a Discover.Response from the Endpoints fields: its texts, display categories and
 * capabilities picked from the controller interfaces (the Alexa.Discovery page:
 * https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-discovery.html; each
 * interface's page under https://developer.amazon.com/en-US/docs/alexa/device-apis/).
 */

const GENERIC = ['Alexa.ModeController', 'Alexa.RangeController', 'Alexa.ToggleController'];

/**
 * Sensors that start routines: only a ChangeReport does that, so their detectionState is
 * proactively reported (the Alexa.ContactSensor and Alexa.MotionSensor pages,
 * https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-motionsensor.html). A doorbell
 * press is an event, proactive at the capability's level (Alexa.DoorbellEventSource page).
 */
const ALWAYS_PROACTIVE = ['Alexa.ContactSensor', 'Alexa.MotionSensor'];

/** The display category an endpoint gets when none is picked, from its capabilities. */
const CATEGORY_OF: Record<string, string> = {
	'Alexa.ContactSensor': 'CONTACT_SENSOR',
	'Alexa.MotionSensor': 'MOTION_SENSOR',
	'Alexa.TemperatureSensor': 'TEMPERATURE_SENSOR',
	'Alexa.DoorbellEventSource': 'DOORBELL',
};

/** A Thermostat from the fields has one setpoint: dual and triple setpoints need configuration (Endpoints (JSON)). */
const SUPPORTED: Record<string, readonly string[]> = {
	'Alexa.ThermostatController': ['targetSetpoint', 'thermostatMode'],
};

const friendlyNames = (name: string, locale: string) => ({
	friendlyNames: [{ '@type': 'text', value: { text: name, locale } }],
});

/** A generic controller's instance, names and configuration (the Toggle, Mode and Range controller pages). */
function genericParts(field: string, iface: string, row: IDataObject): IDataObject {
	const need = (key: string, label: string) => {
		const value = typeof row[key] === 'string' ? (row[key] as string).trim() : '';
		if (!value) {
			throw new InputProblem(
				`${field} ${label}`,
				`is empty; ${iface} needs it`,
				`Give the capability's ${label}.`,
			);
		}
		return value;
	};
	const instance = need('instance', 'Instance');
	const locale = need('locale', 'Locale');
	const parts: IDataObject = {
		instance,
		capabilityResources: friendlyNames(need('instanceName', 'Instance Friendly Name'), locale),
	};
	if (iface === 'Alexa.ModeController') {
		const modes = commaSeparated(need('modes', 'Modes'));
		parts.configuration = {
			ordered: false,
			supportedModes: modes.map((mode) => ({
				value: mode,
				modeResources: friendlyNames(mode, locale),
			})),
		};
	}
	if (iface === 'Alexa.RangeController') {
		parts.configuration = {
			supportedRange: {
				minimumValue: row.rangeMinimum ?? 0,
				maximumValue: row.rangeMaximum ?? 100,
				precision: row.rangePrecision ?? 1,
			},
		};
	}
	return parts;
}

function capabilityFor(field: string, iface: string, row: IDataObject): IDataObject {
	const capability: IDataObject = {
		type: 'AlexaInterface',
		interface: iface,
		version: INTERFACES[iface]?.version ?? '3',
	};
	const supported = SUPPORTED[iface] ?? INTERFACES[iface]?.properties ?? [];
	if (supported.length > 0) {
		capability.properties = {
			supported: supported.map((name) => ({ name })),
			proactivelyReported: ALWAYS_PROACTIVE.includes(iface) || row.proactivelyReported === true,
			retrievable: row.retrievable !== false,
		};
	}
	if (iface === 'Alexa.DoorbellEventSource') capability.proactivelyReported = true;
	if (GENERIC.includes(iface)) Object.assign(capability, genericParts(field, iface, row));
	return capability;
}

/** One row of the Endpoints field as a Discover.Response endpoint (checked afterwards, with the JSON ones). */
export function endpointFromRow(field: string, row: IDataObject): IDataObject {
	const picked = Array.isArray(row.capabilities) ? (row.capabilities as string[]) : [];
	const generic = picked.filter((iface) => GENERIC.includes(iface));
	if (generic.length > 1) {
		throw new InputProblem(
			`${field} Capabilities`,
			`has ${generic.join(' and ')}; one row describes at most one generic controller (it has one Instance)`,
			'Describe an endpoint with several generic controllers in Endpoints (JSON).',
		);
	}
	let categories = Array.isArray(row.displayCategories) ? (row.displayCategories as string[]) : [];
	if (categories.length === 0)
		categories = picked
			.map((iface) => CATEGORY_OF[iface])
			.filter(Boolean)
			.slice(0, 1);
	const endpoint: IDataObject = {
		endpointId: typeof row.endpointId === 'string' ? row.endpointId.trim() : row.endpointId,
		manufacturerName: row.manufacturerName,
		friendlyName: row.friendlyName,
		description: row.description,
		displayCategories: categories,
		capabilities: picked.map((iface) => capabilityFor(field, iface, row)),
	};
	const cookie = parseJsonField(`${field} Cookie (JSON)`, row.cookie ?? '{}', 'an object of texts');
	if (
		!(
			typeof cookie === 'object' &&
			cookie !== null &&
			!Array.isArray(cookie) &&
			Object.keys(cookie).length === 0
		)
	) {
		endpoint.cookie = cookie as IDataObject;
	}
	return endpoint;
}

/** `Alexa` and `Alexa.EndpointHealth`, added to an endpoint's capabilities when missing. */
export function withBaseCapabilities(endpoint: IDataObject): IDataObject {
	if (!Array.isArray(endpoint.capabilities)) return endpoint;
	const capabilities = endpoint.capabilities as IDataObject[];
	const has = (iface: string) => capabilities.some((capability) => capability?.interface === iface);
	const added: IDataObject[] = [];
	if (!has('Alexa.EndpointHealth')) {
		// Both flags true, as the Alexa.EndpointHealth page asks.
		added.push({
			type: 'AlexaInterface',
			interface: 'Alexa.EndpointHealth',
			version: '3',
			properties: {
				supported: [{ name: 'connectivity' }],
				proactivelyReported: true,
				retrievable: true,
			},
		});
	}
	if (!has('Alexa')) added.push({ type: 'AlexaInterface', interface: 'Alexa', version: '3' });
	return { ...endpoint, capabilities: [...capabilities, ...added] };
}
