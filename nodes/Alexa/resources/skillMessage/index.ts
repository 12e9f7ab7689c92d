import type { INodeProperties } from 'n8n-workflow';

import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa/tokens';
import { resourceProperties, type ResourceSpec } from '../resourceProperties';
import * as send from './send.operation';

/** Messages to a skill for one user (Skill Messaging API). */
export const resource: ResourceSpec = {
	option: { name: 'Skill Message', value: 'skillMessage', description: 'Messages to your skill for one user' },
	api: 'skillMessaging',
	credential: SKILL_MESSAGING_CREDENTIAL,
};

export const description: INodeProperties[] = resourceProperties(resource, [send], 'send');
