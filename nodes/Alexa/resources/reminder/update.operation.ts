import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import type { ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { alexaRequestFields } from '../../shared/input/alexaRequest';
import { reportReminder } from './output';
import { reminderFields } from './fields';
import { alertTokenField, reminderPlan } from './sendWith';

/**
 * Reminder → Update: `PUT /v1/alerts/reminders/{alertToken}` with the whole ReminderRequest, as
 * Create sends it ("Alexa Reminders API Reference"). A PUT is repeatable: resent after a lost answer.
 */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return reminderPlan(context, request, 'Update');
}

export const operation: SendingOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a reminder',
	description: 'Change the time or text of a reminder (a request from the user in the skill)',
	fields: [alertTokenField, ...reminderFields, ...alexaRequestFields()],
	method: 'PUT',
	path: '/v1/alerts/reminders/{alertToken}',
	plan,
	output: [mapAlexaErrors, reportReminder],
};
