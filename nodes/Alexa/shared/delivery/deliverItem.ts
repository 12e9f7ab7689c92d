import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';

import { amazonHostsOf, apiBaseUrl, GLOBAL_ALEXA_HOST, hostOf } from '../alexa/hosts';
import { alexaApiError, httpStatusOf, isAlexaApiError } from '../errors/alexaApiError';
import { errorItem, safeNodeError } from '../errors/safeErrors';
import { type HttpRequest } from '../lwa/tokenRequest';
import { API_TOKEN_SCOPES, getAccessToken } from '../lwa/tokens';
import { failureOf, FailedAfterAttempts, sendWithResends, type ItemTokens } from './attempts';
import type { HostDiscovery } from './hostDiscovery';
import type { ItemPlan } from './plan';
import { runPostReceive } from './postReceive';
import type { RunContext } from './runContext';
import type { Signing } from './transport';

/**
 * Sends one request of an item to a host, with resends, and reads the answer (throwing for an
 * error answer). `kind`: the plan's request kind, for the item's own messages (not a host lookup).
 */
type SendAndRead = <T>(
	request: IHttpRequestOptions,
	host: string | undefined,
	read: (response: IN8nHttpFullResponse) => Promise<T>,
	kind?: string,
) => Promise<T>;

/** One item on its way: its context (for the hooks) and its plan. */
export interface PlannedItem {
	index: number;
	context: IExecuteSingleFunctions;
	plan: ItemPlan;
}

/**
 * Sends one item's messages and decides what the item becomes: output items (one per message,
 * paired with the input item), or an error (an error item under Continue On Fail) that holds no
 * secret and says what each attempt got.
 */
export async function deliverItem(
	run: RunContext,
	item: PlannedItem,
	postReceive: PostReceiveAction[],
): Promise<INodeExecutionData[]> {
	const { context, plan, index: itemIndex } = item;
	const results: INodeExecutionData[] = [];
	const secrets = [...run.secrets, ...(plan.accessToken ? [plan.accessToken] : [])];
	try {
		const tokens = itemTokens(run, plan);
		// Every request of the item, the host lookup included: to its host, through the attempt
		// loop (slots, pace, token, resends), signed with the attempt's token, read by `read`.
		const sendAndRead: SendAndRead = async (request, host, read, kind) => {
			const baseURL = apiBaseUrl(run.transport.credentials, run.api, host);
			return await sendWithResends(
				run,
				run.pacerFor(baseURL),
				tokens,
				{ method: request.method ?? 'GET', kind },
				async (token) =>
					await read(await run.transport.send({ ...request, baseURL }, signing(run, plan, token))),
			);
		};
		const sendTo = async (
			request: IHttpRequestOptions,
			host: string | undefined,
		): Promise<INodeExecutionData[]> =>
			await sendAndRead(
				request,
				host,
				async (response) => await runPostReceive(context, postReceive, response),
				plan.requestKind,
			);

		for (const [index, message] of plan.messages.entries()) {
			const request: IHttpRequestOptions = { ...plan.request, body: message.body };
			let sent: { items: INodeExecutionData[]; host: string };
			try {
				if (plan.host.kind === 'discover') {
					sent = await sendToDiscoveredHost(
						run,
						itemIndex,
						plan.host.strategy,
						sendAndRead,
						request,
						sendTo,
					);
				} else {
					const host =
						plan.host.kind === 'global'
							? GLOBAL_ALEXA_HOST
							: plan.host.kind === 'item'
								? amazonHost(run, plan.host.host)
								: undefined;
					sent = {
						items: await sendTo(request, host),
						host: hostOf(run.transport.credentials, run.api, host),
					};
				}
			} catch (error) {
				const fallback = fallbackOf(plan, error);
				if (!fallback) throw describePartialFailure(error, index, plan.messages.length);
				sent = { items: [{ json: fallback }], host: GLOBAL_ALEXA_HOST };
			}
			const hostField = plan.reportHost ? { host: sent.host } : {};
			for (const answer of sent.items) {
				results.push({
					...answer,
					json: { ...answer.json, ...message.output, ...hostField },
					pairedItem: { item: itemIndex },
				});
			}
		}
		return results;
	} catch (error) {
		const nodeError = safeNodeError(
			run.n8n.getNode(),
			failureOf(error),
			itemIndex,
			secrets,
			run.api,
		);
		if (error instanceof FailedAfterAttempts) {
			if (error.note) nodeError.description = `${nodeError.description ?? ''} ${error.note}`.trim();
			if (error.attempts.length > 1) {
				nodeError.description =
					`${nodeError.description ?? ''} Attempts: ${error.attempts.map((outcome, index) => `${index + 1}) ${outcome}`).join(', ')}.`.trim();
				nodeError.context.attempts = error.attempts;
			}
		}
		// Messages of this item that Alexa already accepted are reported too, so nothing sent is hidden.
		if (run.continueOnFail) return [...results, errorItem(nodeError, itemIndex)];
		throw nodeError;
	}
}

/**
 * A host the item named, once more before anything goes there: one of the API's Amazon hosts,
 * or the item's token would go to whoever wrote the host (the planner checked it already).
 */
function amazonHost(run: RunContext, host: string): string {
	if (run.api === 'loginWithAmazon' || !amazonHostsOf(run.api).includes(host))
		throw new Error("Not sent: the item's host is not one of Amazon's hosts for this API");
	return host;
}

/** The item's own token, or the credential's from the process-wide cache (none for LWA itself). */
function itemTokens(run: RunContext, plan: ItemPlan): ItemTokens {
	if (plan.accessToken !== undefined) {
		const token = plan.accessToken;
		return { tokenFor: async () => token, canRefresh: false };
	}
	// A resource without a credential has only its items' own tokens: its planner must give one.
	const { credentialType } = run;
	if (credentialType === undefined)
		throw new Error('Not sent: this operation has no credential and its item gave no token');
	if (run.api === 'loginWithAmazon') return { tokenFor: async () => undefined, canRefresh: true };
	const http: HttpRequest = async (options) => await run.n8n.helpers.httpRequest(options);
	return {
		tokenFor: async (refused) =>
			await getAccessToken(
				credentialType,
				run.transport.credentials,
				http,
				refused,
				API_TOKEN_SCOPES[run.api],
			),
		canRefresh: true,
	};
}

function signing(run: RunContext, plan: ItemPlan, token: string | undefined): Signing {
	if (run.api === 'loginWithAmazon') return { kind: 'unsigned' };
	if (plan.accessToken !== undefined) return { kind: 'itemToken', token: plan.accessToken };
	// A token of another scope than the credential's own (Proactive Events on the Skill Messaging
	// credential): through n8n, its preAuthentication would first fetch the credential's own token.
	if (API_TOKEN_SCOPES[run.api] !== undefined && token !== undefined)
		return { kind: 'scopedToken', token };
	return { kind: 'credential', token };
}

/**
 * A plan with a `discover` host rule: the resource's strategy names the hosts (its lookup goes
 * through the same attempt loop), and they are tried in turn until one answers.
 */
async function sendToDiscoveredHost(
	run: RunContext,
	itemIndex: number,
	strategy: HostDiscovery,
	sendAndRead: SendAndRead,
	request: IHttpRequestOptions,
	sendTo: (request: IHttpRequestOptions, host: string) => Promise<INodeExecutionData[]>,
): Promise<{ items: INodeExecutionData[]; host: string }> {
	const hosts = await strategy.hosts(
		async (lookupRequest, host, read) =>
			await sendAndRead({ ...run.requestBase, ...lookupRequest }, host, async (response) => {
				const answer = read(response);
				if (answer === undefined)
					throw alexaApiError(run.n8n.getNode(), run.api, response, itemIndex);
				return answer;
			}),
	);
	let notHere: { items: INodeExecutionData[]; host: string } | undefined;
	let lastRefusal: unknown;
	for (const host of hosts) {
		let items: INodeExecutionData[] | undefined;
		let refusal: unknown;
		try {
			items = await sendTo(request, host);
		} catch (error) {
			refusal = error;
		}
		if (items === undefined) {
			// Carried up as it is: the item's error is made from it, with its attempts.
			if (!strategy.isWrongHost(failureOf(refusal))) throw refusal;
			lastRefusal = refusal;
			continue;
		}
		if (strategy.isNotHere(items)) {
			notHere ??= { items, host };
			continue;
		}
		return { items, host };
	}
	if (notHere) return notHere;
	throw lastRefusal;
}

/** What the item reports in place of this final failure, if its plan has an answer for it. */
function fallbackOf(plan: ItemPlan, error: unknown): IDataObject | undefined {
	const failure = failureOf(error);
	const status = isAlexaApiError(failure) ? httpStatusOf(failure) : undefined;
	const answerLost = error instanceof FailedAfterAttempts && error.answerLost;
	return status === undefined ? undefined : plan.fallback?.(status, answerLost);
}

/** When one of several messages fails, say which, and what happened to the others. */
function describePartialFailure(wrapped: unknown, index: number, count: number): unknown {
	const error = failureOf(wrapped);
	if (count === 1 || !(error instanceof Error)) return wrapped;
	const before =
		index === 0
			? 'none before it was sent'
			: `message${index === 1 ? '' : 's'} 1–${index} were accepted`;
	const after = index + 1 === count ? '' : `; ${count - index - 1} after it were not sent`;
	error.message += ` (message ${index + 1} of ${count}: ${before}${after})`;
	return wrapped;
}
