import { sendingResource } from '../defineResource';
import * as getAddress from './getAddress.operation';
import * as getCountryAndPostalCode from './getCountryAndPostalCode.operation';

/**
 * The address of the device the user spoke to (the Device Address API), where the user has granted
 * the skill the permission for it. No credential: the token of the request Alexa sent the skill
 * (shared/input/alexaRequest.ts).
 */
export const resource = sendingResource({
	option: {
		name: 'Device Address',
		value: 'deviceAddress',
		description: "The address of the user's device, for the Alexa Trigger",
	},
	api: 'deviceAddress',
	operations: [getAddress.operation, getCountryAndPostalCode.operation],
	defaultOperation: 'getAddress',
});
