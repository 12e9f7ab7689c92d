import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import type { ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { alexaRequestFields } from '../../shared/input/alexaRequest';
import { reportReminders } from './output';
import { reminderPlan } from './sendWith';

/**
 * Reminder → Get Many: `GET /v1/alerts/reminders`, every reminder the skill created for the user,
 * in or out of session ("Alexa Reminders API Reference": totalCount, alerts, links).
 */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return reminderPlan(context, request, 'Get Many');
}

export const operation: SendingOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many reminders',
	description: "Get the user's reminders from this skill, as one item with the list",
	fields: alexaRequestFields(),
	method: 'GET',
	path: '/v1/alerts/reminders',
	plan,
	output: [mapAlexaErrors, reportReminders],
};
