import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa/tokens';
import { sendingResource } from '../defineResource';
import * as send from './send.operation';

/** Messages to a skill for one user (Skill Messaging API). */
export const resource = sendingResource({
	option: {
		name: 'Skill Message',
		value: 'skillMessage',
		description: 'Messages to your skill for one user',
	},
	api: 'skillMessaging',
	credential: SKILL_MESSAGING_CREDENTIAL,
	operations: [send.operation],
	defaultOperation: 'send',
});
