import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa/tokens';
import { sendingResource } from '../defineResource';
import * as sendNotification from './sendNotification.operation';

/**
 * Notifications through the Proactive Events API, with the Skill Messaging credential: the same
 * client ID and secret, a token of its own scope (shared/lwa/tokens.ts).
 */
export const resource = sendingResource({
	option: {
		name: 'Notification',
		value: 'notification',
		description: 'Alexa notifications (proactive events) for one user or every subscriber',
	},
	api: 'proactiveEvents',
	credential: SKILL_MESSAGING_CREDENTIAL,
	operations: [sendNotification.operation],
	defaultOperation: 'sendNotification',
});
