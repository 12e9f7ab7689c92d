import {
	getCredentialAllowedDomains,
	NodeOperationError,
	type NodeApiError,
	type DeclarativeRestApiSettings,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeRequestSend,
	type INodeTypeDescription,
	type PostReceiveAction,
	type PreSendAction,
} from 'n8n-workflow';

import { clock } from './clock';
import { signWithToken, storedAccessTokenProperty, whenSigned } from './credentialAuth';
import { deliver, errorItem, type DeliveryRun } from './delivery';
import { safeNodeError } from './errors';
import { runPostReceive } from './postReceive';
import { credentialSecrets } from './redact';
import { itemAccessToken } from './requestPlan';
import { RunLimiter } from './runLimiter';
import { rejectionOf } from './validate';

/**
 * Runs one operation of the node for every input item, from the operation's routing description:
 * the request (method, URL), its `preSend` hooks, the delivery step, its `postReceive` hooks.
 *
 * This is n8n's declarative engine (RoutingNode) narrowed to what this node's descriptions use,
 * with one difference that the engine cannot offer: what it holds per item. The engine keeps
 * every item's execution context, request and promises to the end of the run (about 10 KB per
 * item). Here every item's request is built and checked first (under 1 KB per item, held until
 * it is sent), at most ITEMS_IN_PROGRESS items are being sent at once, and an item that is done
 * leaves only its output items. The routing descriptions stay the single source of each
 * request's shape. See decision 4.
 */

/**
 * Items being delivered at once: the most requests in flight (200) and some waiting to be sent
 * again. More only holds memory: an item being delivered keeps its promises and attempts.
 */
export const ITEMS_IN_PROGRESS = 250;

/** One item's request as its `preSend` hooks left it, and the context they saw. */
interface ItemRequest {
	options: IHttpRequestOptions;
	context: IExecuteSingleFunctions;
}

/** The node run's credential: its type and its decrypted data, as n8n last stored it. */
interface RunCredentials {
	type: string;
	data: ICredentialDataDecryptedObject;
	/** Until n8n has stored a token for the run's first request (see sendWithCredential). */
	firstSend?: Promise<void>;
}

interface OperationRouting {
	method: IHttpRequestOptions['method'];
	url: string;
	preSend: PreSendAction[];
	postReceive: PostReceiveAction[];
}

/** What n8n's "Request Options" collection (added to every declarative node) holds; its timeout is the delivery step's. */
interface RequestOptionsParameter {
	batching?: { batch?: { batchSize?: number; batchInterval?: number } };
	proxy?: string;
	allowUnauthorizedCerts?: boolean;
}

/** Each resource's operations, pointing at the runner: n8n calls it in place of its engine. */
export function customOperationsFor(
	description: INodeTypeDescription,
): Record<string, Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>>> {
	const operations: Record<string, Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>>> = {};
	for (const property of description.properties) {
		if (property.name !== 'operation') continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of property.options as INodePropertyOptions[]) {
				if (!option.routing) continue;
				const routing = routingOf(option);
				operations[resource] ??= {};
				operations[resource][option.value as string] = async function (this: IExecuteFunctions) {
					return await runOperation(this, description, routing);
				};
			}
		}
	}
	return operations;
}

function routingOf(option: INodePropertyOptions): OperationRouting {
	const routing = option.routing!;
	const send = (routing.send ?? {}) as INodeRequestSend;
	return {
		method: routing.request?.method,
		url: String(routing.request?.url ?? ''),
		preSend: send.preSend ?? [],
		postReceive: routing.output?.postReceive ?? [],
	};
}

async function runOperation(
	run: IExecuteFunctions,
	description: INodeTypeDescription,
	routing: OperationRouting,
): Promise<INodeExecutionData[][]> {
	const itemCount = run.getInputData().length;
	const requestOptions = run.getNodeParameter('requestOptions', 0, {}) as RequestOptionsParameter;
	// Read and decrypted once per run, as n8n's engine does for a declarative node; each item
	// gets its own copy, since n8n writes pre-authentication results into the object it is given.
	const credentialType = run.getNodeParameter('authentication', 0) as string;
	const credentials = await run.getCredentials<ICredentialDataDecryptedObject>(credentialType, 0);
	const runCredentials: RunCredentials = { type: credentialType, data: credentials };
	const base = requestBase(run, description, requestOptions, credentials);

	// First every item's request, with its input checks: one invalid item holds back the whole
	// run (unless "Continue On Fail"), so nothing may be sent before every item was checked.
	const requests: Array<ItemRequest | undefined> = new Array(itemCount);
	const buildFailures = new Map<number, NodeApiError | NodeOperationError>();
	let firstRejection: NodeOperationError | undefined;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			if (requestOptions.proxy && !base.proxy) throw invalidProxy(run, itemIndex);
			let options = newRequest(run, base, routing, itemIndex);
			const context = itemContext(run, itemIndex, runCredentials);
			for (const preSend of routing.preSend) options = await preSend.call(context, options);
			requests[itemIndex] = { options, context };
			firstRejection ??= rejectionOf(options);
		} catch (error) {
			const nodeError = safeNodeError(run.getNode(), error, itemIndex, credentialSecrets(credentials));
			if (!run.continueOnFail()) throw nodeError;
			buildFailures.set(itemIndex, nodeError);
		}
	}

	// Then the sends, in item order, at most ITEMS_IN_PROGRESS at once. Each item's request is
	// released as soon as it is done.
	let limiter: RunLimiter | undefined;
	const deliveryRun: DeliveryRun = { firstRejection, limiter: (maxInFlight) => (limiter ??= new RunLimiter(maxInFlight)) };
	const results: INodeExecutionData[][] = new Array(itemCount);
	let firstFailure: { itemIndex: number; error: unknown } | undefined;
	const batchSize = Math.max(1, Number(requestOptions.batching?.batch?.batchSize) || 1);
	const batchInterval = Number(requestOptions.batching?.batch?.batchInterval) || 0;
	// A count and one waiter, not Promise.race over the items in progress: a race attaches a
	// handler to every one of them each time, about 60 KB per item at 1,000 in progress.
	let inProgress = 0;
	let slotFreed: (() => void) | undefined;
	let allDone: (() => void) | undefined;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		// n8n's Batching option: a pause before each batch after the first.
		if (itemIndex > 0 && batchInterval > 0 && itemIndex % batchSize === 0) await clock.sleep(batchInterval);
		while (inProgress >= ITEMS_IN_PROGRESS) await new Promise<void>((resolve) => (slotFreed = resolve));
		// Stopped by the user: send nothing more (what is in flight is aborted by n8n).
		if (run.getExecutionCancelSignal()?.aborted) break;
		const buildFailure = buildFailures.get(itemIndex);
		if (buildFailure) {
			results[itemIndex] = [errorItem(buildFailure, itemIndex)];
			continue;
		}
		const request = requests[itemIndex]!;
		requests[itemIndex] = undefined;
		inProgress++;
		void deliverItem(routing, runCredentials, deliveryRun, request)
			.then(
				(items) => {
					results[itemIndex] = items;
				},
				(error: unknown) => {
					if (!firstFailure || itemIndex < firstFailure.itemIndex) firstFailure = { itemIndex, error };
					results[itemIndex] = [];
				},
			)
			.finally(() => {
				inProgress--;
				slotFreed?.();
				slotFreed = undefined;
				if (inProgress === 0) allDone?.();
			});
	}
	if (inProgress > 0) await new Promise<void>((resolve) => (allDone = resolve));
	if (firstFailure) throw firstFailure.error;
	return [results.flat()];
}

/**
 * What every item's request starts from, the same for the whole run: the node's request
 * defaults and n8n's Request Options (proxy, SSL), limited to the credential's allowed domains.
 */
function requestBase(
	run: IExecuteFunctions,
	description: INodeTypeDescription,
	requestOptions: RequestOptionsParameter,
	credentials: ICredentialDataDecryptedObject,
): Partial<IHttpRequestOptions> {
	const base: Partial<IHttpRequestOptions> = { ...((description.requestDefaults ?? {}) as Partial<IHttpRequestOptions>) };
	if (requestOptions.proxy) base.proxy = proxyOf(requestOptions.proxy);
	if (requestOptions.allowUnauthorizedCerts) base.skipSslCertificateValidation = true;
	const allowedDomains = getCredentialAllowedDomains({ node: run.getNode(), credentialData: credentials, credentialOwnedSurface: true });
	if (allowedDomains) base.allowedDomains = allowedDomains;
	return base;
}

/** An item's request before its hooks: the run's base, with its own headers, and the routing's method and URL. */
function newRequest(run: IExecuteFunctions, base: Partial<IHttpRequestOptions>, routing: OperationRouting, itemIndex: number): IHttpRequestOptions {
	return {
		...base,
		headers: { ...(base.headers ?? {}) },
		qs: {},
		body: {},
		method: routing.method,
		// evaluateExpression adds the leading '=' itself.
		url: routing.url.startsWith('=') ? String(run.evaluateExpression(routing.url.slice(1), itemIndex)) : routing.url,
	};
}

/** Request Options → Proxy as n8n's request wants it; undefined when it is not a URL with a host. */
function proxyOf(proxy: string): IHttpRequestOptions['proxy'] | undefined {
	let url: URL;
	try {
		url = new URL(proxy);
	} catch {
		return undefined;
	}
	if (!url.hostname) return undefined;
	const protocol = url.protocol.replace(/:$/, '');
	return {
		host: url.hostname,
		port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80,
		protocol,
		...(url.username ? { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } } : {}),
	};
}

function invalidProxy(run: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(run.getNode(), 'The proxy is not valid', {
		itemIndex,
		description: 'Request Options → Proxy must be a URL with a host, such as http://user:password@proxy.example.com:8080',
	});
}

/** One item through the delivery step, which sends with `makeRoutingRequest` as the engine's would. */
async function deliverItem(
	routing: OperationRouting,
	credentials: RunCredentials,
	deliveryRun: DeliveryRun,
	{ options, context }: ItemRequest,
): Promise<INodeExecutionData[]> {
	const makeRoutingRequest = async (requestData: DeclarativeRestApiSettings.ResultOptions) => {
		requestData.options.returnFullResponse = true;
		const request = requestData.options as IHttpRequestOptions;
		// A request with the item's own customer token (Access Token Source "From Input") needs
		// nothing of the credential. Sent with it, n8n would first run its preAuthentication and
		// ask LWA for the credential's token, which this request does not use.
		const itemToken = itemAccessToken(request);
		const response =
			itemToken === undefined
				? await sendWithCredential(context, credentials, request)
				: ((await context.helpers.httpRequest(signWithToken(request, itemToken))) as IN8nHttpFullResponse);
		return await runPostReceive(context, requestData.postReceive, response);
	};
	const paginationContext = Object.create(context, { makeRoutingRequest: { value: makeRoutingRequest } }) as IExecutePaginationFunctions;
	const requestData: DeclarativeRestApiSettings.ResultOptions = {
		options,
		paginate: true,
		preSend: [],
		postReceive: [{ data: { parameterValue: undefined }, actions: routing.postReceive }],
		requestOperations: {},
	};
	return await deliver.call(paginationContext, requestData, deliveryRun);
}

/**
 * Sends with the run's credential, as n8n's engine does. When the stored access token is
 * empty, n8n first runs the credential's `preAuthentication` and stores what it returns: a read
 * and a write of the credential in n8n's database. Every item starts from the credential as read
 * at the start of the run, so without care each of 10,000 items would store the token again.
 * So while the token is empty, the run's first request goes first; the others wait until n8n
 * has stored the token and signed that request (not for its answer), then start from the
 * credential as stored: the token, and any refresh token LWA replaced.
 */
async function sendWithCredential(
	context: IExecuteSingleFunctions,
	credentials: RunCredentials,
	options: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse> {
	// No await unless there is something to wait for: the check and the claim below must
	// happen in the same turn, or two items could both go first.
	if (credentials.firstSend) await credentials.firstSend;
	// A copy: n8n writes what preAuthentication returns into the object it is given.
	const data = { ...credentials.data };
	const goesFirst = !credentials.firstSend && data[storedAccessTokenProperty.name] === '';
	const signed = goesFirst ? whenSigned(data) : undefined;
	const send = context.helpers.httpRequestWithAuthentication.call(context, credentials.type, options, {
		credentialsDecrypted: { id: '', name: '', type: credentials.type, data },
	}) as Promise<IN8nHttpFullResponse>;
	if (signed) {
		// Also released if the request fails before n8n signs it; the others then go as n8n
		// would have sent them, each with its own preAuthentication.
		const settled = send.then(
			() => undefined,
			() => undefined,
		);
		credentials.firstSend = Promise.race([signed, settled]).then(() => {
			if (data[storedAccessTokenProperty.name]) credentials.data = { ...data };
		});
	}
	return await send;
}

/**
 * What the hooks see of one item: the few methods of n8n's per-item context they use, answered
 * by the node run's context for this item. Dropped when the item is done.
 *
 * A parameter is read once per item: an n8n expression costs about 100 KB of allocations each
 * time it is evaluated, and the hooks read some parameters (the user ID) more than once. It also
 * means the item reports the very value it sent, even from an expression that uses $now.
 */
function itemContext(run: IExecuteFunctions, itemIndex: number, credentials: RunCredentials): IExecuteSingleFunctions {
	return new ItemContext(run, itemIndex, credentials) as unknown as IExecuteSingleFunctions;
}

/** A class, not an object of closures: every item's context waits from its checks to its send. */
class ItemContext {
	private readonly parameters = new Map<string, unknown>();

	constructor(
		private readonly run: IExecuteFunctions,
		private readonly itemIndex: number,
		private readonly credentials: RunCredentials,
	) {}

	get logger() {
		return this.run.logger;
	}

	get helpers() {
		return this.run.helpers;
	}

	getItemIndex() {
		return this.itemIndex;
	}

	getNode() {
		return this.run.getNode();
	}

	getInputData() {
		return this.run.getInputData()[this.itemIndex];
	}

	continueOnFail() {
		return this.run.continueOnFail();
	}

	evaluateExpression(expression: string) {
		return this.run.evaluateExpression(expression, this.itemIndex);
	}

	getNodeParameter(name: string, fallbackValue?: unknown, options?: { extractValue?: boolean }) {
		const key = options?.extractValue ? `${name}\u0000extract` : name;
		if (this.parameters.has(key)) return this.parameters.get(key);
		const value = this.run.getNodeParameter(name, this.itemIndex, fallbackValue, options);
		// A fallback is the caller's, not the parameter's: another caller may pass another.
		if (value !== fallbackValue) this.parameters.set(key, value);
		return value;
	}

	async getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T> {
		if (type === this.credentials.type) return { ...this.credentials.data } as T;
		return await this.run.getCredentials<T>(type, this.itemIndex);
	}

	getExecutionCancelSignal() {
		return this.run.getExecutionCancelSignal();
	}
}
