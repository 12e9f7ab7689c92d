import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IDataObject,
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
import { deliverySettings } from './deliveryOptions';
import { getAccessToken, LwaError, type HttpRequest, type LwaCredentialType } from './lwa';
import { describeNetworkFailure, networkErrorCode } from './network';
import { runPostReceive } from './postReceive';
import { credentialSecrets } from './redact';
import { fallbackAnswerFor, hostRuleFor, itemAccessToken, messagesFor } from './requestPlan';
import {
	IDEMPOTENT_METHODS,
	NEVER_SENT_FAILURES,
	resendDelayMs,
	retryAfterMs,
	RETRY_POLICY,
	withUserLimits,
	type EffectivePolicy,
} from './retryPolicy';
import type { RunLimiter } from './runLimiter';
import { rejectionOf } from './validate';

/** What the items of one node run share: held by the runner for the length of the run. */
export interface DeliveryRun {
	/** The first item whose input failed a check; it holds back the whole run. */
	firstRejection?: NodeOperationError;
	/** The run's limit on requests in flight, made by the first item to ask. */
	limiter(maxInFlight: number): RunLimiter;
}

/**
 * Sends one item's messages and decides what the item becomes: results, or an error.
 *
 * The node's runner (operationRunner.ts) calls it for every item, with `makeRoutingRequest`
 * (send with the credential, then run the `postReceive` hooks), as n8n's declarative engine
 * calls a pagination function. Here the node owns what the engine does not offer:
 * the regional host, a token shared by all items, one resend after a refused token, resends
 * by each API's retry policy, several messages for one item, and error items that keep their
 * `pairedItem` and hold no secret. See docs/decisions/0002 and 0004.
 */
export async function deliver(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	run: DeliveryRun,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const results: INodeExecutionData[] = [];
	let secrets: string[] = [];
	// The item's own customer token (Access Token Source "From Input"): sent as given, never refreshed.
	const itemToken = itemAccessToken(requestData.options);
	try {
		const ownRejection = rejectionOf(requestData.options);
		if (ownRejection) throw ownRejection;

		const api = apiOfResource(this.getNodeParameter('resource') as string);
		const credentialType = this.getNodeParameter('authentication') as LwaCredentialType;
		const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(credentialType, itemIndex);
		secrets = [...credentialSecrets(credentials), ...(itemToken ? [itemToken] : [])];

		// Every item's input checks have run by now (the runner runs them all before it sends
		// anything), so an invalid item anywhere holds back the whole run.
		const rejection = run.firstRejection;
		if (rejection && !this.continueOnFail()) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex} was not sent, because another item's input is invalid: ${rejection.message}`,
				{ itemIndex, description: rejection.description ?? undefined },
			);
		}

		const settings = deliverySettings(this);
		requestData.options.timeout = settings.timeoutMs;
		const policy = withUserLimits(RETRY_POLICY[api], settings.maxRetries, settings.maxBackoffMs);
		const limiter = run.limiter(settings.maxConcurrency);
		const hostRule = hostRuleFor(requestData.options);
		const http: HttpRequest = async (options) => await this.helpers.httpRequest(options);
		// The token for each send: the item's own, or the credential's from the shared cache.
		// `refused` names a token Alexa just refused, so the cache replaces it.
		const tokenFor = async (refused?: string) =>
			itemToken ?? (api === 'loginWithAmazon' ? undefined : await getAccessToken(credentialType, credentials, http, refused));

		const canRefreshToken = itemToken === undefined;
		const method = requestData.options.method ?? 'GET';
		const send = async () =>
			await sendWithPolicy(policy, limiter, method, tokenFor, canRefreshToken, async () =>
				api === 'loginWithAmazon'
					? await sendWithoutCredential(this, requestData)
					: await this.makeRoutingRequest(requestData),
			);
		const findCustomerHosts = async () =>
			await customerHosts(this, api, credentials, async (attempt) =>
				await sendWithPolicy(policy, limiter, 'GET', tokenFor, canRefreshToken, attempt),
			);

		const messages = messagesFor(requestData.options);
		for (const [index, message] of messages.entries()) {
			requestData.options.body = message.body;
			let sent: { items: INodeExecutionData[]; host: string };
			try {
				if (hostRule.kind === 'discover') {
					sent = await sendToCustomerHost(credentials, api, requestData, send, await findCustomerHosts());
				} else {
					const host = hostRule.kind === 'global' ? GLOBAL_ALEXA_HOST : undefined;
					requestData.options.baseURL = apiBaseUrl(credentials, api, host);
					sent = { items: await send(), host: hostOf(credentials, api, host) };
				}
			} catch (error) {
				const fallback = fallbackAnswer(requestData.options, failureOf(error));
				if (!fallback) throw describePartialFailure(error, index, messages.length);
				sent = { items: [{ json: fallback }], host: GLOBAL_ALEXA_HOST };
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
		const attempts = error instanceof FailedAfterAttempts ? error.attempts : [];
		const note = error instanceof FailedAfterAttempts ? error.note : undefined;
		const failure = failureOf(error);
		const nodeError = safeNodeError(this.getNode(), failure, itemIndex, secrets);
		if (note) nodeError.description = `${nodeError.description ?? ''} ${note}`.trim();
		if (attempts.length > 1) {
			nodeError.description = `${nodeError.description ?? ''} Attempts: ${attempts.map((outcome, index) => `${index + 1}) ${outcome}`).join(', ')}.`.trim();
			nodeError.context.attempts = attempts;
		}
		// Messages of this item that Alexa already accepted are reported too, so nothing sent is hidden.
		if (this.continueOnFail()) return [...results, errorItem(nodeError, itemIndex)];
		throw nodeError;
	}
}

/**
 * A failure after several attempts: what each attempt got, for the item's error. Carried up
 * to `deliver`, which turns the failure into a safe node error and adds the attempts to it.
 */
class FailedAfterAttempts {
	constructor(
		readonly failure: unknown,
		readonly attempts: string[],
		/** What the node did or did not do about it, where the attempts alone do not say. */
		readonly note?: string,
	) {}
}

/** The failure itself, whether or not it came wrapped with its attempts. */
function failureOf(error: unknown): unknown {
	return error instanceof FailedAfterAttempts ? error.failure : error;
}

/** What one failed attempt got, in words for the error's description. */
function outcomeOf(failure: unknown): string {
	if (isAlexaApiError(failure)) {
		const code = failure.context.alexaCode;
		return `HTTP ${failure.httpCode}${code ? ` ${String(code)}` : ''}`;
	}
	if (failure instanceof LwaError) return `no token: ${failure.lwaError}`;
	const network = networkErrorCode(failure);
	if (network) return `${describeNetworkFailure(network)} (${network})`;
	return 'failed';
}

/** What the item reports in place of this final failure, if its request planned an answer for it. */
function fallbackAnswer(options: object, failure: unknown): IDataObject | undefined {
	const status = isAlexaApiError(failure) ? httpStatusOf(failure) : undefined;
	return status === undefined ? undefined : fallbackAnswerFor(options)?.(status);
}

/** Whether the policy allows sending this message again after this failure. */
function mayResend(policy: EffectivePolicy, failure: unknown, method: string): boolean {
	if (isAlexaApiError(failure)) return policy.retryStatuses.includes(httpStatusOf(failure) ?? 0);
	if (failure instanceof LwaError) return failure.transient;
	const network = networkErrorCode(failure);
	if (!network) return false;
	// A request that never left may go again; one that may have reached Alexa only if a
	// duplicate is harmless.
	return (
		NEVER_SENT_FAILURES.includes(network) ||
		IDEMPOTENT_METHODS.includes(method.toUpperCase()) ||
		policy.resendAfterAmbiguousFailure
	);
}

/**
 * Makes one request with `attempt`, resending it (only it, never an item Alexa accepted) as the
 * API's policy says, each attempt within the run's limit of requests in flight. `attempt` gets
 * the token for this try (the item's own, or the credential's from the shared cache).
 */
async function sendWithPolicy<T>(
	policy: EffectivePolicy,
	limiter: RunLimiter,
	method: string,
	tokenFor: (refused?: string) => Promise<string | undefined>,
	canRefreshToken: boolean,
	attempt: (token: string | undefined) => Promise<T>,
): Promise<T> {
	const attempts: string[] = [];
	let token: string | undefined;
	let refused: string | undefined;
	let tokenRefreshed = false;
	let resends = 0;
	for (;;) {
		let failure: unknown;
		try {
			token = await tokenFor(refused);
			refused = undefined;
			await limiter.acquire();
			try {
				const result = await attempt(token);
				limiter.succeeded();
				return result;
			} finally {
				limiter.release();
			}
		} catch (error) {
			failure = error;
		}
		attempts.push(outcomeOf(failure));
		const status = isAlexaApiError(failure) ? httpStatusOf(failure) : undefined;
		if (isTokenRefusal(policy, failure)) {
			if (canRefreshToken && !tokenRefreshed) {
				// One fresh token (shared with every other item refused with the same one), one resend.
				tokenRefreshed = true;
				refused = token;
				continue;
			}
			throw new FailedAfterAttempts(
				failure,
				attempts,
				canRefreshToken
					? 'A freshly requested token was refused too.'
					: 'The node does not refresh an access token taken from the input: refresh it with Authorization → Refresh Access Token, store the new one, and send the item again.',
			);
		}
		const resendable = mayResend(policy, failure, method);
		if (resends >= policy.maxResends || !resendable) {
			const note = resendable && policy.maxResends === 0 ? 'Not resent, because Max Retries is 0.' : undefined;
			throw new FailedAfterAttempts(failure, attempts, note);
		}
		resends++;
		const retryAfter =
			status !== undefined ? retryAfterMs((failure as NodeApiError).context.retryAfter as string | undefined) : undefined;
		const delay = resendDelayMs(policy, resends, retryAfter);
		// Max Back-Off is the longest wait, for this item and for the whole run alike: the run
		// pauses for Retry-After only as long as this resend waits.
		if (status === 429) limiter.throttled(retryAfter === undefined ? undefined : delay);
		// The same body goes again, with the same messageId; only the token may be newer.
		await clock.sleep(delay);
	}
}

/** Whether Alexa refused the token itself: by status, or by an error code that means it whatever the status. */
function isTokenRefusal(policy: EffectivePolicy, failure: unknown): boolean {
	if (!isAlexaApiError(failure)) return false;
	const code = failure.context.alexaCode;
	return (
		policy.tokenRejectedStatuses.includes(httpStatusOf(failure) ?? 0) ||
		(typeof code === 'string' && policy.tokenRejectedCodes.includes(code))
	);
}

/**
 * Skill Enablement for a customer with "Discover Automatically": try the customer's hosts (see
 * `customerHosts`) in turn until one answers. Only 400 `incorrectEndpoint` and 404 mean "not
 * this host".
 */
async function sendToCustomerHost(
	credentials: ICredentialDataDecryptedObject,
	api: AlexaApi,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	send: () => Promise<INodeExecutionData[]>,
	hosts: string[],
): Promise<{ items: INodeExecutionData[]; host: string }> {
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
			if (!isWrongHost(failureOf(refusal))) throw refusal;
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

/**
 * The hosts that serve the customer, from Get API Endpoint, sent with `withPolicy` (the API's
 * retry policy: a refused credential token is refreshed once, 429 is resent). If it answers 5xx,
 * the three customer hosts, in turn, at once: Amazon's reference says to try them then.
 */
async function customerHosts(
	context: IExecutePaginationFunctions,
	api: AlexaApi,
	credentials: ICredentialDataDecryptedObject,
	withPolicy: (attempt: (token: string | undefined) => Promise<string[]>) => Promise<string[]>,
): Promise<string[]> {
	return await withPolicy(async (token) => {
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
		throw alexaApiError(context.getNode(), api, response, context.getItemIndex());
	});
}

/**
 * The Authorization resource posts to LWA itself, with the client ID and secret in its form.
 * Sent through `makeRoutingRequest`, n8n would first run the credential's preAuthentication,
 * which asks LWA for the credential's own token: an extra request, and a failure of this
 * operation whenever the credential's refresh token is bad. So it is sent plainly, and the
 * operation's `postReceive` hooks run on the answer as for any other request.
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
	return await runPostReceive(context, requestData.postReceive, response);
}

/** When one of several messages fails, say which, and what happened to the others. */
function describePartialFailure(wrapped: unknown, index: number, count: number): unknown {
	const error = failureOf(wrapped);
	if (count === 1 || !(error instanceof Error)) return wrapped;
	const before = index === 0 ? 'none before it was sent' : `message${index === 1 ? '' : 's'} 1–${index} were accepted`;
	const after = index + 1 === count ? '' : `; ${count - index - 1} after it were not sent`;
	const note = ` (message ${index + 1} of ${count}: ${before}${after})`;
	error.message += note;
	return wrapped;
}

/**
 * An error item as n8n itself shapes them (it rewrites the json of any item carrying `error`
 * to `{ error: message }`): the status, Alexa's code and the request ID stay on `error`.
 */
export function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
