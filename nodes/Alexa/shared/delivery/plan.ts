import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { HostDiscovery } from './hostDiscovery';

/**
 * What one item is to send, as its operation planned it: the only thing that passes from an
 * operation to the delivery step. Every operation has one planner, which checks the item's
 * input (throwing `InputProblem`) and returns the plan; nothing is kept on the side.
 */
export interface ItemPlan {
	/** The request's method, path (see `withPath`), headers and body (the first message's). */
	request: IHttpRequestOptions;
	/** The messages to send, one after another: usually the one body, but a discovery report of 1,000 endpoints is four. */
	messages: PlannedMessage[];
	/** Which host the request goes to. */
	host: HostRule;
	/** Add the host that answered to the output (Skill Enablement for a customer). */
	reportHost?: boolean;
	/**
	 * The item's own access token (Access Token Source "From Input", or the token of the request
	 * Alexa sent the skill): sent as given, never refreshed. A resource without a credential
	 * (`sendingResource` with none) sends with this token only.
	 */
	accessToken?: string;
	/** What the item reports instead of an error when Alexa's final answer has a documented fallback. */
	fallback?: FallbackAnswer;
	/** The kind of request, where its API's retry policy tells kinds apart (`RetryPolicy.singleUse`): LWA's grant type. */
	requestKind?: string;
}

/** One message of an item, and the fields its output item reports (message ID, event name, batch…). */
export interface PlannedMessage {
	body: IDataObject | string;
	output: IDataObject;
}

/**
 * `region`: the API's host in the credential's region. `global`: api.amazonalexa.com whatever the
 * region (Skill Enablement for the developer, Get API Endpoint). `discover`: the hosts the
 * resource's strategy finds, tried in turn (Skill Enablement for a customer). `item`: the host the
 * item names (a progressive response goes to the apiEndpoint of Alexa's request), which the
 * planner has checked is one of the API's Amazon hosts (`amazonApiHost` in alexa/hosts.ts);
 * delivery checks it again before anything is sent.
 */
export type HostRule =
	| { kind: 'region' }
	| { kind: 'global' }
	| { kind: 'discover'; strategy: HostDiscovery }
	| { kind: 'item'; host: string };

/**
 * The item's output for Alexa's final HTTP status, or undefined when that status stays an error.
 * `answerLost`: an earlier attempt of this message may have reached Alexa without its answer
 * reaching the node (a broken connection after sending, or a 5xx).
 */
export type FallbackAnswer = (statusCode: number, answerLost: boolean) => IDataObject | undefined;

/** An operation's planner: the item's checks and its plan, from the request its routing describes. */
export type Planner = (
	context: IExecuteSingleFunctions,
	request: IHttpRequestOptions,
) => ItemPlan | Promise<ItemPlan>;

/** A plan of one message with the request's body as it is: what most operations send. */
export function singleMessage(
	request: IHttpRequestOptions,
	rest: Omit<ItemPlan, 'request' | 'messages'> = { host: { kind: 'region' } },
): ItemPlan {
	return {
		request,
		messages: [{ body: (request.body ?? {}) as IDataObject, output: {} }],
		...rest,
	};
}

/**
 * The one way to build a path: the routing's URL is a template (`/v1/skills/{skillId}/stages/{stage}/enablement`),
 * and the planner fills it with values it has checked, each URL-encoded.
 */
export function withPath(
	request: IHttpRequestOptions,
	values: Record<string, string>,
): IHttpRequestOptions {
	request.url = request.url.replace(/\{(\w+)\}/g, (whole, name: string) => {
		if (!(name in values)) throw new Error(`No value for {${name}} in the path ${request.url}`);
		return encodeURIComponent(values[name]);
	});
	return request;
}
