import type { AlexaErrorEntry } from './types';

/**
 * What Skill Enablement's error answers mean and what the user should do next. From Amazon's
 * Skill Enablement API reference: the statuses of every operation, errors as `{message, code}`
 * (the only code it documents is `incorrectEndpoint`).
 */
export const skillEnablementErrors: AlexaErrorEntry[] = [
	{
		status: 400,
		code: 'incorrectEndpoint',
		message: "This customer's account is served by another Alexa endpoint",
		action:
			"Set the operation's Endpoint to \"Discover Automatically\", or set the credential's Region to the customer's region.",
	},
	{
		status: 400,
		message: 'Alexa rejected the enablement request as invalid',
		action:
			'Check the skill ID, the stage and, for account linking, the redirect URI and the auth code.',
	},
	{
		status: 201,
		code: 'ENABLING_FAILED',
		message: 'Alexa could not enable the skill and link the account',
		action:
			"Alexa answered status ENABLING_FAILED: the customer initiated an enablement, but a background process failed and isn't recoverable. Ask the customer to link their account again, then send Enable Skill and Link Account with the new auth code.",
	},
	{
		status: 401,
		message: 'Alexa did not accept the access token',
		action:
			"The token was missing, expired or invalid. For developer operations use your own LWA refresh token; for customer operations the customer's token from the alexa::skills:account_linking scope.",
	},
	{
		status: 403,
		message: 'The token may not do this',
		action:
			"The token is valid but not for this skill or operation: developer operations need the skill owner's token, customer operations a token of that customer for this skill.",
	},
	{
		status: 404,
		message: 'Alexa found no such skill, stage or enablement',
		action:
			'Check the skill ID (amzn1.ask.skill.…) and the stage; a skill that is not published has only the development stage.',
	},
	{
		status: 429,
		message: 'Alexa is throttling Skill Enablement requests',
		action:
			'Run fewer requests at once, then try again. The node resends throttled requests with exponential back-off, up to Max Retries times.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action:
			'Try again later. The node resends such requests with exponential back-off, up to Max Retries times.',
	},
	{
		status: 503,
		message: 'Skill Enablement is unavailable',
		action: 'Alexa is down for maintenance or overloaded. Try again later.',
	},
];
