import type { AlexaErrorEntry } from './types';

/**
 * What the Progressive Response API's error answers mean and what the user should do next. From
 * Amazon's "Progressive Response REST API Reference" and "Send the User a Progressive Response":
 * 400 "Directive not valid", 401 "Not Authorized", 403 "The skill is not allowed to send
 * directives at the moment" (the ASK SDK's DirectiveServiceClient's words for it too). Answers
 * carry `{message}`. Amazon documents no 429 or 5xx for this API: their entries are Alexa's usual
 * ones (docs/alexa-facts.md, "Progressive responses").
 */
export const progressiveResponseErrors: AlexaErrorEntry[] = [
	{
		status: 400,
		message: 'Alexa refused the progressive response as not valid',
		action:
			'Check that Request ID is the requestId of the request Alexa sent the skill, and that Speech is SSML Alexa can say (an <audio> source must be a short HTTPS MP3 Alexa can reach).',
	},
	{
		status: 401,
		message: 'Alexa did not accept the API access token',
		action:
			"API Access Token must be the apiAccessToken of the request Alexa sent the skill (the Alexa Trigger's item with Include Access Tokens on), used while Alexa waits for that request's answer. The node never refreshes it.",
	},
	{
		status: 403,
		message: 'Alexa does not take a progressive response for this request now',
		action:
			'Alexa plays a progressive response only for a LaunchRequest or IntentRequest it is still waiting for: send it before the workflow answers Alexa and within its 8 seconds, and check that Request ID belongs to the same request as the token.',
	},
	{
		status: 429,
		message: 'Alexa is throttling progressive responses for this skill',
		action: 'Send fewer progressive responses: one for each request that needs a wait is enough.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action:
			'Alexa could not take the progressive response. The user still hears the full answer if the workflow sends it in time.',
	},
];
