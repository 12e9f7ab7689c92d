import { alexaRequestRead } from '../../shared/inSession/readOperation';

/**
 * Device Settings → Get Temperature Unit: `GET /v2/devices/{deviceId}/settings/System.temperatureUnit`,
 * CELSIUS or FAHRENHEIT (Alexa Settings API; the ASK SDK's `services.ups.TemperatureUnit`).
 */
export const operation = alexaRequestRead({
	basics: {
		value: 'getTemperatureUnit',
		name: 'Get Temperature Unit',
		action: "Get the device's temperature unit",
		description: "CELSIUS or FAHRENHEIT, as set on the user's device",
	},
	api: 'deviceSettings',
	path: '/v2/devices/{deviceId}/settings/System.temperatureUnit',
	outputField: 'temperatureUnit',
	noValueHint:
		'The user has not set a temperature unit on this device (the Alexa Simulator never has one).',
});
