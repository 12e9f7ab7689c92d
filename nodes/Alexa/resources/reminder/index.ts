import { sendingResource } from '../defineResource';
import * as create from './create.operation';
import * as deleteReminder from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/**
 * The user's reminders from this skill (the Reminders API). No credential: the token of the
 * request Alexa sent the skill (shared/input/alexaRequest.ts); the user must have granted the
 * skill alexa::alerts:reminders:skill:readwrite.
 */
export const resource = sendingResource({
	option: {
		name: 'Reminder',
		value: 'reminder',
		description: 'Reminders Alexa gives the user, for the Alexa Trigger',
	},
	api: 'reminders',
	operations: [
		create.operation,
		get.operation,
		getAll.operation,
		update.operation,
		deleteReminder.operation,
	],
	defaultOperation: 'create',
});
