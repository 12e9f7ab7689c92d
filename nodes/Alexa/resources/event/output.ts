import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

/**
 * The gateway answers 202 with no body. The delivery step adds what this message was
 * (messageId, eventName, endpointId, batch) to the item.
 */
export async function reportEventAccepted(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [
		{
			json: { accepted: true, statusCode: response.statusCode },
			pairedItem: { item: this.getItemIndex() },
		},
	];
}
