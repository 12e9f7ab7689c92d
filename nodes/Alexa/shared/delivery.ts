import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IExecutePaginationFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type NodeApiError,
} from 'n8n-workflow';

import { apiOfResource, type AlexaApi } from './apis';
import { clock } from './clock';
import { alexaApiError, httpStatusOf, isAlexaApiError, safeNodeError } from './errors';
import { apiBaseUrl, CUSTOMER_HOSTS, GLOBAL_ALEXA_HOST, hostOf } from './hosts';
import { getAccessToken, type HttpRequest, type LwaCredentialType } from './lwa';
import { credentialSecrets } from './redact';
import { hostRuleFor, itemAccessToken, messagesFor } from './requestPlan';
import { resendDelayMs, retryAfterMs, RETRY_POLICY } from './retryPolicy';
import { firstRejectionInRun, rejectionOf } from './validate';

/**
 * Sends one item's messages and decides what the item becomes: results, or an error.
 *
 * n8n's declarative engine calls a node's `requestOperations.pagination` function, when it is
 * one, in place of sending the request itself, and hands it `makeRoutingRequest` (send with the
 * credential, then run the `postReceive` hooks). Every operation of this node sets `paginate`,
 * so every request passes through here, where the node owns what the engine does not offer:
 * the regional host, a token shared by all items, one resend after a refused token, resends
 * by each API's retry policy, several messages for one item, and error items that keep their
 * `pairedItem` and hold no secret. See docs/decisions/0002.
 */
export async function deliver(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const results: INodeExecutionData[] = [];
	let secrets: string[] = [];
	try {
		const ownRejection = rejectionOf(requestData.options);
		if (ownRejection) throw ownRejection;

		const api = apiOfResource(this.getNodeParameter('resource') as string);
		const credentialType = this.getNodeParameter('authentication') as LwaCredentialType;
		const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(credentialType, itemIndex);
		const itemToken = itemAccessToken(requestData.options);
		secrets = [...credentialSecrets(credentials), ...(itemToken ? [itemToken] : [])];

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

		const hostRule = hostRuleFor(requestData.options);
		const http: HttpRequest = async (options) => await this.helpers.httpRequest(options);
		// The token for each send: the item's own, or the credential's from the shared cache.
		// `refused` names a token Alexa just refused, so the cache replaces it.
		const tokenFor = async (refused?: string) =>
			itemToken ?? (api === 'loginWithAmazon' ? undefined : await getAccessToken(credentialType, credentials, http, refused));

		const send = async () => await sendWithPolicy(this, api, requestData, tokenFor, itemToken === undefined);

		const messages = messagesFor(requestData.options);
		for (const [index, message] of messages.entries()) {
			requestData.options.body = message.body;
			let sent: { items: INodeExecutionData[]; host: string };
			try {
				if (hostRule.kind === 'discover') {
					sent = await sendToCustomerHost(this, api, credentials, requestData, send, tokenFor);
				} else {
					const host = hostRule.kind === 'global' ? GLOBAL_ALEXA_HOST : undefined;
					requestData.options.baseURL = apiBaseUrl(credentials, api, host);
					sent = { items: await send(), host: hostOf(credentials, api, host) };
				}
			} catch (error) {
				throw describePartialFailure(error, index, messages.length);
			}
			const hostField = hostRule.reportHost ? { host: sent.host } : {};
			for (const item of sent.items) {
				results.push({
					...item,
					json: { ...item.json, ...message.output, ...hostField },
					pairedItem: { item: itemIndex },
				});
			}
		}
		return results;
	} catch (error) {
		const nodeError = safeNodeError(this.getNode(), error, itemIndex, secrets);
		// Messages of this item that Alexa already accepted are reported too, so nothing sent is hidden.
		if (this.continueOnFail()) return [...results, errorItem(nodeError, itemIndex)];
		throw nodeError;
	}
}

/** Sends one message, resending as the API's policy says. */
async function sendWithPolicy(
	context: IExecutePaginationFunctions,
	api: AlexaApi,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	tokenFor: (refused?: string) => Promise<string | undefined>,
	canRefreshToken: boolean,
): Promise<INodeExecutionData[]> {
	const policy = RETRY_POLICY[api];
	let token = await tokenFor();
	let tokenRefreshed = false;
	let resends = 0;
	for (;;) {
		let failure: unknown;
		try {
			return api === 'loginWithAmazon'
				? await sendWithoutCredential(context, requestData)
				: await context.makeRoutingRequest(requestData);
		} catch (error) {
			failure = error;
		}
		const status = isAlexaApiError(failure) ? httpStatusOf(failure) : undefined;
		if (status === undefined) throw failure;

		if (policy.tokenRejectedStatuses.includes(status) && canRefreshToken && !tokenRefreshed) {
			// One fresh token (shared with every other item refused with the same one), one resend.
			tokenRefreshed = true;
			token = await tokenFor(token);
			continue;
		}
		if (policy.retryStatuses.includes(status) && resends < policy.maxResends) {
			resends++;
			const retryAfter = retryAfterMs((failure as NodeApiError).context.retryAfter as string | undefined);
			await clock.sleep(resendDelayMs(policy, resends, retryAfter));
			// The same body goes again, with the same messageId; only the token may be newer.
			token = await tokenFor();
			continue;
		}
		throw failure;
	}
}

/**
 * Skill Enablement for a customer with "Discover Automatically": Get API Endpoint names the
 * customer's hosts; try them in turn until one answers. Only 400 `incorrectEndpoint` and 404
 * mean "not this host". If Get API Endpoint itself fails with 5xx, try the three customer hosts
 * in turn, as Amazon's reference says.
 */
async function sendToCustomerHost(
	context: IExecutePaginationFunctions,
	api: AlexaApi,
	credentials: ICredentialDataDecryptedObject,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	send: () => Promise<INodeExecutionData[]>,
	tokenFor: (refused?: string) => Promise<string | undefined>,
): Promise<{ items: INodeExecutionData[]; host: string }> {
	const hosts = await customerHosts(context, api, credentials, tokenFor);
	let notHere: { items: INodeExecutionData[]; host: string } | undefined;
	let lastRefusal: unknown;
	for (const host of hosts) {
		requestData.options.baseURL = apiBaseUrl(credentials, api, host);
		let items: INodeExecutionData[] | undefined;
		let refusal: unknown;
		try {
			items = await send();
		} catch (error) {
			refusal = error;
		}
		if (items === undefined) {
			if (!isWrongHost(refusal)) throw refusal;
			lastRefusal = refusal;
			continue;
		}
		// A status query answers 404 as "not enabled here": another host may still know the customer.
		if (items[0]?.json.statusCode === 404) {
			notHere ??= { items, host };
			continue;
		}
		return { items, host };
	}
	if (notHere) return notHere;
	throw lastRefusal;
}

function isWrongHost(error: unknown): boolean {
	if (!isAlexaApiError(error)) return false;
	const status = httpStatusOf(error);
	return status === 404 || (status === 400 && error.context.alexaCode === 'incorrectEndpoint');
}

async function customerHosts(
	context: IExecutePaginationFunctions,
	api: AlexaApi,
	credentials: ICredentialDataDecryptedObject,
	tokenFor: (refused?: string) => Promise<string | undefined>,
): Promise<string[]> {
	let token = await tokenFor();
	for (let attempt = 0; ; attempt++) {
		const response = (await context.helpers.httpRequest({
			method: 'GET',
			baseURL: apiBaseUrl(credentials, api, GLOBAL_ALEXA_HOST),
			url: '/v1/alexaApiEndpoint',
			headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
		if (response.statusCode >= 500) return CUSTOMER_HOSTS;
		const endpoints = (response.body as { endpoints?: unknown } | undefined)?.endpoints;
		if (response.statusCode === 200 && Array.isArray(endpoints) && endpoints.length > 0) {
			// Amazon answers host names; accept full URLs too.
			return endpoints.map((endpoint) => String(endpoint).replace(/^https?:\/\//, '').replace(/\/+$/, ''));
		}
		if (response.statusCode === 401 && attempt === 0) {
			token = await tokenFor(token);
			continue;
		}
		throw alexaApiError(context.getNode(), api, response, context.getItemIndex());
	}
}

/**
 * The Authorization resource posts to LWA itself, with the client ID and secret in its form.
 * Sent through `makeRoutingRequest`, n8n would first run the credential's preAuthentication,
 * which asks LWA for the credential's own token: an extra request, and a failure of this
 * operation whenever the credential's refresh token is bad. So it is sent plainly, and the
 * operation's `postReceive` hooks (all functions) run on the answer as the engine runs them.
 */
async function sendWithoutCredential(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const options = {
		...requestData.options,
		url: requestData.options.url ?? '',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	} as IHttpRequestOptions;
	const response = (await context.helpers.httpRequest(options)) as IN8nHttpFullResponse;
	let items: INodeExecutionData[] = [{ json: {} }];
	for (const { actions } of requestData.postReceive) {
		for (const action of actions) {
			if (typeof action === 'function') items = await action.call(context, items, response);
		}
	}
	return items;
}

/** When one of several messages fails, say which, and what happened to the others. */
function describePartialFailure(error: unknown, index: number, count: number): unknown {
	if (count === 1 || !(error instanceof Error)) return error;
	const before = index === 0 ? 'none before it was sent' : `message${index === 1 ? '' : 's'} 1–${index} were accepted`;
	const after = index + 1 === count ? '' : `; ${count - index - 1} after it were not sent`;
	const note = ` (message ${index + 1} of ${count}: ${before}${after})`;
	error.message += note;
	return error;
}

/**
 * An error item as n8n itself shapes them (it rewrites the json of any item carrying `error`
 * to `{ error: message }`): the status, Alexa's code and the request ID stay on `error`.
 */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
