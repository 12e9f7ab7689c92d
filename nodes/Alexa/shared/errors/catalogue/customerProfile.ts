import type { AlexaErrorEntry } from './types';

/** The permission each Customer Profile operation needs, as its permissions card names it. */
export const PROFILE_PERMISSIONS = {
	name: 'alexa::profile:name:read',
	givenName: 'alexa::profile:given_name:read',
	email: 'alexa::profile:email:read',
	mobileNumber: 'alexa::profile:mobile_number:read',
} as const;

/**
 * What the Customer Profile API's error answers mean. Its reference
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/customer-profile-api-reference.html)
 * and the ASK SDK's UpsServiceClient list 200, 204 (the user has no such value: an answer), 401,
 * 403 ("does not have access to resource": the user has not granted the permission) and 429;
 * answers carry `{code, message}`. Amazon's samples answer a 403 with an AskForPermissionsConsent
 * card (docs/alexa-facts.md, "In-session APIs").
 */
export const customerProfileErrors: AlexaErrorEntry[] = [
	{
		status: 401,
		message: 'Alexa did not accept the API access token',
		action:
			"API Access Token must be the apiAccessToken of a request Alexa sent the skill (the Alexa Trigger's, with Include Access Tokens on). It lasts a short time and the node cannot refresh it.",
	},
	{
		status: 403,
		message: 'The user has not given the skill this permission',
		action: `Ask for it: answer the request with Skill Response → Build, Card Type "Ask for Permissions Consent", Permissions ${PROFILE_PERMISSIONS.name} (Get Name), ${PROFILE_PERMISSIONS.givenName} (Get Given Name), ${PROFILE_PERMISSIONS.email} (Get Email) or ${PROFILE_PERMISSIONS.mobileNumber} (Get Mobile Number); the user grants it in the Alexa app. The permission must also be on in the developer console (Build → Permissions).`,
	},
	{
		status: 429,
		message: 'Alexa is throttling profile requests for this skill',
		action: 'Read the profile once per request and keep it in the workflow.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action: 'Alexa could not read the profile. Try again later.',
	},
];
