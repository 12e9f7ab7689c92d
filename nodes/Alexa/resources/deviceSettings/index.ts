import { sendingResource } from '../defineResource';
import * as getDistanceUnits from './getDistanceUnits.operation';
import * as getTemperatureUnit from './getTemperatureUnit.operation';
import * as getTimeZone from './getTimeZone.operation';

/**
 * The settings of the device the user spoke to (the Alexa Settings API): its time zone and units.
 * No credential and no permission: the token of the request Alexa sent the skill
 * (shared/input/alexaRequest.ts).
 */
export const resource = sendingResource({
	option: {
		name: 'Device Settings',
		value: 'deviceSettings',
		description: "The time zone and units of the user's device, for the Alexa Trigger",
	},
	api: 'deviceSettings',
	operations: [getTimeZone.operation, getDistanceUnits.operation, getTemperatureUnit.operation],
	defaultOperation: 'getTimeZone',
});
