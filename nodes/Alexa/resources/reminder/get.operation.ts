import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import { withPath, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { alexaRequestFields } from '../../shared/input/alexaRequest';
import { reportReminder } from './output';
import { alertTokenField, reminderRequest, requireAlertToken } from './sendWith';

/** Reminder → Get: `GET /v1/alerts/reminders/{alertToken}`, in or out of session ("Alexa Reminders API Reference"). */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	const alertToken = requireAlertToken(context);
	const alexaRequest = reminderRequest(context, 'Get');
	withPath(request, { alertToken });
	return {
		request,
		messages: [{ body: {}, output: {} }],
		host: { kind: 'item', host: alexaRequest.host },
		accessToken: alexaRequest.accessToken,
	};
}

export const operation: SendingOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a reminder',
	description: 'Get one reminder the skill created, by its alert token',
	fields: [alertTokenField, ...alexaRequestFields()],
	method: 'GET',
	path: '/v1/alerts/reminders/{alertToken}',
	plan,
	output: [mapAlexaErrors, reportReminder],
};
