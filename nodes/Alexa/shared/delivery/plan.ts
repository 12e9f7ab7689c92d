import {
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodePropertyRouting,
	type PostReceiveAction,
} from 'n8n-workflow';

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
	/** The item's own access token (Access Token Source "From Input"): sent as given, never refreshed. */
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
 * resource's strategy finds, tried in turn (Skill Enablement for a customer).
 */
export type HostRule = { kind: 'region' } | { kind: 'global' } | { kind: 'discover'; strategy: HostDiscovery };

/**
 * The item's output for Alexa's final HTTP status, or undefined when that status stays an error.
 * `answerLost`: an earlier attempt of this message may have reached Alexa without its answer
 * reaching the node (a broken connection after sending, or a 5xx).
 */
export type FallbackAnswer = (statusCode: number, answerLost: boolean) => IDataObject | undefined;

/** An operation's planner: the item's checks and its plan, from the request its routing describes. */
export type Planner = (context: IExecuteSingleFunctions, request: IHttpRequestOptions) => ItemPlan | Promise<ItemPlan>;

/** A plan of one message with the request's body as it is: what most operations send. */
export function singleMessage(request: IHttpRequestOptions, rest: Omit<ItemPlan, 'request' | 'messages'> = { host: { kind: 'region' } }): ItemPlan {
	return { request, messages: [{ body: (request.body ?? {}) as IDataObject, output: {} }], ...rest };
}

/**
 * The one way to build a path: the routing's URL is a template (`/v1/skills/{skillId}/stages/{stage}/enablement`),
 * and the planner fills it with values it has checked, each URL-encoded.
 */
export function withPath(request: IHttpRequestOptions, values: Record<string, string>): IHttpRequestOptions {
	request.url = request.url.replace(/\{(\w+)\}/g, (whole, name: string) => {
		if (!(name in values)) throw new Error(`No value for {${name}} in the path ${request.url}`);
		return encodeURIComponent(values[name]);
	});
	return request;
}

/** Marks the `preSend` hook that carries an operation's planner, so that the runner can call the planner itself. */
const PLANNER = Symbol('alexaPlanner');

type PlanningHook = ((this: IExecuteSingleFunctions, request: IHttpRequestOptions) => Promise<IHttpRequestOptions>) & {
	[PLANNER]?: Planner;
};

/**
 * What the node says when n8n runs an operation's routing itself: an n8n that does not honour the
 * node's `customOperations` would send a request without the node's token handling, retries or
 * checks. (n8n 1.82.3 shows a DataCloneError naming this hook instead.)
 */
const UNSUPPORTED_N8N =
	'This n8n version does not run the Alexa node\'s own operations (customOperations), so nothing was sent. The Alexa node needs n8n 1.85 or later; it is tested with n8n 1.85.3 to 2.41.1.';

/**
 * An operation's routing: its method and path template, the planner as its one `preSend` hook,
 * and its `postReceive` hooks. The node's runner calls the planner directly and keeps the whole
 * plan; the hook itself only runs when n8n's declarative engine runs the routing, which an n8n
 * that honours `customOperations` never does for this node.
 */
export function plannedRouting(
	method: IHttpRequestOptions['method'],
	url: string,
	planner: Planner,
	postReceive: PostReceiveAction[],
): INodePropertyRouting {
	const hook: PlanningHook = async function (this: IExecuteSingleFunctions) {
		throw new NodeOperationError(this.getNode(), UNSUPPORTED_N8N);
	};
	hook[PLANNER] = planner;
	return {
		request: { method, url },
		send: { preSend: [hook] },
		output: { postReceive },
	};
}

/** The planner behind a routing's `preSend` hook, if it was made by `plannedRouting`. */
export function plannerOf(hook: unknown): Planner | undefined {
	return typeof hook === 'function' ? (hook as PlanningHook)[PLANNER] : undefined;
}
