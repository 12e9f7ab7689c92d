import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import type { AlexaApi } from '../alexa/apis';
import type { OperationBasics, SendingOperation } from '../delivery/operation';
import { withPath, type ItemPlan } from '../delivery/plan';
import { mapAlexaErrors } from '../errors/alexaApiError';
import { alexaRequestFields, alexaRequestOf } from '../input/alexaRequest';
import { answerItem, bodyAsJson } from '../util/response';

/**
 * An operation that reads one value about the user or the device with the token of the request
 * Alexa sent the skill (Device Settings, Customer Profile, Device Address): a GET on the
 * request's own host, with no body. Alexa answers the value as JSON (a string such as
 * "America/Los_Angeles", or an object such as an address), or 204 when the user has none: the
 * item then has the value `null` and a hint, not an error.
 */
export function alexaRequestRead(spec: {
	basics: Omit<OperationBasics, 'fields'>;
	api: Exclude<AlexaApi, 'loginWithAmazon'>;
	/** On the request's host; `{deviceId}` is the request's device. */
	path: string;
	/** The output field of a value that is not an object (`timeZone`); an object's fields are the item's. */
	outputField: string;
	/** What the item says when Alexa has no value (204). */
	noValueHint: string;
}): SendingOperation {
	const { basics, api, path, outputField, noValueHint } = spec;
	const needs = path.includes('{deviceId}') ? (['deviceId'] as const) : ([] as const);

	function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
		const alexaRequest = alexaRequestOf(context, api, [...needs]);
		const values: Record<string, string> =
			alexaRequest.deviceId === undefined ? {} : { deviceId: alexaRequest.deviceId };
		withPath(request, values);
		return {
			request,
			messages: [{ body: {}, output: {} }],
			host: { kind: 'item', host: alexaRequest.host },
			accessToken: alexaRequest.accessToken,
		};
	}

	async function reportValue(
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const value = response.statusCode === 204 ? undefined : bodyAsJson(response.body);
		const json: IDataObject =
			value !== null && typeof value === 'object' && !Array.isArray(value)
				? { ...(value as IDataObject) }
				: { [outputField]: value ?? null };
		if (response.statusCode === 204 || value === undefined || value === null)
			json.hint = noValueHint;
		json.statusCode = response.statusCode;
		return answerItem(this, json);
	}

	return {
		...basics,
		fields: alexaRequestFields([...needs]),
		method: 'GET',
		path,
		plan,
		output: [mapAlexaErrors, reportValue],
	};
}
