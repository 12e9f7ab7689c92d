import { localResource } from '../defineResource';
import * as build from './build.operation';

/** The answer a custom skill returns to Alexa, built in the node: nothing is sent, no credential is needed. */
export const resource = localResource({
	option: {
		name: 'Skill Response',
		value: 'skillResponse',
		description: 'The answer your custom skill returns to Alexa, for the Alexa Trigger',
	},
	operations: [build.operation],
	defaultOperation: 'build',
});
