import type { AlexaErrorEntry } from './types';

/** The permission each Device Address operation needs, as its permissions card names it. */
export const ADDRESS_PERMISSIONS = {
	full: 'read::alexa:device:all:address',
	countryAndPostalCode: 'read::alexa:device:all:address:country_and_postal_code',
} as const;

/**
 * What the Device Address API's error answers mean. Its reference, "Device Settings REST API
 * Reference" (https://developer.amazon.com/en-US/docs/alexa/custom-skills/device-settings-api-reference.html),
 * and the ASK SDK's DeviceAddressServiceClient list 200, 204 (no address: an answer), 403 ("the
 * authentication token is invalid or doesn't have access to the resource": a token that is not
 * good, or a permission not granted), 405 and 429; answers carry `{type, message}`. No 401 is
 * listed; one is read as 403 is (docs/alexa-facts.md, "In-session APIs").
 */
export const deviceAddressErrors: AlexaErrorEntry[] = [
	{
		status: 401,
		message: 'Alexa did not accept the API access token',
		action:
			"API Access Token must be the apiAccessToken of a request Alexa sent the skill (the Alexa Trigger's, with Include Access Tokens on), and the user must have granted the address permission.",
	},
	{
		status: 403,
		message: "The user has not given the skill this permission, or the token is not this device's",
		action: `Ask for it: answer the request with Skill Response → Build, Card Type "Ask for Permissions Consent", Permissions ${ADDRESS_PERMISSIONS.full} (Get Address) or ${ADDRESS_PERMISSIONS.countryAndPostalCode} (Get Country and Postal Code); the user grants it in the Alexa app, and it must be on in the developer console (Build → Permissions). Also check that Device ID is the deviceId of the same request as the token.`,
	},
	{
		status: 405,
		message: 'Alexa does not support this method here',
		action:
			'The Device Address API answers GET only. Report this to the package: the node sends GET.',
	},
	{
		status: 429,
		message: 'Alexa is throttling address requests for this skill',
		action: 'Read the address once per request and keep it in the workflow.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action: 'Alexa could not read the address. Try again later.',
	},
];
