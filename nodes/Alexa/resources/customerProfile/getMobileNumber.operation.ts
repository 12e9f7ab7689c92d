import { alexaRequestRead } from '../../shared/inSession/readOperation';

/**
 * Customer Profile → Get Mobile Number: `GET /v2/accounts/~current/settings/Profile.mobileNumber`
 * (alexa::profile:mobile_number:read), answered as `{countryCode, phoneNumber}` (the ASK SDK's
 * `services.ups.PhoneNumber`).
 */
export const operation = alexaRequestRead({
	basics: {
		value: 'getMobileNumber',
		name: 'Get Mobile Number',
		action: "Get the user's mobile number",
		description:
			"The country code and phone number on the account (needs the user's permission alexa::profile:mobile_number:read)",
	},
	api: 'customerProfile',
	path: '/v2/accounts/~current/settings/Profile.mobileNumber',
	outputField: 'mobileNumber',
	noValueHint: 'The account has no mobile number Alexa can give.',
});
