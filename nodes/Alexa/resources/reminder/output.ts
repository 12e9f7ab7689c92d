import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { answerItem, bodyAsObject } from '../../shared/util/response';

/**
 * What the Reminders API's answers become (ReminderResponse, GetReminderResponse and
 * GetRemindersResponse in the ASK SDK). `totalCount` comes as a string ("1"); the item has it as a
 * number.
 */

/** Create, Update, Get: Alexa's reminder as it answered it (alertToken, status, version…). */
export async function reportReminder(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return answerItem(this, { ...bodyAsObject(response.body), statusCode: response.statusCode });
}

/**
 * Get Many: one item with every reminder, so that a workflow answering Alexa goes on when there
 * is none ("You have no reminders") instead of stopping with no item.
 */
export async function reportReminders(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = bodyAsObject(response.body);
	const reminders = Array.isArray(body.alerts) ? (body.alerts as IDataObject[]) : [];
	const count = Number(body.totalCount);
	return answerItem(this, {
		totalCount: Number.isFinite(count) ? count : reminders.length,
		reminders,
		...(typeof body.links === 'string' && body.links !== '' ? { links: body.links } : {}),
		statusCode: response.statusCode,
	});
}

/** Delete: Alexa answers 200 with no reminder; the item names the one deleted. */
export async function reportDeleted(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return answerItem(this, {
		deleted: true,
		alertToken: this.getNodeParameter('reminderId') as string,
		statusCode: response.statusCode,
	});
}
