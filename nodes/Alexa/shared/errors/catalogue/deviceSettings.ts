import type { AlexaErrorEntry } from './types';

/**
 * What the Alexa Settings API's error answers mean (time zone, distance units, temperature unit of
 * the user's device). Its reference, "Obtain Customer Settings Information with the Alexa Settings
 * API" (https://developer.amazon.com/en-US/docs/alexa/smapi/alexa-settings-api-reference.html),
 * and the ASK SDK's UpsServiceClient list 200, 204 (no value set: an answer, not an error), 401,
 * 403, 429 and "an unexpected error"; answers carry `{code, message}` with the codes INVALID_KEY,
 * INVALID_VALUE, INVALID_TOKEN, INVALID_URI, DEVICE_UNREACHABLE and UNKNOWN_ERROR. The settings
 * need no permission (docs/alexa-facts.md, "In-session APIs").
 */
export const deviceSettingsErrors: AlexaErrorEntry[] = [
	{
		status: 401,
		message: 'Alexa did not accept the API access token',
		action:
			"API Access Token must be the apiAccessToken of a request Alexa sent the skill (the Alexa Trigger's, with Include Access Tokens on). It lasts a short time and the node cannot refresh it: read the settings while the workflow answers that request.",
	},
	{
		status: 403,
		message: "The token does not give access to this device's settings",
		action:
			"Device ID must be the deviceId of the same request as the token (the Alexa Trigger's deviceId). A request with no device, such as a skill message (Messaging.MessageReceived), cannot read a device's settings.",
	},
	{
		status: 403,
		code: 'DEVICE_UNREACHABLE',
		message: 'The device is offline',
		action:
			'Alexa could not reach the device. Try again later, or use a default such as the time zone of your users.',
	},
	{
		status: 429,
		message: 'Alexa is throttling settings requests for this skill',
		action:
			'Read the settings once per request and keep them in the workflow, rather than once per step.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action: 'Alexa could not read the setting. Try again later, or use a default.',
	},
];
