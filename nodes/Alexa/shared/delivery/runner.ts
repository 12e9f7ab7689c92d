import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeRequestSend,
	type INodeTypeDescription,
	type PostReceiveAction,
} from 'n8n-workflow';

import { errorItem, safeNodeError } from '../errors/safeErrors';
import { InputProblem, inputRejection } from '../input/validate';
import { clock } from '../util/clock';
import { deliverItem, type PlannedItem } from './deliverItem';
import { itemContext } from './itemContext';
import { plannerOf, type Planner } from './plan';
import { readRunContext, type RunContext } from './runContext';

/**
 * Runs one operation of the node for every input item, from the operation's routing description
 * (method, path template, planner, `postReceive` hooks): n8n calls it through `customOperations`
 * in place of its declarative engine (decision 4).
 *
 * 1. The run context, once (runContext.ts).
 * 2. Every item's plan, with its input checks, before anything is sent: one invalid item holds
 *    back the whole run unless "Continue On Fail" is on.
 * 3. The sends, in item order, at most ITEMS_IN_PROGRESS items at once (deliverItem.ts). Each
 *    item's plan is released as soon as it is done, leaving only its output items.
 */

/**
 * Items being delivered at once: the most requests in flight (200) and some waiting to be sent
 * again. More only holds memory: an item being delivered keeps its promises and attempts.
 */
export const ITEMS_IN_PROGRESS = 250;

/** What the runner takes from an operation's routing description; anything else there would be ignored. */
interface OperationRouting {
	method: IHttpRequestOptions['method'];
	url: string;
	planner: Planner;
	postReceive: PostReceiveAction[];
}

type OperationFunction = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/** Each resource's operations, pointing at the runner: n8n calls it in place of its engine. */
export function customOperationsFor(description: INodeTypeDescription): Record<string, Record<string, OperationFunction>> {
	const operations: Record<string, Record<string, OperationFunction>> = {};
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
	const preSend = ((routing.send ?? {}) as INodeRequestSend).preSend ?? [];
	const planner = preSend.length === 1 ? plannerOf(preSend[0]) : undefined;
	if (!planner) throw new Error(`Operation "${String(option.value)}" must have exactly one preSend hook, made by plannedRouting()`);
	return {
		method: routing.request?.method,
		url: String(routing.request?.url ?? ''),
		planner,
		postReceive: routing.output?.postReceive ?? [],
	};
}

async function runOperation(
	n8n: IExecuteFunctions,
	description: INodeTypeDescription,
	routing: OperationRouting,
): Promise<INodeExecutionData[][]> {
	const run = await readRunContext(n8n, description);
	const itemCount = n8n.getInputData().length;

	// First every item's plan, with its input checks.
	const plans: Array<PlannedItem | undefined> = new Array(itemCount);
	const rejections = new Map<number, NodeOperationError>();
	const failures = new Map<number, ReturnType<typeof safeNodeError>>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			if (run.invalidProxy) throw invalidProxy(n8n, itemIndex);
			plans[itemIndex] = await planItem(run, routing, itemIndex);
		} catch (error) {
			if (error instanceof InputProblem) {
				rejections.set(itemIndex, rejection(n8n, itemIndex, error));
				continue;
			}
			const nodeError = safeNodeError(n8n.getNode(), asNodeError(n8n, error, itemIndex), itemIndex, run.secrets);
			if (!run.continueOnFail) throw nodeError;
			failures.set(itemIndex, nodeError);
		}
	}
	const firstRejection = rejections.values().next().value;
	if (firstRejection && !run.continueOnFail) {
		// Nothing is sent; the error is the first item's, as n8n reports the first failed item.
		throw rejections.get(0) ?? notSentBecauseOf(n8n, 0, firstRejection);
	}

	// Then the sends, in item order, at most ITEMS_IN_PROGRESS at once.
	const results: INodeExecutionData[][] = new Array(itemCount);
	let firstFailure: { itemIndex: number; error: unknown } | undefined;
	// A count and one waiter, not Promise.race over the items in progress: a race attaches a
	// handler to every one of them each time, about 60 KB per item at 1,000 in progress.
	let inProgress = 0;
	let slotFreed: (() => void) | undefined;
	let allDone: (() => void) | undefined;
	const { size: batchSize, intervalMs: batchInterval } = run.batching;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		// n8n's Batching option: a pause before each batch after the first.
		if (itemIndex > 0 && batchInterval > 0 && itemIndex % batchSize === 0) await clock.sleep(batchInterval);
		while (inProgress >= ITEMS_IN_PROGRESS) await new Promise<void>((resolve) => (slotFreed = resolve));
		// Stopped by the user: send nothing more (what is in flight is aborted by n8n).
		if (n8n.getExecutionCancelSignal()?.aborted) break;
		// With Continue On Fail, an item that could not be planned is its error item.
		const notPlanned = rejections.get(itemIndex) ?? failures.get(itemIndex);
		if (notPlanned) {
			results[itemIndex] = [errorItem(notPlanned, itemIndex)];
			continue;
		}
		const item = plans[itemIndex]!;
		plans[itemIndex] = undefined;
		inProgress++;
		void deliverItem(run, item, routing.postReceive)
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

/** One item's plan: its request from the run's base and the routing's method and path template, then the operation's planner. */
async function planItem(run: RunContext, routing: OperationRouting, itemIndex: number): Promise<PlannedItem> {
	const request: IHttpRequestOptions = {
		...run.requestBase,
		headers: { ...(run.requestBase.headers ?? {}) },
		qs: {},
		body: {},
		method: routing.method,
		url: routing.url,
	};
	const item = itemContext(run.n8n, itemIndex, run.credentialType, () => run.transport.credentials);
	return { index: itemIndex, context: item, plan: await routing.planner(item, request) };
}

/** An input check that failed: the item, the field and what to do. Nothing was sent for the item. */
function rejection(n8n: IExecuteFunctions, itemIndex: number, problem: InputProblem): NodeOperationError {
	return inputRejection(n8n.getNode(), itemIndex, problem, 'Nothing was sent for this item.');
}

function notSentBecauseOf(n8n: IExecuteFunctions, itemIndex: number, rejection: NodeOperationError): NodeOperationError {
	return new NodeOperationError(
		n8n.getNode(),
		`Item ${itemIndex} was not sent, because another item's input is invalid: ${rejection.message}`,
		{ itemIndex, description: rejection.description ?? undefined },
	);
}

/** A planner's own failure (not an input problem) as n8n reports an operation's error. */
function asNodeError(n8n: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	if (error instanceof NodeOperationError || error instanceof NodeApiError || !(error instanceof Error)) return error;
	return new NodeOperationError(n8n.getNode(), error, { itemIndex });
}

function invalidProxy(n8n: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(n8n.getNode(), 'The proxy is not valid', {
		itemIndex,
		description: 'Request Options → Proxy must be a URL with a host, such as http://user:password@proxy.example.com:8080',
	});
}
