import { updateDisplayOptions, type IExecuteSingleFunctions, type INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/requestPlan';
import { CHANGE_CAUSES, eventMessage, propertyCollection, readProperties, requireEndpointId } from './common';
import { endpointIdProperty } from './fields';

const displayOptions = { show: { resource: ['event'], operation: ['changeReport'] } };

const properties: INodeProperties[] = [
	endpointIdProperty,
	{
		displayName: 'Cause',
		name: 'cause',
		type: 'options',
		options: CHANGE_CAUSES,
		default: 'PHYSICAL_INTERACTION',
		description: 'What made the properties change',
	},
	propertyCollection('changedProperties', 'Changed Properties', 'The properties whose values changed'),
	propertyCollection(
		'unchangedProperties',
		'Unchanged Properties',
		'Other properties of the endpoint that did not change, sent as context',
	),
];

export const description = updateDisplayOptions(displayOptions, properties);

export function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	const endpointId = requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId'));
	const changed = readProperties(context, 'changedProperties', 'Changed Properties', true);
	const unchanged = readProperties(context, 'unchangedProperties', 'Unchanged Properties', false);
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'ChangeReport',
			endpointId,
			payload: { change: { cause: { type: context.getNodeParameter('cause') as string }, properties: changed } },
			contextProperties: unchanged,
		}),
	];
}
