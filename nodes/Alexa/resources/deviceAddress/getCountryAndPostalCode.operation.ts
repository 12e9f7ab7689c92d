import { alexaRequestRead } from '../../shared/inSession/readOperation';

/**
 * Device Address → Get Country and Postal Code: `GET /v1/devices/{deviceId}/settings/address/countryAndPostalCode`,
 * `{countryCode, postalCode}`, with read::alexa:device:all:address:country_and_postal_code.
 */
export const operation = alexaRequestRead({
	basics: {
		value: 'getCountryAndPostalCode',
		name: 'Get Country and Postal Code',
		action: "Get the device's country and postal code",
		description:
			"The country and postal code set for the user's device (needs the user's permission read::alexa:device:all:address:country_and_postal_code)",
	},
	api: 'deviceAddress',
	path: '/v1/devices/{deviceId}/settings/address/countryAndPostalCode',
	outputField: 'address',
	noValueHint: 'The user has not set an address for this device in the Alexa app.',
});
