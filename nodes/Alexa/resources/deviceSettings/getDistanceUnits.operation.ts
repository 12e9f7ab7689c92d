import { alexaRequestRead } from '../../shared/inSession/readOperation';

/**
 * Device Settings → Get Distance Units: `GET /v2/devices/{deviceId}/settings/System.distanceUnits`,
 * METRIC or IMPERIAL (Alexa Settings API; the ASK SDK's `services.ups.DistanceUnits`).
 */
export const operation = alexaRequestRead({
	basics: {
		value: 'getDistanceUnits',
		name: 'Get Distance Units',
		action: "Get the device's distance units",
		description: "METRIC or IMPERIAL, as set on the user's device",
	},
	api: 'deviceSettings',
	path: '/v2/devices/{deviceId}/settings/System.distanceUnits',
	outputField: 'distanceUnits',
	noValueHint:
		'The user has not set distance units on this device (the Alexa Simulator never has them).',
});
