import type { AlexaErrorEntry } from './types';

/**
 * What the Event Gateway's error answers mean and what the user should do next. From Amazon's
 * "Send Events to the Alexa Event Gateway", error responses: each status with its `payload.code`.
 */
export const eventGatewayErrors: AlexaErrorEntry[] = [
	{
		status: 400,
		code: 'INVALID_REQUEST_EXCEPTION',
		message: 'Alexa rejected the event as invalid',
		action:
			"The message is missing fields, has wrong values or is not valid JSON. Check the fields of this item against the event's documentation.",
	},
	{
		// Amazon lists this code under 401, but its own example answers HTTP 400 with it ("Send
		// Events to the Event Gateway", error responses): the code decides, whatever the status.
		status: 401,
		code: 'INVALID_ACCESS_TOKEN_EXCEPTION',
		message: "Alexa did not accept the customer's access token",
		action:
			'The token is missing, invalid, expired or revoked. Refresh it with Authorization → Refresh Access Token. If the customer disabled your skill, it is revoked: stop sending events for this customer.',
	},
	{
		status: 403,
		code: 'SKILL_NEVER_ENABLED_EXCEPTION',
		message: 'This customer never enabled the skill in this region',
		action:
			"Events go to the regional gateway where the customer enabled the skill. Set the credential's Region to the customer's region (for example Europe for UK customers).",
	},
	{
		status: 403,
		code: 'INSUFFICIENT_PERMISSION_EXCEPTION',
		message: 'The skill may not send Alexa events',
		action:
			'In the Alexa developer console open the skill\'s Build → Permissions page and enable "Send Alexa Events"; then the customer must re-link for a token with that permission.',
	},
	{
		status: 403,
		code: 'SKILL_DISABLED_EXCEPTION',
		message: 'The customer disabled the skill',
		action:
			"Stop sending events for this customer. If they still use the skill, check that the credential's Region is theirs.",
	},
	{
		status: 403,
		message: 'Alexa refused the event',
		action:
			"Most often the event went to the wrong regional gateway: set the credential's Region to the customer's region.",
	},
	{
		status: 404,
		code: 'ACCOUNT_NOT_FOUND_EXCEPTION',
		message: 'Alexa has no account record for this customer',
		action:
			"The account record of the customer this token identifies is gone or expired, or the event came too late. Check that the access token is this customer's, obtained from the AcceptGrant code of their current account link (Amazon: verify the directed identifier and the authorization code). If they unlinked the skill, they must link it again, which sends a new AcceptGrant.",
	},
	{
		status: 404,
		code: 'SKILL_NOT_FOUND_EXCEPTION',
		message: 'Alexa cannot find the skill this token belongs to',
		action:
			'The token was issued while the skill was at another stage (for example certification). The customer must disable and re-enable the skill to get a token for the current stage.',
	},
	{
		status: 413,
		code: 'REQUEST_ENTITY_TOO_LARGE_EXCEPTION',
		message: 'The event is too large',
		action: 'Send at most 300 endpoints per message, and less than 256 KB in all.',
	},
	{
		status: 429,
		code: 'THROTTLING_EXCEPTION',
		message: 'Alexa is throttling events',
		action:
			'Alexa asks for the same message to be resent at most three times, at least one second apart, which the node does up to Max Retries times. Send fewer events per run, or space the runs out.',
	},
	{
		status: 500,
		code: 'INTERNAL_SERVICE_EXCEPTION',
		message: 'Alexa had an internal error',
		action:
			'Alexa asks for the same message to be resent at most three times, at least one second apart, which the node does up to Max Retries times. Try again later; if it persists, contact Amazon developer support.',
	},
	{
		status: 503,
		code: 'SERVICE_UNAVAILABLE_EXCEPTION',
		message: 'Alexa could not accept the event',
		action:
			'Alexa asks for the same message to be resent at most three times, at least one second apart, which the node does up to Max Retries times. Try again later; if it persists, contact Amazon developer support.',
	},
];
