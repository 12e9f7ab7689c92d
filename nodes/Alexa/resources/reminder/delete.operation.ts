import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import type { ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { alexaRequestFields } from '../../shared/input/alexaRequest';
import { reportDeleted } from './output';
import { alertTokenField, reminderPlan } from './sendWith';

/** Reminder → Delete: `DELETE /v1/alerts/reminders/{alertToken}`, in or out of session ("Alexa Reminders API Reference"). */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return reminderPlan(context, request, 'Delete');
}

export const operation: SendingOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a reminder',
	description: 'Delete one reminder the skill created, by its alert token',
	fields: [alertTokenField, ...alexaRequestFields()],
	method: 'DELETE',
	path: '/v1/alerts/reminders/{alertToken}',
	plan,
	output: [mapAlexaErrors, reportDeleted],
};
