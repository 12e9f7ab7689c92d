import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { OperationFunction } from '../delivery/runner';

import type { LocalOperationModule, LocalResourceSpec } from '../../resources/resourceProperties';
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

interface LocalResource {
	resource: LocalResourceSpec;
	operations: LocalOperationModule[];
}

export function localOperationsFor(resources: LocalResource[]): Record<string, Record<string, OperationFunction>> {
	const operations: Record<string, Record<string, OperationFunction>> = {};
	for (const { resource, operations: modules } of resources) {
		const byName: Record<string, OperationFunction> = {};
		for (const module of modules) {
			byName[String(module.option.value)] = async function (this: IExecuteFunctions) {
				const output = buildItems(this, module.build);
				await module.finish?.(this, output);
				return [output];
			};
		}
		operations[String(resource.option.value)] = byName;
	}
	return operations;
}

function buildItems(n8n: IExecuteFunctions, build: LocalOperationModule['build']): INodeExecutionData[] {
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

function asItemError(n8n: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof InputProblem) {
		return inputRejection(n8n.getNode(), itemIndex, error, 'No response was built for this item.');
	}
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(n8n.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}
