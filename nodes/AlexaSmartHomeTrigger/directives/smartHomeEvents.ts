/**
 * The directives Alexa sends a smart home skill, grouped as the trigger's Events choice offers
 * them (data): one entry per interface that has directives, from Amazon's "List of Alexa
 * Interfaces" and "Smart Home Skill APIs" pages and each interface's page
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/list-of-interfaces.html,
 * https://developer.amazon.com/en-US/docs/alexa/device-apis/smart-home-general-apis.html).
 * Interfaces with no directive of their own (ContactSensor, MotionSensor, TemperatureSensor,
 * EndpointHealth, DoorbellEventSource) reach a skill only as ReportState.
 */
export interface SmartHomeEvent {
	value: string;
	name: string;
	description: string;
	/** The directive's header.namespace; absent for Report State (namespace Alexa) and Other. */
	namespace?: string;
}

export const SMART_HOME_EVENTS: readonly SmartHomeEvent[] = [
	{
		value: 'discovery',
		name: 'Discovery',
		namespace: 'Alexa.Discovery',
		description:
			'Alexa asks which devices the account has: answer with Smart Home Response → Answer Discovery',
	},
	{
		value: 'acceptGrant',
		name: 'Accept Grant',
		namespace: 'Alexa.Authorization',
		description: "A customer linked the skill: exchange the grant code for the customer's tokens",
	},
	{
		value: 'reportState',
		name: 'Report State',
		description:
			"Alexa asks for a device's current state (the Alexa app opened it, or a user asked)",
	},
	...controllers([
		['Power Controller', 'Alexa.PowerController', 'Turn on, turn off'],
		['Brightness Controller', 'Alexa.BrightnessController', 'Set or adjust brightness'],
		['Percentage Controller', 'Alexa.PercentageController', 'Set or adjust a percentage'],
		['Power Level Controller', 'Alexa.PowerLevelController', 'Set or adjust a power level'],
		['Color Controller', 'Alexa.ColorController', 'Set a color (hue, saturation, brightness)'],
		[
			'Color Temperature Controller',
			'Alexa.ColorTemperatureController',
			'Set, increase or decrease the white temperature',
		],
		[
			'Thermostat Controller',
			'Alexa.ThermostatController',
			'Set or adjust the target temperature, set the mode',
		],
		['Lock Controller', 'Alexa.LockController', 'Lock, unlock'],
		[
			'Range Controller',
			'Alexa.RangeController',
			'Set or adjust a named range (fan speed, blind position…)',
		],
		['Mode Controller', 'Alexa.ModeController', 'Set or adjust a named mode (wash cycle…)'],
		['Toggle Controller', 'Alexa.ToggleController', 'Turn a named part on or off (oscillation…)'],
		['Scene Controller', 'Alexa.SceneController', 'Activate or deactivate a scene'],
		['Speaker', 'Alexa.Speaker', 'Set or adjust the volume, mute'],
		['Step Speaker', 'Alexa.StepSpeaker', 'Volume up or down in steps, mute'],
		['Channel Controller', 'Alexa.ChannelController', 'Change or skip channels'],
		['Input Controller', 'Alexa.InputController', 'Select an input (HDMI 1…)'],
		['Playback Controller', 'Alexa.PlaybackController', 'Play, pause, stop, next, previous…'],
		[
			'Equalizer Controller',
			'Alexa.EqualizerController',
			'Set or adjust bands, set the sound mode',
		],
		['Security Panel Controller', 'Alexa.SecurityPanelController', 'Arm, disarm'],
		['Camera Stream Controller', 'Alexa.CameraStreamController', 'Start camera streams'],
		['Launcher', 'Alexa.Launcher', 'Launch an app or a shortcut'],
		['Keypad Controller', 'Alexa.KeypadController', 'Send a key (up, down, select…)'],
		['Record Controller', 'Alexa.RecordController', 'Start or stop recording'],
		['Seek Controller', 'Alexa.SeekController', 'Seek forward or back'],
		['Time Hold Controller', 'Alexa.TimeHoldController', 'Hold, resume (a microwave…)'],
		['Cooking', 'Alexa.Cooking', 'Set a cooking mode'],
	]),
	{
		value: 'other',
		name: 'Other',
		description: 'Any other directive (an interface not listed here)',
	},
];

/** 'Alexa.PowerController' → 'powerController'. */
function controllers(entries: Array<[string, string, string]>): SmartHomeEvent[] {
	return entries.map(([name, namespace, description]) => {
		const short = namespace.slice('Alexa.'.length);
		return { value: short.charAt(0).toLowerCase() + short.slice(1), name, namespace, description };
	});
}

const EVENT_BY_NAMESPACE = new Map(
	SMART_HOME_EVENTS.filter((event) => event.namespace).map((event) => [
		event.namespace!,
		event.value,
	]),
);

/** The Events option a directive belongs to. */
export function eventOf(namespace: string, name: string): string {
	if (namespace === 'Alexa' && name === 'ReportState') return 'reportState';
	return EVENT_BY_NAMESPACE.get(namespace) ?? 'other';
}

/**
 * What a directive asks for, as item fields a user can map without reading its payload. Every
 * top-level payload field becomes an item field of the same name anyway (SetBrightness's
 * `brightness`, SetMode's `mode`, SelectInput's `input`…); this table adds (`set`) the state a
 * directive with an empty payload names, and takes (`from`: item field ← payload path) a value
 * that the payload nests or names misleadingly: the Speaker's AdjustVolume sends the change as
 * `volume`, SetThermostatMode the mode as `thermostatMode.value`. A payload field read by `from`
 * is not copied under its own name. Payloads from Amazon's interface pages
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-powercontroller.html and the
 * pages of the same name for the others).
 */
export const DIRECTIVE_TARGETS: Readonly<
	Record<string, { set?: Record<string, string>; from?: Record<string, string> }>
> = {
	'Alexa.PowerController.TurnOn': { set: { powerState: 'ON' } },
	'Alexa.PowerController.TurnOff': { set: { powerState: 'OFF' } },
	'Alexa.ToggleController.TurnOn': { set: { toggleState: 'ON' } },
	'Alexa.ToggleController.TurnOff': { set: { toggleState: 'OFF' } },
	'Alexa.LockController.Lock': { set: { lockState: 'LOCKED' } },
	'Alexa.LockController.Unlock': { set: { lockState: 'UNLOCKED' } },
	'Alexa.ColorTemperatureController.IncreaseColorTemperature': {
		set: { colorTemperatureChange: 'INCREASE' },
	},
	'Alexa.ColorTemperatureController.DecreaseColorTemperature': {
		set: { colorTemperatureChange: 'DECREASE' },
	},
	'Alexa.SceneController.Activate': { set: { sceneAction: 'ACTIVATE' } },
	'Alexa.SceneController.Deactivate': { set: { sceneAction: 'DEACTIVATE' } },
	'Alexa.Speaker.AdjustVolume': { from: { volumeDelta: 'volume' } },
	'Alexa.ThermostatController.SetThermostatMode': {
		from: { thermostatMode: 'thermostatMode.value' },
	},
};
