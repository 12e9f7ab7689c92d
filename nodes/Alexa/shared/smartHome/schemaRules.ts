/**
 * Rules for smart home messages, as data, taken from Amazon's JSON Schema for them
 * (alexa/alexa-smarthome, validation_schemas/alexa_smart_home_message_schema.json; a copy with its
 * licence in test/fixtures/alexa-schemas/). The node checks every answer against these tables
 * before it leaves (checks.ts); the tests check the answers against the whole schema and these
 * tables against its enums (docs/decisions/0011-smart-home-answers.md). Where a rule comes from
 * one of Amazon's pages instead, the page is named beside it.
 */

/** `model.PayloadVersion`. */
export const PAYLOAD_VERSION = '3';

/** `model.EndpointId`: 1 to 256 characters of these. The Discovery page allows spaces; the schema does not. */
export const ENDPOINT_ID = { pattern: /^[a-zA-Z0-9_\-=#;:?@&]*$/, minLength: 1, maxLength: 256 };

/**
 * `Discover.Response` payload: at most 300 endpoints (`maxItems`; the Alexa.Discovery page says
 * the same), and at most 100 capabilities per endpoint, from the Alexa.Discovery page
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-discovery.html); the schema
 * has no upper bound for capabilities.
 */
export const DISCOVERY = {
	maxEndpoints: 300,
	minCapabilities: 1,
	maxCapabilities: 100,
	/** `manufacturerName`, `friendlyName`, `description`: required, 1 to 128 characters. */
	textFields: [
		{ key: 'manufacturerName', label: 'Manufacturer Name', maxLength: 128 },
		{ key: 'friendlyName', label: 'Friendly Name', maxLength: 128 },
		{ key: 'description', label: 'Description', maxLength: 128 },
	],
	/** `additionalAttributes`: each text at most 256 characters, no other key. */
	additionalAttributes: [
		'manufacturer',
		'model',
		'serialNumber',
		'firmwareVersion',
		'softwareVersion',
		'customIdentifier',
	],
	additionalAttributeMaxLength: 256,
} as const;

/** The `displayCategories` enum of `Discover.Response`. */
export const DISPLAY_CATEGORIES = [
	'ACTIVITY_TRIGGER',
	'CAMERA',
	'COMPUTER',
	'CONTACT_SENSOR',
	'DOOR',
	'DOORBELL',
	'EXTERIOR_BLIND',
	'FAN',
	'GAME_CONSOLE',
	'GARAGE_DOOR',
	'INTERIOR_BLIND',
	'LAPTOP',
	'LIGHT',
	'MICROWAVE',
	'MOBILE_PHONE',
	'MOTION_SENSOR',
	'MUSIC_SYSTEM',
	'NETWORK_HARDWARE',
	'OTHER',
	'OVEN',
	'PHONE',
	'SCENE_TRIGGER',
	'SCREEN',
	'SECURITY_PANEL',
	'SMARTLOCK',
	'SMARTPLUG',
	'SPEAKER',
	'STREAMING_DEVICE',
	'SWITCH',
	'TABLET',
	'TEMPERATURE_SENSOR',
	'THERMOSTAT',
	'TV',
	'WEARABLE',
] as const;

/**
 * Every interface the schema's `endpoint.capabilities` knows: its version, the keys its capability
 * object requires besides `type`, `interface` and `version`, and the names of its properties
 * (`state.properties`, also the only names its `properties.supported` may list).
 */
export interface InterfaceRule {
	version: string;
	requires?: readonly string[];
	properties: readonly string[];
}

export const INTERFACES: Record<string, InterfaceRule> = {
	Alexa: { version: '3', properties: [] },
	'Alexa.AutomationManagement': { version: '1.0', properties: ['automationStatuses'] },
	'Alexa.BrightnessController': { version: '3', properties: ['brightness'] },
	'Alexa.CameraStreamController': {
		version: '3',
		requires: ['cameraStreamConfigurations'],
		properties: [],
	},
	'Alexa.ChannelController': { version: '3', properties: ['channel'] },
	'Alexa.ColorController': { version: '3', properties: ['color'] },
	'Alexa.ColorTemperatureController': { version: '3', properties: ['colorTemperatureInKelvin'] },
	'Alexa.ContactSensor': { version: '3', properties: ['detectionState'] },
	'Alexa.Cooking': { version: '3', properties: ['cookingTimeInterval', 'cookingMode', 'foodItem'] },
	'Alexa.Cooking.PresetController': {
		version: '3',
		properties: ['presetName', 'requestedFoodDoneness'],
	},
	'Alexa.Cooking.TimeController': {
		version: '3',
		properties: ['requestedCookTime', 'cookingPowerLevel'],
	},
	'Alexa.CustomIntent': { version: '3', properties: [] },
	'Alexa.DoorbellEventSource': { version: '3', properties: [] },
	'Alexa.EndpointHealth': { version: '3', properties: ['connectivity'] },
	'Alexa.EqualizerController': { version: '3', properties: ['bands', 'mode'] },
	'Alexa.EventDetectionSensor': {
		version: '3',
		properties: [
			'animalPresenceDetectionState',
			'babyCryDetectionState',
			'detectionModes',
			'dogBarkDetectionState',
			'enablementMode',
			'glassBreakDetectionState',
			'humanPresenceDetectionState',
			'smokeSirenDetectionState',
			'vehiclePresenceDetectionState',
		],
	},
	'Alexa.InputController': { version: '3', properties: ['input'] },
	'Alexa.InventoryLevelSensor': {
		version: '3',
		requires: ['instance', 'capabilityResources', 'configuration'],
		properties: ['level'],
	},
	'Alexa.Launcher': { version: '3', properties: ['target'] },
	'Alexa.LockController': { version: '3', properties: ['lockState'] },
	'Alexa.MediaMetadata': { version: '3', properties: [] },
	'Alexa.ModeController': { version: '3', requires: ['instance'], properties: ['mode'] },
	'Alexa.MotionSensor': { version: '3', properties: ['detectionState'] },
	'Alexa.Networking.AccessController': { version: '3', properties: ['networkAccess'] },
	'Alexa.Networking.ConnectedDevice': { version: '3', properties: [] },
	'Alexa.Networking.HomeNetworkController': { version: '3', properties: [] },
	'Alexa.PercentageController': { version: '3', properties: ['percentage'] },
	'Alexa.PlaybackController': { version: '3', properties: [] },
	'Alexa.PowerController': { version: '3', properties: ['powerState'] },
	'Alexa.PowerLevelController': { version: '3', properties: ['powerLevel'] },
	'Alexa.RTCSessionController': { version: '3', properties: [] },
	'Alexa.RangeController': {
		version: '3',
		requires: ['instance', 'capabilityResources', 'configuration'],
		properties: ['rangeValue'],
	},
	'Alexa.RecordController': { version: '3', properties: ['RecordingState'] },
	'Alexa.RemoteVideoPlayer': { version: '3', properties: [] },
	'Alexa.SceneController': { version: '3', properties: [] },
	'Alexa.SecurityPanelController': {
		version: '3',
		properties: ['armState', 'burglaryAlarm', 'carbonMonoxideAlarm', 'fireAlarm', 'waterAlarm'],
	},
	'Alexa.SeekController': { version: '3', properties: [] },
	'Alexa.Speaker': { version: '3', properties: ['muted', 'volume'] },
	'Alexa.StepSpeaker': { version: '3', properties: [] },
	'Alexa.TemperatureSensor': { version: '3', properties: ['temperature'] },
	'Alexa.ThermostatController': {
		version: '3',
		properties: ['lowerSetpoint', 'targetSetpoint', 'thermostatMode', 'upperSetpoint'],
	},
	'Alexa.TimeHoldController': { version: '3', properties: ['holdStartTime', 'holdEndTime'] },
	'Alexa.ToggleController': { version: '3', requires: ['instance'], properties: ['toggleState'] },
	'Alexa.WakeOnLANController': { version: '3', properties: [] },
};

/** `state.properties`: the interfaces whose reported properties must carry an `instance`. */
export const INSTANCE_REQUIRED = [
	'Alexa.ModeController',
	'Alexa.RangeController',
	'Alexa.ToggleController',
] as const;

/** A value's rule: the subset of JSON Schema that `state.properties` uses for these properties. */
export type ValueRule =
	| { type: 'string'; enum?: readonly string[] }
	| { type: 'integer' | 'number'; minimum?: number; maximum?: number }
	| { type: 'boolean' }
	| {
			type: 'object';
			properties: Record<string, ValueRule>;
			required?: readonly string[];
			/** `additionalProperties: false`. */
			closed?: boolean;
			/** At least one of these keys (the schema's `anyOf` of `required`). */
			oneOfKeys?: readonly string[];
	  };

export const TEMPERATURE_SCALES = ['CELSIUS', 'FAHRENHEIT', 'KELVIN'] as const;

const percent: ValueRule = { type: 'integer', minimum: 0, maximum: 100 };
const setpoint: ValueRule = {
	type: 'object',
	properties: {
		value: { type: 'number', minimum: -100, maximum: 100 },
		scale: { type: 'string', enum: TEMPERATURE_SCALES },
	},
	required: ['scale'],
	closed: true,
};
const detection: ValueRule = { type: 'string', enum: ['DETECTED', 'NOT_DETECTED'] };

/**
 * The value rule of each property the node can check, by interface and name. A property of
 * another interface (Cooking, EventDetectionSensor, …: values of deep structure) is refused: the
 * node cannot tell whether Alexa would take it.
 */
export const PROPERTY_VALUES: Record<string, Record<string, ValueRule>> = {
	'Alexa.BrightnessController': { brightness: percent },
	'Alexa.ChannelController': {
		channel: {
			type: 'object',
			properties: {
				number: { type: 'string' },
				callSign: { type: 'string' },
				affiliateCallSign: { type: 'string' },
				uri: { type: 'string' },
			},
			closed: true,
			oneOfKeys: ['number', 'callSign', 'affiliateCallSign', 'uri'],
		},
	},
	'Alexa.ColorController': {
		color: {
			type: 'object',
			properties: {
				hue: { type: 'number', minimum: 0, maximum: 360 },
				saturation: { type: 'number', minimum: 0, maximum: 1 },
				brightness: { type: 'number', minimum: 0, maximum: 1 },
			},
			required: ['brightness', 'hue', 'saturation'],
			closed: true,
		},
	},
	'Alexa.ColorTemperatureController': {
		colorTemperatureInKelvin: { type: 'integer', minimum: 1000, maximum: 10000 },
	},
	'Alexa.ContactSensor': { detectionState: detection },
	'Alexa.EndpointHealth': {
		connectivity: {
			type: 'object',
			properties: { value: { type: 'string', enum: ['OK', 'UNREACHABLE'] } },
		},
	},
	'Alexa.InputController': { input: { type: 'string' } },
	'Alexa.LockController': {
		lockState: { type: 'string', enum: ['LOCKED', 'UNLOCKED', 'JAMMED'] },
	},
	'Alexa.ModeController': { mode: { type: 'string' } },
	'Alexa.MotionSensor': { detectionState: detection },
	'Alexa.PercentageController': { percentage: percent },
	'Alexa.PowerController': { powerState: { type: 'string', enum: ['ON', 'OFF', 'on', 'off'] } },
	'Alexa.PowerLevelController': { powerLevel: percent },
	'Alexa.RangeController': { rangeValue: { type: 'number' } },
	'Alexa.Speaker': { muted: { type: 'boolean' }, volume: percent },
	'Alexa.TemperatureSensor': {
		temperature: {
			type: 'object',
			properties: {
				value: { type: 'number' },
				scale: { type: 'string', enum: TEMPERATURE_SCALES },
			},
			required: ['scale'],
			closed: true,
		},
	},
	'Alexa.ThermostatController': {
		lowerSetpoint: setpoint,
		targetSetpoint: setpoint,
		thermostatMode: { type: 'string', enum: ['AUTO', 'COOL', 'HEAT', 'ECO', 'OFF'] },
		upperSetpoint: setpoint,
	},
	'Alexa.ToggleController': { toggleState: { type: 'string', enum: ['ON', 'OFF'] } },
};

/** `model.StatePropertyBase.TimeOfSample` (and the SceneController `timestamp`): UTC, at most milliseconds. */
export const TIME_OF_SAMPLE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * The `payload.type` enums of the ErrorResponse messages, per namespace. `Alexa.ErrorResponse`
 * requires `message`; the ThermostatController's does not, but the node always sends one.
 */
export const ERROR_TYPES = {
	Alexa: [
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
	],
	'Alexa.ThermostatController': [
		'DUAL_SETPOINTS_UNSUPPORTED',
		'REQUESTED_SETPOINTS_TOO_CLOSE',
		'THERMOSTAT_IS_OFF',
		'TRIPLE_SETPOINTS_UNSUPPORTED',
		'UNSUPPORTED_THERMOSTAT_MODE',
		'UNWILLING_TO_SET_SCHEDULE',
		'UNWILLING_TO_SET_VALUE',
	],
	'Alexa.Authorization': ['ACCEPT_GRANT_FAILED'],
} as const;

/** `NOT_SUPPORTED_IN_CURRENT_MODE`'s required `currentDeviceMode`. */
export const DEVICE_MODES = ['COLOR', 'ASLEEP', 'NOT_PROVISIONED', 'OTHER'] as const;

/** The `cause.type` enum of `Alexa.SceneController` ActivationStarted and DeactivationStarted. */
export const SCENE_CAUSES = [
	'APP_INTERACTION',
	'PHYSICAL_INTERACTION',
	'PERIODIC_POLL',
	'RULE_TRIGGER',
	'VOICE_INTERACTION',
	'INVALID_CREDENTIALS',
	'SUBSCRIPTION_EXPIRED',
	'ALEXA_INTERACTION',
] as const;
