import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { clock } from '../util/clock';
import { triggerItem } from '../util/triggerItem';

/**
 * What an operation that answers Alexa does after the items are built, when the workflow was
 * started by one of the package's triggers (the Alexa Trigger for Skill Response, the Alexa Smart
 * Home Trigger for Smart Home Response):
 * - it tells the user, in the execution, when the answer came too late for Alexa (Alexa waits 8 s;
 *   the trigger's item carries `answerBy`);
 * - with Respond to Alexa Now, it sends the first item to Alexa at once, as n8n's Respond to
 *   Webhook node does (`sendResponse`), for the trigger's "Using 'Respond to Webhook' Node" mode.
 */
export interface AnsweredTrigger {
	/** The trigger's node type without its package (`alexaTrigger`). */
	nodeType: string;
	/** What the user can do instead, when the answer came too late. */
	whenLate: string;
}

/** The Respond to Alexa Now option, for an operation's Options collection. */
export function respondNowOption(triggerName: string): INodeProperties {
	return {
		displayName: 'Respond to Alexa Now',
		name: 'respondNow',
		type: 'boolean',
		default: false,
		description: `Whether to send the first item to Alexa as soon as it is built. Use it when the ${triggerName}'s Respond is "Using 'Respond to Webhook' Node"; the workflow goes on after the answer.`,
	};
}

export async function answerTrigger(
	n8n: IExecuteFunctions,
	output: INodeExecutionData[],
	trigger: AnsweredTrigger,
): Promise<void> {
	const item = triggerItem(n8n, trigger.nodeType);
	if (item && typeof item.answerBy === 'string') {
		const now = clock.now();
		const late = now - Date.parse(item.answerBy);
		if (late > 0) {
			const received = Date.parse(String(item.receivedAt));
			const took = Number.isNaN(received)
				? ''
				: ` ${((now - received) / 1000).toFixed(1)} s after the request arrived`;
			throw new NodeOperationError(
				n8n.getNode(),
				`Too late for Alexa: this answer was ready${took}, and Alexa waits at most 8 s`,
				{
					description: `This answer came after Alexa stopped waiting, so the user did not hear it. ${trigger.whenLate}`,
				},
			);
		}
	}
	const options = n8n.getNodeParameter('options', 0, {}) as IDataObject;
	const first = output.find((entry) => !entry.error);
	if (options.respondNow === true && first) {
		n8n.sendResponse({
			body: first.json,
			headers: { 'content-type': 'application/json;charset=UTF-8' },
			statusCode: 200,
		});
	}
}
