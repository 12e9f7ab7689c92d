import type { AlexaErrorEntry } from './types';

/**
 * What Skill Messaging's error answers mean and what the user should do next. From Amazon's
 * Skill Messaging API reference and "Send a Message Request to a Skill": the statuses and what each means. Alexa's answers carry `{code, message}` where it sends a body.
 */
export const skillMessagingErrors: AlexaErrorEntry[] = [
	{
		status: 400,
		message: 'Alexa rejected the skill message as invalid',
		action:
			'A field of the message is missing or not valid. Message Data must be an object of string keys and string values, and Expires After Seconds a whole number from 60 to 86400.',
	},
	{
		status: 401,
		message: 'Alexa did not accept the Skill Messaging token',
		action:
			"The token was missing, expired or invalid. Check that the credential holds the Client ID and Secret from your skill's Build → Permissions → Alexa Skill Messaging page, and that its Region is the skill's region.",
	},
	{
		status: 403,
		message: 'Alexa refused to deliver with this token',
		action:
			"The token is not allowed to message this skill (Alexa also answers 403 for an expired token). Check that the Client ID and Secret belong to this skill's Alexa Skill Messaging permission, and that the credential's Region is the skill's region.",
	},
	{
		status: 404,
		message: 'Alexa does not know this user ID',
		action:
			'The userId is not a user of this skill. A user who disables and re-enables the skill gets a new userId: store the new one the next time the user opens the skill, and stop sending to the old one.',
	},
	{
		status: 429,
		message: 'Alexa is throttling messages for this skill',
		action:
			'The skill has sent more messages than its rate allows. Lower the number of items per run or space the runs out, then send the failed items again.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action:
			'Alexa could not take the message. Send it again later; if this persists, contact Amazon developer support with the request ID.',
	},
];
