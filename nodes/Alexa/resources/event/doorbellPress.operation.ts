import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
import { endpointIdProperty } from './fields';
import { requireEndpointId } from '../../shared/smartHome/checks';
import { isoTime } from '../../shared/smartHome/properties';
import { eventMessage, eventOperation } from './message';

const properties: INodeProperties[] = [
	endpointIdProperty,
	{
		displayName: 'Cause',
		name: 'cause',
		type: 'options',
		options: [
			{
				name: 'Physical Interaction',
				value: 'PHYSICAL_INTERACTION',
				description: 'Someone pressed the button',
			},
		],
		default: 'PHYSICAL_INTERACTION',
		description: 'A doorbell press is always a physical interaction',
	},
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'string',
		default: '',
		placeholder: '2026-11-22T08:30:00Z',
		description: 'When the button was pressed, ISO 8601. Empty means now.',
	},
];

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	return [
		eventMessage({
			namespace: 'Alexa.DoorbellEventSource',
			name: 'DoorbellPress',
			endpointId: requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId')),
			// Amazon's schema allows no fraction of a second in this timestamp.
			payload: {
				cause: { type: context.getNodeParameter('cause') as string },
				timestamp: isoTime('Timestamp', context.getNodeParameter('timestamp', ''), false),
			},
		}),
	];
}

export const operation = eventOperation({
	name: 'Send Doorbell Press',
	value: 'doorbellPress',
	action: 'Send a doorbell press',
	description: 'Tell Alexa someone pressed a doorbell',
	fields: properties,
	build,
});
