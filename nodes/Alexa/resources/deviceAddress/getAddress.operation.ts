import { alexaRequestRead } from '../../shared/inSession/readOperation';

/**
 * Device Address → Get Address: `GET /v1/devices/{deviceId}/settings/address`, the fields of the
 * ASK SDK's `services.deviceAddress.Address` (addressLine1–3, city, stateOrRegion,
 * districtOrCounty, countryCode, postalCode), with read::alexa:device:all:address.
 */
export const operation = alexaRequestRead({
	basics: {
		value: 'getAddress',
		name: 'Get Address',
		action: "Get the device's address",
		description:
			"The full address set for the user's device (needs the user's permission read::alexa:device:all:address)",
	},
	api: 'deviceAddress',
	path: '/v1/devices/{deviceId}/settings/address',
	outputField: 'address',
	noValueHint: 'The user has not set an address for this device in the Alexa app.',
});
