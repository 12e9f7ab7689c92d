import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
import { CHANGE_CAUSES, endpointIdProperty } from './fields';
import { requireEndpointId } from '../../shared/smartHome/checks';
import { propertyCollection, readProperties } from '../../shared/smartHome/properties';
import { eventMessage, eventOperation } from './message';

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
	propertyCollection(
		'changedProperties',
		'Changed Properties',
		'The properties whose values changed',
	),
	propertyCollection(
		'unchangedProperties',
		'Unchanged Properties',
		'Other properties of the endpoint that did not change, sent as context',
	),
];

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	const endpointId = requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId'));
	const changed = readProperties(
		context.getNodeParameter('changedProperties.property', []) as IDataObject[],
		'Changed Properties',
		true,
	);
	const unchanged = readProperties(
		context.getNodeParameter('unchangedProperties.property', []) as IDataObject[],
		'Unchanged Properties',
		false,
	);
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'ChangeReport',
			endpointId,
			payload: {
				change: {
					cause: { type: context.getNodeParameter('cause') as string },
					properties: changed,
				},
			},
			contextProperties: unchanged,
		}),
	];
}

export const operation = eventOperation({
	name: 'Send Change Report',
	value: 'changeReport',
	action: 'Send a change report',
	description: 'Tell Alexa that properties of an endpoint changed',
	fields: properties,
	build,
});
