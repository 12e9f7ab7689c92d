import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
} from 'n8n-workflow';

import {
	operationTable,
	type OperationBasics,
	type OperationFunction,
} from '../delivery/operation';
import { errorItem } from '../errors/safeErrors';
import { InputProblem, inputRejection } from '../input/validate';

/**
 * Operations that send nothing (Skill Response → Build): n8n calls them through
 * `customOperations`, next to the sending operations' runner (delivery/runner.ts), which they
 * never pass through. No credential is read, no Request or Delivery Option applies.
 *
 * Errors follow the runner's rules: an input problem names the item, the field and what to do;
 * with Continue On Fail the item becomes an error item paired with it and the other items are
 * built; without it the first failing item fails the node.
 */

/**
 * An operation that sends nothing: the one operation contract (delivery/operation.ts) with a local
 * executor. `build` makes one item's output from its parameters and throws `InputProblem` for bad
 * input; its picker option has no routing, so n8n never offers it to its declarative engine.
 */
export interface LocalOperation extends OperationBasics {
	build: (n8n: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** Runs once after every item is built (Build Response: the Alexa deadline and Respond to Alexa Now). */
	finish?: (n8n: IExecuteFunctions, output: INodeExecutionData[]) => Promise<void>;
}

/** What this executor reads of a resource whose operations send nothing: its picker value and its operations. */
interface LocalResource {
	option: INodePropertyOptions;
	operations: LocalOperation[];
}

/** Each resource's operations that send nothing, pointing at this executor: n8n calls them through `customOperations`. */
export function localOperationsFor(
	resources: LocalResource[],
): Record<string, Record<string, OperationFunction>> {
	return operationTable(
		resources,
		(operation) =>
			async function (this: IExecuteFunctions) {
				const output = buildItems(this, operation.build);
				await operation.finish?.(this, output);
				return [output];
			},
	);
}

function buildItems(n8n: IExecuteFunctions, build: LocalOperation['build']): INodeExecutionData[] {
	const continueOnFail = n8n.continueOnFail();
	const itemCount = n8n.getInputData().length;
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		let failure: NodeOperationError | undefined;
		try {
			output.push({ json: build(n8n, itemIndex), pairedItem: { item: itemIndex } });
		} catch (error) {
			failure = asItemError(n8n, error, itemIndex);
		}
		if (!failure) continue;
		if (!continueOnFail) throw failure;
		output.push(errorItem(failure, itemIndex));
	}
	return output;
}

function asItemError(
	n8n: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	if (error instanceof InputProblem) {
		return inputRejection(n8n.getNode(), itemIndex, error, 'No response was built for this item.');
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(n8n.getNode(), error instanceof Error ? error : String(error), {
		itemIndex,
	});
}
