import type { INodeProperties } from 'n8n-workflow';

import { credentialSelector } from '../credentialSelector';
import { mapAlexaErrors } from '../../shared/errors';
import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa';
import * as send from './send.operation';

const showOnlyForSkillMessage = { resource: ['skillMessage'] };

export const description: INodeProperties[] = [
	credentialSelector('skillMessage', SKILL_MESSAGING_CREDENTIAL),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForSkillMessage },
		options: [
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message to a skill',
				description: 'Send an asynchronous message to your skill for one user',
				routing: {
					// buildSkillMessage appends the user ID it checked: /v1/skillmessages/users/{userId}.
					request: { method: 'POST', url: '/v1/skillmessages/users' },
					send: { preSend: [send.buildSkillMessage] },
					output: { postReceive: [mapAlexaErrors, send.reportAccepted] },
				},
			},
		],
		default: 'send',
	},
	...send.description,
];
