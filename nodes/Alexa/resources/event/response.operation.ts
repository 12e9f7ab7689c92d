import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
import { requireJsonObject } from '../../shared/input/validate';
import { correlationTokenProperty, endpointIdProperty, requireCorrelationToken } from './fields';
import { requireEndpointId } from '../../shared/smartHome/checks';
import { propertyCollection, readProperties } from '../../shared/smartHome/properties';
import { eventMessage, eventOperation } from './message';

const properties: INodeProperties[] = [
	correlationTokenProperty,
	endpointIdProperty,
	propertyCollection(
		'contextProperties',
		'Properties',
		'The properties the directive changed, with their new values, and any other properties of the endpoint',
	),
	{
		displayName: 'Payload (JSON)',
		name: 'payloadJson',
		type: 'json',
		default: '{}',
		description: 'Most responses have an empty payload; some interfaces define one',
	},
];

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'Response',
			correlationToken: requireCorrelationToken(context),
			endpointId: requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId')),
			payload: requireJsonObject(
				'Payload (JSON)',
				context.getNodeParameter('payloadJson', '{}'),
			) as never,
			contextProperties: readProperties(
				context.getNodeParameter('contextProperties.property', []) as IDataObject[],
				'Properties',
				false,
			),
		}),
	];
}

export const operation = eventOperation({
	name: 'Send Response',
	value: 'response',
	action: 'Send a response',
	description: 'Answer a directive asynchronously with success',
	fields: properties,
	build,
});
