import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { withPath, type ItemPlan } from '../../shared/delivery/plan';

import {
	alexaRequestOf,
	isOutOfSessionRequest,
	type AlexaRequest,
} from '../../shared/input/alexaRequest';
import { InputProblem, requireNonEmptyString } from '../../shared/input/validate';
import { reminderBody } from './reminderRequest';

/**
 * What reminders may be done with which token. The current "Alexa Reminders API Reference"
 * (https://developer.amazon.com/en-US/docs/alexa/smapi/alexa-reminders-api-reference.html): "You
 * can use an out-of-session access token to edit or delete a reminder, but you can only create
 * and update a reminder from your skill", and for Create: "Don't use an out-of-session token".
 * Older pages let Update use one too; the package follows the current page (issue 25): Create and
 * Update need the token of a request from a user in the skill (LaunchRequest, IntentRequest…);
 * Get, Get Many and Delete take a skill message's token as well (docs/alexa-facts.md, "Reminders").
 */
export function reminderRequest(
	context: IExecuteSingleFunctions,
	operation: 'Create' | 'Update' | 'Get' | 'Get Many' | 'Delete',
): AlexaRequest {
	const alexaRequest = alexaRequestOf(context, 'reminders');
	if (
		(operation === 'Create' || operation === 'Update') &&
		isOutOfSessionRequest(alexaRequest.requestType)
	) {
		throw new InputProblem(
			'API Access Token',
			`is the token of a ${alexaRequest.requestType} request, which Amazon's Reminders API does not take to ${operation.toLowerCase()} a reminder`,
			`Amazon allows creating and updating a reminder only while the user talks to the skill (a LaunchRequest or IntentRequest); a skill message's token may get, list and delete reminders. ${operation} the reminder the next time the user opens the skill, or tell the user with a notification (Notification → Send). Nothing was sent.`,
		);
	}
	return alexaRequest;
}

export const alertTokenField: INodeProperties = {
	displayName: 'Alert Token',
	// Not `alertToken`: n8n's lint takes a field named …token for a secret to hide, and this is an ID.
	name: 'reminderId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'd2a3f7b0-8c5e-4e71-9d4a-1f0c6b2e7a55',
	description:
		"The reminder's ID, which Alexa calls alertToken: Create gives it, Get Many lists it",
};

export function requireAlertToken(context: IExecuteSingleFunctions): string {
	const token = requireNonEmptyString(
		'Alert Token',
		context.getNodeParameter('reminderId', ''),
		'Map Alert Token to the alertToken that Create gave for the reminder (keep it, for example in a Data Table), or find it with Get Many.',
	);
	if (token.length > 1024 || /[\s/?#]/.test(token)) {
		throw new InputProblem(
			'Alert Token',
			'is not an alertToken (it has a space, "/", "?" or "#" in it, or is over 1,024 characters)',
			"Map Alert Token to the reminder's alertToken as Create or Get Many gave it.",
		);
	}
	return token;
}

type ReminderOperation = Parameters<typeof reminderRequest>[1];

/**
 * The plan of every Reminder operation: the alert token in the path where the operation names one
 * reminder, the ReminderRequest body for Create and Update, on the request's own host with its
 * token. `requestKind` names a Create for the policy's `singleUse` (never sent twice).
 */
export function reminderPlan(
	context: IExecuteSingleFunctions,
	request: IHttpRequestOptions,
	operation: ReminderOperation,
): ItemPlan {
	const oneReminder = request.url.includes('{alertToken}');
	const alertToken = oneReminder ? requireAlertToken(context) : undefined;
	const alexaRequest = reminderRequest(context, operation);
	if (alertToken !== undefined) withPath(request, { alertToken });
	const body =
		operation === 'Create' || operation === 'Update' ? reminderBody(context, alexaRequest) : {};
	if (operation === 'Create' || operation === 'Update') request.body = body;
	return {
		request,
		messages: [{ body, output: {} }],
		host: { kind: 'item', host: alexaRequest.host },
		accessToken: alexaRequest.accessToken,
		...(operation === 'Create' ? { requestKind: 'createReminder' } : {}),
	};
}
