import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { CUSTOMER_HOSTS } from '../../shared/alexa/hosts';
import { alexaSaid } from '../../shared/errors/alexaApiError';
import { answerItem, bodyAsObject } from '../../shared/util/response';

/**
 * What each Skill Enablement answer becomes. Status queries report state and never fail on it:
 * a 404 there means "not enabled" (the error hook lets it through for these operations), and
 * keeps Alexa's code and message, since Amazon documents the same 404 for a skill it does not know.
 */

/** Alexa's `code` and `message` of a 404, as `alexaCode` and `alexaMessage`. */
function notFoundDetails(response: IN8nHttpFullResponse): IDataObject {
	if (response.statusCode !== 404) return {};
	const said = alexaSaid('skillEnablement', response.body);
	return {
		...(said.code ? { alexaCode: said.code } : {}),
		...(said.text ? { alexaMessage: said.text } : {}),
	};
}

/** Enable and disable: `{success, statusCode}`, plus Alexa's body where it sends one. */
export async function reportDone(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return answerItem(this, {
		success: true,
		statusCode: response.statusCode,
		...bodyAsObject(response.body),
	});
}

/**
 * Enable Skill and Link Account: its 201 carries the enablement status, and only ENABLED is done.
 * ENABLING means background processes are still running (Skill Enablement API reference);
 * ENABLING_FAILED never gets here (the error hook fails the item on it).
 */
export async function reportLinkResult(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = bodyAsObject(response.body);
	const pending =
		body.status === 'ENABLING'
			? {
					pending: true,
					hint: 'Alexa is still enabling the skill in the background. Check again later with Get Account Linking and Skill Status.',
				}
			: {};
	return answerItem(this, {
		success: body.status === 'ENABLED',
		...pending,
		statusCode: response.statusCode,
		...body,
	});
}

/** The developer's stage status: 204 enabled, 404 not. */
export async function reportStageStatus(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return answerItem(this, {
		enabled: response.statusCode === 204,
		statusCode: response.statusCode,
		...notFoundDetails(response),
		skillId: String(this.getNodeParameter('skillId')).trim(),
		stage: this.getNodeParameter('stage') as string,
	});
}

/** The customer's status as Alexa gives it; NO_ASSOCIATION and 404 are reported as not enabled. */
export async function reportCustomerStatus(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = bodyAsObject(response.body);
	const status = typeof body.status === 'string' ? body.status : null;
	const accountLink = body.accountLink as IDataObject | undefined;
	return answerItem(this, {
		enabled: status === 'ENABLED',
		status,
		accountLinkStatus: typeof accountLink?.status === 'string' ? accountLink.status : null,
		statusCode: response.statusCode,
		...notFoundDetails(response),
		...(body.skill ? { skill: body.skill } : {}),
		...(body.user ? { user: body.user } : {}),
	});
}

export async function reportApiEndpoints(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const endpoints = bodyAsObject(response.body).endpoints;
	return answerItem(this, { endpoints: Array.isArray(endpoints) ? endpoints : [] });
}

/**
 * Get API Endpoint still failing with 5xx after its resends: Amazon's reference says to call
 * Skill Enablement on the three customer hosts in sequence, so those are the answer.
 */
export function apiEndpointFallback(statusCode: number): IDataObject | undefined {
	if (statusCode < 500) return undefined;
	return {
		endpoints: CUSTOMER_HOSTS,
		fallback: true,
		statusCode,
		hint: `Get API Endpoint failed with HTTP ${statusCode}. As Amazon's reference says for 5xx, these are all three customer hosts: call them in sequence, one of them serves the customer.`,
	};
}
