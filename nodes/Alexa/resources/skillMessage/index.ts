import type { INodeProperties } from 'n8n-workflow';

import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa/tokens';
import { credentialSelector } from '../credentialSelector';
import * as send from './send.operation';

export const description: INodeProperties[] = [
	credentialSelector('skillMessage', SKILL_MESSAGING_CREDENTIAL),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['skillMessage'] } },
		options: [send.option],
		default: 'send',
	},
	...send.description,
];
