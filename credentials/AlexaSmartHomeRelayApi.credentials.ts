import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	MIN_SECRET_LENGTH,
	SMART_HOME_RELAY_CREDENTIAL,
} from '../nodes/AlexaSmartHomeTrigger/verification/relayRules';

/**
 * The secret the smart home relay in AWS Lambda and the Alexa Smart Home Trigger share: the relay
 * signs each directive with it, the trigger checks the signature
 * (docs/decisions/0010-smart-home-relay.md). Nothing is sent with it, so there is no request to
 * authenticate and nothing to test against Amazon.
 */
export class AlexaSmartHomeRelayApi implements ICredentialType {
	name = SMART_HOME_RELAY_CREDENTIAL;

	displayName = 'Alexa Smart Home Relay API';

	icon: Icon = {
		light: 'file:../nodes/Alexa/alexa.svg',
		dark: 'file:../nodes/Alexa/alexa.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-alexa/n8n-nodes-alexa#alexa-smart-home-trigger';

	properties: INodeProperties[] = [
		{
			displayName: `The same secret goes into the relay's CloudFormation stack (parameter RelaySecret). Make one of at least ${MIN_SECRET_LENGTH} random characters, for example with: openssl rand -hex 32`,
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Relay Secret',
			name: 'relaySecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `The secret the relay signs each directive with (HMAC-SHA256); at least ${MIN_SECRET_LENGTH} characters, the same as the stack's RelaySecret`,
		},
	];
}
