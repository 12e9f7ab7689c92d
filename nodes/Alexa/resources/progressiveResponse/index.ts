import { sendingResource } from '../defineResource';
import * as send from './send.operation';

/**
 * What Alexa says while the workflow started by the Alexa Trigger prepares its answer (the
 * Progressive Response REST API). No credential: each item carries the token of the request Alexa
 * sent the skill, and names the host to send it to.
 */
export const resource = sendingResource({
	option: {
		name: 'Progressive Response',
		value: 'progressiveResponse',
		description: 'What Alexa says while your workflow prepares the answer, for the Alexa Trigger',
	},
	api: 'progressiveResponse',
	operations: [send.operation],
	defaultOperation: 'send',
});
