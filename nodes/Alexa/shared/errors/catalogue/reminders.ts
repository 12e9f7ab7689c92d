import type { AlexaErrorEntry } from './types';

/** The permission the user grants a skill for reminders, as a permissions card names it. */
export const REMINDERS_PERMISSION = 'alexa::alerts:reminders:skill:readwrite';

/** Why Create Reminder was not sent again after an answer that may have been lost (delivery/retry.ts). */
export const REMINDER_NOT_CREATED_TWICE =
	'The reminder was not sent again: Alexa may have created it before its answer was lost, and a second Create would give the user two reminders. Check with Reminder → Get Many before creating it again.';

const ASK_FOR_PERMISSION = `Ask the user for it: answer the request with Skill Response → Build, Card Type "Ask for Permissions Consent", Permissions ${REMINDERS_PERMISSION}; the user grants it in the Alexa app (Amazon also asks for the user's consent to each reminder, by voice). The permission must be on in the developer console (Build → Permissions → Reminders).`;

/**
 * What the Reminders API's error answers mean and what to do. From the "Alexa Reminders API
 * Reference" (https://developer.amazon.com/en-US/docs/alexa/smapi/alexa-reminders-api-reference.html)
 * and the ASK SDK's ReminderManagementServiceClient: create 400 / 403 / 429 / 500 / 503 / 504; get,
 * get all and delete 401 ("If customer does not have permission to create a reminder") / 429 /
 * 500; update 400 / 404 / 409 / 429 / 500. Answers carry `{code, message}`. MAX_REMINDERS_EXCEEDED
 * (403) is from Amazon's older error table as quoted in jovo-framework PR #336;
 * DEVICE_NOT_SUPPORTED and ALERT_NOT_FOUND from jovo-framework's reminder client; 403 as "this
 * device does not support reminders" from Amazon's reminders sample in alexa-cookbook
 * (docs/alexa-facts.md, "Reminders").
 */
export const remindersErrors: AlexaErrorEntry[] = [
	{
		status: 400,
		message: 'Alexa refused the reminder as not valid',
		action:
			'Check Date and Time (a local time such as 2026-12-24T18:00:00, in the future), Time Zone (an IANA name), the recurrence rules, and that every locale has a Text.',
	},
	{
		status: 400,
		code: 'INVALID_ALERT_INFO',
		message: "Alexa refused the reminder's text",
		action:
			"Every locale needs a Text; Spoken SSML alone is refused. Check that Locale is one of the skill's locales.",
	},
	{
		status: 401,
		message: 'The user has not given the skill permission for reminders, or the token is not good',
		action: `${ASK_FOR_PERMISSION} If the permission is granted, API Access Token must be the apiAccessToken of a request Alexa sent the skill (the Alexa Trigger's, with Include Access Tokens on); the node cannot refresh it.`,
	},
	{
		status: 403,
		message: 'Alexa refused to create the reminder',
		action:
			"The device may not support reminders, the user may have as many reminders from the skill as Alexa allows, or the token is a skill message's (Amazon creates reminders only with the token of a request from the user in the skill). Tell the user by voice instead.",
	},
	{
		status: 403,
		code: 'MAX_REMINDERS_EXCEEDED',
		message: 'The user has as many reminders from this skill as Alexa allows',
		action:
			'Delete reminders the user no longer needs (Reminder → Get Many, then Delete) before creating another.',
	},
	{
		status: 403,
		code: 'DEVICE_NOT_SUPPORTED',
		message: 'This device does not support reminders',
		action: 'Tell the user by voice, or send a notification (Notification → Send) instead.',
	},
	{
		status: 404,
		message: 'Alexa has no reminder with this alert token',
		action:
			'The reminder was deleted, went off more than three days ago (Alexa then deletes it), or was created by another skill or for another user. Create a new one.',
	},
	{
		status: 409,
		message: 'Alexa did not let the skill update this reminder',
		action: `Amazon lists this answer to Update as "Request is not authorized": update the reminder with the token of a request from the user in the skill, and check the permission. ${ASK_FOR_PERMISSION}`,
	},
	{
		status: 429,
		message: 'Alexa is throttling reminder requests for this skill',
		action: 'Send fewer reminder requests: one per user request is enough.',
	},
	{
		status: 500,
		message: 'Alexa had an internal error',
		action:
			'Alexa could not handle the reminder. Check with Get Many whether it exists before trying again.',
	},
	{
		status: 503,
		message: 'The Reminders service is unavailable',
		action: 'Try again later; check with Get Many whether the reminder exists first.',
	},
	{
		status: 504,
		message: 'The Reminders service timed out',
		action:
			'Alexa may or may not have created the reminder: check with Get Many before trying again.',
	},
];
