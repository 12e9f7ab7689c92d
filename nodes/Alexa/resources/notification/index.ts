import type { INodeProperties } from 'n8n-workflow';

import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa/tokens';
import { resourceProperties, type ResourceSpec } from '../resourceProperties';
import * as sendNotification from './sendNotification.operation';

/**
 * Notifications through the Proactive Events API, with the Skill Messaging credential: the same
 * client ID and secret, a token of its own scope (shared/lwa/tokens.ts).
 */
export const resource: ResourceSpec = {
	option: { name: 'Notification', value: 'notification', description: 'Alexa notifications (proactive events) for one user or every subscriber' },
	api: 'proactiveEvents',
	credential: SKILL_MESSAGING_CREDENTIAL,
};

export const description: INodeProperties[] = resourceProperties(resource, [sendNotification], 'sendNotification');
