import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';

/**
 * The items an answer becomes, as n8n's engine makes them: one item holding the body, passed
 * through the operation's `postReceive` hooks in order. This node's hooks are all functions
 * (the runner's contract test checks that).
 */
export async function runPostReceive(
	context: IExecuteSingleFunctions,
	actions: PostReceiveAction[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
	for (const action of actions) {
		if (typeof action === 'function') items = await action.call(context, items, response);
	}
	return items;
}
