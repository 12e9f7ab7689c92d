import type { INodeProperties } from 'n8n-workflow';

import { DISPLAY_CATEGORIES } from '../../shared/smartHome/schemaRules';

/** The fields of one endpoint row of Answer Discovery (read by discoveryEndpoints.ts). */

/** The interfaces the Capabilities field offers, with the picker's name. */
const PICKABLE: Array<[string, string]> = [
	['Alexa.BrightnessController', 'Brightness'],
	['Alexa.ChannelController', 'Channel'],
	['Alexa.ColorController', 'Color'],
	['Alexa.ColorTemperatureController', 'Color Temperature'],
	['Alexa.ContactSensor', 'Contact Sensor (Routine Trigger)'],
	['Alexa.DoorbellEventSource', 'Doorbell'],
	['Alexa.LockController', 'Lock'],
	['Alexa.ModeController', 'Mode (Generic Controller)'],
	['Alexa.MotionSensor', 'Motion Sensor (Routine Trigger)'],
	['Alexa.PercentageController', 'Percentage'],
	['Alexa.PowerController', 'Power'],
	['Alexa.PowerLevelController', 'Power Level'],
	['Alexa.RangeController', 'Range (Generic Controller)'],
	['Alexa.SceneController', 'Scene'],
	['Alexa.Speaker', 'Speaker'],
	['Alexa.StepSpeaker', 'Step Speaker'],
	['Alexa.TemperatureSensor', 'Temperature Sensor'],
	['Alexa.ThermostatController', 'Thermostat'],
	['Alexa.ToggleController', 'Toggle (Generic Controller)'],
];

const titleCase = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

const text = (displayName: string, name: string, placeholder: string, description: string) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	placeholder,
	description,
});

export const endpointFields: INodeProperties[] = [
	text(
		'Endpoint ID',
		'endpointId',
		'living-room-lamp',
		'Your ID for the device: 1 to 256 letters, digits and _ - = # ; : ? @ &',
	),
	text(
		'Friendly Name',
		'friendlyName',
		'Living Room Lamp',
		'What the customer calls it, at most 128 characters',
	),
	text(
		'Description',
		'description',
		'Lamp by n8n',
		'Shown in the Alexa app, at most 128 characters',
	),
	text('Manufacturer Name', 'manufacturerName', 'n8n', 'At most 128 characters'),
	{
		displayName: 'Display Categories',
		name: 'displayCategories',
		type: 'multiOptions',
		options: DISPLAY_CATEGORIES.map((value) => ({ name: titleCase(value), value })),
		default: [],
		description:
			'How the Alexa app shows the device. Empty: Contact Sensor, Motion Sensor, Temperature Sensor or Doorbell from the capabilities.',
	},
	{
		displayName: 'Capabilities',
		name: 'capabilities',
		type: 'multiOptions',
		options: PICKABLE.map(([value, name]) => ({ name, value })),
		default: [],
		description:
			'What the device can do. Alexa and Alexa.EndpointHealth are always added. A contact or motion sensor can start Alexa routines when you send its Change Report (Event → Send Change Report).',
	},
	{
		displayName: 'Proactively Reported',
		name: 'proactivelyReported',
		type: 'boolean',
		default: false,
		description:
			'Whether you send Change Reports when the properties change. Always on for sensors, which only start routines that way.',
	},
	{
		displayName: 'Retrievable',
		name: 'retrievable',
		type: 'boolean',
		default: true,
		description: 'Whether Alexa may ask for the state (ReportState)',
	},
	text(
		'Instance',
		'instance',
		'Fan.Speed',
		'For a Toggle, Mode or Range capability: its instance name',
	),
	text(
		'Instance Friendly Name',
		'instanceName',
		'Speed',
		'For a Toggle, Mode or Range capability: what the customer calls it',
	),
	{
		...text('Locale', 'locale', 'en-US', 'The language of the instance and mode names'),
		default: 'en-US',
	},
	text(
		'Modes',
		'modes',
		'Low, Medium, High',
		'For a Mode capability: its modes, comma-separated; each is both the mode value and its name',
	),
	{
		displayName: 'Range Minimum',
		name: 'rangeMinimum',
		type: 'number',
		default: 0,
		description: 'For a Range capability',
	},
	{
		displayName: 'Range Maximum',
		name: 'rangeMaximum',
		type: 'number',
		default: 100,
		description: 'For a Range capability',
	},
	{
		displayName: 'Range Precision',
		name: 'rangePrecision',
		type: 'number',
		default: 1,
		description: 'For a Range capability: the step between values',
	},
	{
		displayName: 'Cookie (JSON)',
		name: 'cookie',
		type: 'json',
		default: '{}',
		description:
			'Texts Alexa sends back with every directive for the device, as an object of texts',
	},
];

/** The user's names of an endpoint's keys, for errors. */
export const FIELD_LABELS: Record<string, string> = {
	endpointId: 'Endpoint ID',
	friendlyName: 'Friendly Name',
	description: 'Description',
	manufacturerName: 'Manufacturer Name',
	displayCategories: 'Display Categories',
	capabilities: 'Capabilities',
	cookie: 'Cookie (JSON)',
};
