import { alexaRequestRead } from '../../shared/inSession/readOperation';

/**
 * Device Settings → Get Time Zone: `GET /v2/devices/{deviceId}/settings/System.timeZone`, the
 * device's time zone as an IANA name such as "America/Los_Angeles" ("Obtain Customer Settings
 * Information with the Alexa Settings API"). No permission needed. Reminders at a time of day
 * need it.
 */
export const operation = alexaRequestRead({
	basics: {
		value: 'getTimeZone',
		name: 'Get Time Zone',
		action: "Get the device's time zone",
		description: "The time zone set on the user's device, such as America/Los_Angeles",
	},
	api: 'deviceSettings',
	path: '/v2/devices/{deviceId}/settings/System.timeZone',
	outputField: 'timeZone',
	noValueHint: 'The user has not set a time zone on this device.',
});
