import { updateDisplayOptions, type IExecuteSingleFunctions, type INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/requestPlan';
import { requireJsonObject } from '../../shared/validate';
import {
	eventMessage,
	propertyCollection,
	readProperties,
	requireCorrelationToken,
	requireEndpointId,
} from './common';
import { correlationTokenProperty, endpointIdProperty } from './fields';

const displayOptions = { show: { resource: ['event'], operation: ['response'] } };

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

export const description = updateDisplayOptions(displayOptions, properties);

export function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'Response',
			correlationToken: requireCorrelationToken(context),
			endpointId: requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId')),
			payload: requireJsonObject('Payload (JSON)', context.getNodeParameter('payloadJson', '{}')) as never,
			contextProperties: readProperties(context, 'contextProperties', 'Properties', false),
		}),
	];
}
