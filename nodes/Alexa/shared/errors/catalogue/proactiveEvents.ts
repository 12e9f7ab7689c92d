import type { AlexaErrorEntry } from './types';

/**
 * What the Proactive Events API's answers mean and what the user should do next. From Amazon's
 * "Proactive Events REST API Reference"
 * (https://developer.amazon.com/docs/alexa/smapi/proactive-events-api-reference.html): its
 * statuses (202, 400, 403, 409, 429, 500, and 432 for a live skill over its notification
 * limits), in the words the ASK SDK's ProactiveEventsServiceClient carries for each. Amazon
 * documents no error code field; where an answer has `{code, message}` the node shows them.
 */
export const proactiveEventsErrors: AlexaErrorEntry[] = [
	{
		status: 400,
		message: 'Alexa rejected the notification as invalid',
		action:
			"A required field is missing or badly formatted (the event's payload against its schema, localizedAttributes, timestamps, relevantAudience), or the same event was already created by an earlier request. Check the item's fields; if it was sent before with this Reference ID, there is nothing to do.",
	},
	{
		status: 401,
		message: 'Alexa did not accept the Proactive Events token',
		action:
			"The token was missing, expired or invalid (after one fresh try). Check that the credential holds the Client ID and Secret of your skill's Build → Permissions page, and that its Region is the skill's region.",
	},
	{
		status: 403,
		message: 'Alexa refused the notification with this token',
		action:
			"The token is invalid or may not send notifications for this skill (after one fresh try). Use the Client ID and Secret of this skill's Permissions page, with the Alexa Notifications permission (alexa::devices:all:notifications:write) in the skill manifest; check the credential's Region. For Unicast, the user may not have allowed notifications for the skill.",
	},
	{
		status: 409,
		message: 'Alexa already has a notification with this Reference ID for this user',
		action:
			'Each user gets one notification per Reference ID. Leave Reference ID empty for a new UUID per item, or give each new event its own ID; an event sent again with its old ID is not shown twice.',
	},
	{
		status: 429,
		message: 'Alexa is throttling notifications for this skill',
		action:
			'The skill made more calls than its limit allows. The node resends throttled notifications with exponential back-off, up to Max Retries times; send fewer per run or space the runs out.',
	},
	{
		status: 432,
		message: 'The live skill is over its notification limits',
		action:
			'Amazon limits how many notifications a live skill may send; this one is not resent. Send fewer notifications (for example, only the events users care most about), or wait until the limit period has passed. The development stage has no such limits.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action:
			'The Proactive Events service failed on a valid request. The node resends with exponential back-off up to Max Retries times (the same Reference ID, so a user is not notified twice); try again later and give Amazon the request ID if it persists.',
	},
];
