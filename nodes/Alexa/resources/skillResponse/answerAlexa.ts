import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { clock } from '../../shared/util/clock';

/**
 * What Build does after the items are built, when the workflow was started by the Alexa Trigger:
 * - it tells the user, in the execution, when the answer came too late for Alexa (Alexa waits 8 s,
 *   then says the skill did not respond; the trigger's item carries `answerBy`);
 * - with Respond to Alexa Now, it sends the first item to Alexa at once, as n8n's Respond to
 *   Webhook node does (`sendResponse`), for the trigger's "Using 'Respond to Webhook' Node" mode.
 */
export async function answerAlexa(
	n8n: IExecuteFunctions,
	output: INodeExecutionData[],
): Promise<void> {
	const trigger = alexaTriggerItem(n8n);
	if (trigger && typeof trigger.answerBy === 'string') {
		const now = clock.now();
		const late = now - Date.parse(trigger.answerBy);
		if (late > 0) {
			const received = Date.parse(String(trigger.receivedAt));
			const took = Number.isNaN(received)
				? ''
				: ` ${((now - received) / 1000).toFixed(1)} s after the request arrived`;
			throw new NodeOperationError(
				n8n.getNode(),
				`Too late for Alexa: this answer was ready${took}, and Alexa waits at most 8 s`,
				{
					description:
						"Alexa has already told the user that the skill did not respond, so this answer was not heard. Make the steps between the Alexa Trigger and this node faster, or set the trigger's Respond to Immediately and reach the user later with Alexa → Notification.",
				},
			);
		}
	}
	const options = n8n.getNodeParameter('options', 0, {}) as IDataObject;
	const first = output.find((item) => !item.error);
	if (options.respondNow === true && first) {
		n8n.sendResponse({
			body: first.json,
			headers: { 'content-type': 'application/json;charset=UTF-8' },
			statusCode: 200,
		});
	}
}

/** The Alexa Trigger's item of this execution, if an Alexa Trigger started it. */
function alexaTriggerItem(n8n: IExecuteFunctions): IDataObject | undefined {
	const trigger = n8n
		.getParentNodes(n8n.getNode().name)
		.find((node) => /\.alexaTrigger$/.test(node.type) && !node.disabled);
	if (!trigger) return undefined;
	try {
		return n8n.getWorkflowDataProxy(0).$(trigger.name).first().json as IDataObject;
	} catch {
		// The trigger did not run in this execution (a manual run from a later node).
		return undefined;
	}
}
