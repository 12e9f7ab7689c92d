import type { INodeProperties } from 'n8n-workflow';

import { mapAlexaErrors } from '../../shared/errors';
import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa';
import * as send from './send.operation';

const showOnlyForSkillMessage = { resource: ['skillMessage'] };

export const description: INodeProperties[] = [
	{
		// n8n picks a declarative node's credential by the parameter named `authentication`.
		displayName: 'Authentication',
		name: 'authentication',
		type: 'hidden',
		default: SKILL_MESSAGING_CREDENTIAL,
		displayOptions: { show: showOnlyForSkillMessage },
	},
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
					request: {
						method: 'POST',
						url: '=/v1/skillmessages/users/{{ encodeURIComponent(String($parameter.userId).trim()) }}',
					},
					send: { paginate: true, preSend: [send.buildSkillMessage] },
					output: { postReceive: [mapAlexaErrors, send.reportAccepted] },
				},
			},
		],
		default: 'send',
	},
	...send.description,
];
