import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { errorItem } from '../errors/safeErrors';
import { clock } from '../util/clock';
import { deliverItem } from './deliverItem';
import { isPlanned, ItemPlans } from './itemPlans';
import { operationTable, type OperationFunction, type SendingOperation } from './operation';
import { readRunContext } from './runContext';

/**
 * Runs one operation of the node for every input item, from its definition (operation.ts: method,
 * path template, planner, output hooks): n8n calls it through `customOperations` in place of its
 * declarative engine (decision 4).
 *
 * 1. The run context, once (runContext.ts).
 * 2. Every item's plan, with its input checks (itemPlans.ts): before anything is sent, since one
 *    invalid item holds back the whole run; with "Continue On Fail", where an invalid item is only
 *    its error item, just ahead of the sends instead, so that planning overlaps the network.
 * 3. The sends, in item order, at most ITEMS_IN_PROGRESS items at once (deliverItem.ts). Each
 *    item's plan is released as soon as it is taken, leaving only its output items.
 */

/**
 * Items being delivered at once: the most requests in flight (200) and some waiting to be sent
 * again. More only holds memory: an item being delivered keeps its promises and attempts.
 */
export const ITEMS_IN_PROGRESS = 250;

/** What the runner reads of a resource that sends: its picker value and its operations. */
interface SendingResource {
	option: INodePropertyOptions;
	operations: SendingOperation[];
}

/**
 * Each resource's operations, pointing at the runner: n8n calls them through `customOperations`
 * in place of its engine. The table comes from the operations themselves (operation.ts), not from
 * the routing n8n sees.
 */
export function customOperationsFor(
	description: INodeTypeDescription,
	resources: SendingResource[],
): Record<string, Record<string, OperationFunction>> {
	return operationTable(
		resources,
		(operation) =>
			async function (this: IExecuteFunctions) {
				return await runOperation(this, description, operation);
			},
	);
}

async function runOperation(
	n8n: IExecuteFunctions,
	description: INodeTypeDescription,
	operation: SendingOperation,
): Promise<INodeExecutionData[][]> {
	const run = await readRunContext(n8n, description);
	const itemCount = n8n.getInputData().length;
	const plans = new ItemPlans(run, operation, itemCount);
	if (!run.continueOnFail) await plans.planAll();

	// The sends, in item order, at most ITEMS_IN_PROGRESS at once.
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
		if (itemIndex > 0 && batchInterval > 0 && itemIndex % batchSize === 0)
			await clock.sleep(batchInterval);
		// While every slot is taken, the next items are planned (with Continue On Fail; see ItemPlans).
		while (inProgress >= ITEMS_IN_PROGRESS) {
			if (await plans.planAhead(itemIndex)) continue;
			await new Promise<void>((resolve) => (slotFreed = resolve));
		}
		// Stopped by the user: send nothing more (what is in flight is aborted by n8n).
		if (n8n.getExecutionCancelSignal()?.aborted) break;
		const item = await plans.take(itemIndex);
		// With Continue On Fail, an item that could not be planned is its error item.
		if (!isPlanned(item)) {
			results[itemIndex] = [errorItem(item, itemIndex)];
			continue;
		}
		inProgress++;
		void deliverItem(run, item, operation.output)
			.then(
				(items) => {
					results[itemIndex] = items;
				},
				(error: unknown) => {
					if (!firstFailure || itemIndex < firstFailure.itemIndex)
						firstFailure = { itemIndex, error };
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
