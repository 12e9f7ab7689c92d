import { updateDisplayOptions, type IExecuteSingleFunctions, type INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/requestPlan';
import {
	eventMessage,
	propertyCollection,
	readProperties,
	requireCorrelationToken,
	requireEndpointId,
} from './common';
import { correlationTokenProperty, endpointIdProperty } from './fields';

const displayOptions = { show: { resource: ['event'], operation: ['stateReport'] } };

const properties: INodeProperties[] = [
	correlationTokenProperty,
	endpointIdProperty,
	propertyCollection('contextProperties', 'Properties', 'The current value of every property the endpoint reports'),
];

export const description = updateDisplayOptions(displayOptions, properties);

export function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'StateReport',
			correlationToken: requireCorrelationToken(context),
			endpointId: requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId')),
			payload: {},
			contextProperties: readProperties(context, 'contextProperties', 'Properties', true),
		}),
	];
}
