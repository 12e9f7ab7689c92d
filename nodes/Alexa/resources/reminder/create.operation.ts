import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import type { ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { alexaRequestFields } from '../../shared/input/alexaRequest';
import { reportReminder } from './output';
import { reminderFields } from './fields';
import { reminderPlan } from './sendWith';

/**
 * Reminder → Create: `POST /v1/alerts/reminders` with a ReminderRequest, on the host and with the
 * token of the request Alexa sent the skill ("Alexa Reminders API Reference"). Alexa answers the
 * reminder's alertToken, kept to get, update or delete it later. Never sent twice: a second POST
 * would make a second reminder (the policy's `createReminder`, delivery/retry.ts).
 */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return reminderPlan(context, request, 'Create');
}

export const operation: SendingOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a reminder',
	description:
		'Have Alexa remind the user at a time or after a delay (needs the reminders permission, and a request from the user in the skill)',
	fields: [...reminderFields, ...alexaRequestFields()],
	method: 'POST',
	path: '/v1/alerts/reminders',
	plan,
	output: [mapAlexaErrors, reportReminder],
};
