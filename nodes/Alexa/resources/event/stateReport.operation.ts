import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
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
		'The current value of every property the endpoint reports',
	),
];

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'StateReport',
			correlationToken: requireCorrelationToken(context),
			endpointId: requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId')),
			payload: {},
			contextProperties: readProperties(
				context.getNodeParameter('contextProperties.property', []) as IDataObject[],
				'Properties',
				true,
			),
		}),
	];
}

export const operation = eventOperation({
	name: 'Send State Report',
	value: 'stateReport',
	action: 'Send a state report',
	description: 'Answer a ReportState directive asynchronously',
	fields: properties,
	build,
});
