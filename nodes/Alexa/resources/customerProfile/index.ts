import { sendingResource } from '../defineResource';
import * as getEmail from './getEmail.operation';
import * as getGivenName from './getGivenName.operation';
import * as getMobileNumber from './getMobileNumber.operation';
import * as getName from './getName.operation';

/**
 * The user's contact information (the Customer Profile API), where the user has granted the skill
 * the permission for it. No credential: the token of the request Alexa sent the skill
 * (shared/input/alexaRequest.ts).
 */
export const resource = sendingResource({
	option: {
		name: 'Customer Profile',
		value: 'customerProfile',
		description: "The user's name, email or mobile number, for the Alexa Trigger",
	},
	api: 'customerProfile',
	operations: [
		getName.operation,
		getGivenName.operation,
		getEmail.operation,
		getMobileNumber.operation,
	],
	defaultOperation: 'getGivenName',
});
