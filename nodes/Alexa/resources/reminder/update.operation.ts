import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import { withPath, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { alexaRequestFields } from '../../shared/input/alexaRequest';
import { reportReminder } from './output';
import { reminderFields } from './fields';
import { reminderBody } from './reminderRequest';
import { alertTokenField, reminderRequest, requireAlertToken } from './sendWith';

/**
 * Reminder → Update: `PUT /v1/alerts/reminders/{alertToken}` with the whole ReminderRequest, as
 * Create sends it ("Alexa Reminders API Reference"). A PUT is repeatable: resent after a lost answer.
 */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	const alertToken = requireAlertToken(context);
	const alexaRequest = reminderRequest(context, 'Update');
	withPath(request, { alertToken });
	const body = reminderBody(context, alexaRequest);
	request.body = body;
	return {
		request,
		messages: [{ body, output: {} }],
		host: { kind: 'item', host: alexaRequest.host },
		accessToken: alexaRequest.accessToken,
	};
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
