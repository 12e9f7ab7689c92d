import {
	NodeOperationError,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type IHttpRequestOptions,
	type INodeProperties,
	type INodePropertyOptions,
	type INodePropertyRouting,
	type PostReceiveAction,
} from 'n8n-workflow';

import type { Planner } from './plan';

/**
 * The one contract of an operation (issue 23). Each `*.operation.ts` exports one `operation`:
 * what the Operation picker shows, its own fields, and how it runs. Its resource (the folder's
 * `index.ts`) lists it; from there come the picker option, the display options (resource and
 * operation written once each), the routing n8n sees, and the runner's table.
 */
export interface OperationBasics {
	/** The picker's value: what a workflow stores. Never change it once released. */
	value: string;
	/** The picker's name, in Title Case. */
	name: string;
	/** The action's name in the nodes panel, in sentence case. */
	action: string;
	description: string;
	/** The operation's own fields, without display options for resource and operation: its resource adds them. */
	fields: INodeProperties[];
}

/** An operation that sends a request to one of Alexa's APIs, through the runner (runner.ts). */
export interface SendingOperation extends OperationBasics {
	method: IHttpRequestOptions['method'];
	/** The path template, on the API's base URL (`/v1/skillmessages/users/{userId}`), filled by `withPath` in the planner. */
	path: string;
	/** The item's checks and its plan (plan.ts): the one place an item's input is read. */
	plan: Planner;
	/** n8n's `postReceive` hooks, in order: the error mapping first (errors/alexaApiError.ts), then what the item reports. */
	output: PostReceiveAction[];
}

/**
 * What the node says when n8n runs an operation's routing itself: an n8n that does not honour the
 * node's `customOperations` would send a request without the node's token handling, retries or
 * checks. (n8n 1.82.3 shows a DataCloneError naming this hook instead.)
 */
const UNSUPPORTED_N8N =
	"This n8n version does not run the Alexa node's own operations (customOperations), so nothing was sent. The Alexa node needs n8n 1.85 or later; it is tested with n8n 1.85.3 to 2.41.1.";

/**
 * The picker option of a sending operation, with the routing n8n sees: its method, path and
 * `postReceive` hooks, as documentation of the request and for n8n's own checks. The runner never
 * reads it (it reads the operation itself); the one `preSend` hook only runs when n8n's
 * declarative engine runs the routing, which an n8n that honours `customOperations` never does.
 */
export function sendingOption(operation: SendingOperation): INodePropertyOptions {
	const hook = async function (this: IExecuteSingleFunctions): Promise<IHttpRequestOptions> {
		throw new NodeOperationError(this.getNode(), UNSUPPORTED_N8N);
	};
	const routing: INodePropertyRouting = {
		request: { method: operation.method, url: operation.path },
		send: { preSend: [hook] },
		output: { postReceive: operation.output },
	};
	return { ...pickerEntry(operation), routing };
}

/** The picker option without routing: an operation that sends nothing (local/localOperation.ts). */
export function pickerEntry(operation: OperationBasics): INodePropertyOptions {
	return {
		name: operation.name,
		value: operation.value,
		action: operation.action,
		description: operation.description,
	};
}

/** What n8n calls through the node's `customOperations`: one run of one operation over every item. */
export type OperationFunction = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/**
 * The node's `customOperations` for some resources: resource value → operation value → the
 * function n8n calls, made by `runnerOf` from the operation's definition (the runner's for a
 * sending operation, the local executor's for one that sends nothing).
 */
export function operationTable<
	Resource extends { option: INodePropertyOptions; operations: OperationBasics[] },
>(
	resources: Resource[],
	runnerOf: (operation: Resource['operations'][number]) => OperationFunction,
): Record<string, Record<string, OperationFunction>> {
	const table: Record<string, Record<string, OperationFunction>> = {};
	for (const resource of resources) {
		const byValue: Record<string, OperationFunction> = {};
		for (const operation of resource.operations) byValue[operation.value] = runnerOf(operation);
		table[String(resource.option.value)] = byValue;
	}
	return table;
}
