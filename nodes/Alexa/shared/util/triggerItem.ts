import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** The few methods of n8n's contexts (a node run's, or one item's) that find a trigger's item. */
type Context = Pick<IExecuteFunctions, 'getNode' | 'getParentNodes'> & {
	getWorkflowDataProxy(itemIndex: number): ReturnType<IExecuteFunctions['getWorkflowDataProxy']>;
};

/**
 * The item of the trigger (by its node type, in any package: `alexaTrigger`) that started this
 * execution, if one did: the first item of the first enabled upstream node of that type that ran.
 * A trigger outputs one item per request. Used to check an answer's time (local/answerTrigger.ts)
 * and to find the request's token and host (input/alexaRequest.ts).
 */
export function triggerItem(
	context: Context,
	nodeType: string,
	itemIndex = 0,
): IDataObject | undefined {
	const triggers = context
		.getParentNodes(context.getNode().name)
		.filter((node) => node.type.endsWith(`.${nodeType}`) && !node.disabled);
	for (const trigger of triggers) {
		try {
			const item = context.getWorkflowDataProxy(itemIndex).$(trigger.name).first() as
				| { json?: IDataObject }
				| undefined;
			if (item?.json) return item.json;
		} catch {
			// That trigger did not run in this execution (a workflow with two, or a manual run from a later node).
		}
	}
	return undefined;
}
