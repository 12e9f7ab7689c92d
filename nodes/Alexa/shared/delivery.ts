import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type NodeApiError,
} from 'n8n-workflow';

import { apiOfResource } from './apis';
import { httpStatusOf, isAlexaApiError, safeNodeError } from './errors';
import { apiBaseUrl } from './hosts';
import { getAccessToken, type HttpRequest, type LwaCredentialType } from './lwa';
import { credentialSecrets } from './redact';
import { RETRY_POLICY } from './retryPolicy';
import { firstRejectionInRun, rejectionOf } from './validate';

/**
 * Sends one item's request and decides what the item becomes: a result, or an error.
 *
 * n8n's declarative engine calls a node's `requestOperations.pagination` function, when it is
 * one, in place of sending the request itself, and hands it `makeRoutingRequest` (send with the
 * credential, then run the `postReceive` hooks). Every operation of this node sets `paginate`,
 * so every request passes through here, where the node owns what the engine does not offer:
 * the regional host, a token shared by all items, one resend after a refused token, and error
 * items that keep their `pairedItem` and hold no secret.
 */
export async function deliver(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	let credentials: ICredentialDataDecryptedObject | undefined;
	try {
		const ownRejection = rejectionOf(requestData.options);
		if (ownRejection) throw ownRejection;

		const api = apiOfResource(this.getNodeParameter('resource') as string);
		const credentialType = this.getNodeParameter('authentication') as LwaCredentialType;
		const itemCredentials = await this.getCredentials<ICredentialDataDecryptedObject>(
			credentialType,
			itemIndex,
		);
		credentials = itemCredentials;

		// Every item's input checks have run by now (the engine runs them all before any
		// request resolves), so an invalid item anywhere holds back the whole run.
		const rejection = firstRejectionInRun(this);
		if (rejection && !this.continueOnFail()) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex} was not sent, because another item's input is invalid: ${rejection.message}`,
				{ itemIndex, description: rejection.description ?? undefined },
			);
		}

		requestData.options.baseURL = apiBaseUrl(itemCredentials, api);
		const http: HttpRequest = async (options) => await this.helpers.httpRequest(options);
		const token = await getAccessToken(credentialType, itemCredentials, http);
		let refusal: unknown;
		try {
			return await this.makeRoutingRequest(requestData);
		} catch (error) {
			refusal = error;
		}
		const status = httpStatusOf(refusal);
		const tokenRefused =
			isAlexaApiError(refusal) &&
			status !== undefined &&
			RETRY_POLICY[api].tokenRejectedStatuses.includes(status);
		if (!tokenRefused) throw refusal;
		// One fresh token (shared with every other item refused with the same one), one resend.
		await getAccessToken(credentialType, itemCredentials, http, token);
		return await this.makeRoutingRequest(requestData);
	} catch (error) {
		const nodeError = safeNodeError(this.getNode(), error, itemIndex, credentialSecrets(credentials));
		if (this.continueOnFail()) return [errorItem(nodeError, itemIndex)];
		throw nodeError;
	}
}

/**
 * An error item as n8n itself shapes them (it rewrites the json of any item carrying `error`
 * to `{ error: message }`): the status, Alexa's code and the request ID stay on `error`.
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
