import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { reportDone } from './output';
import { customerOperation } from './requests';

/** Disable the skill for a customer and unlink the accounts (`DELETE`). */
export const operation = customerOperation({
	value: 'disableSkillAndUnlinkAccount',
	name: 'Disable Skill and Unlink Account',
	action: 'Disable a skill and unlink the account for a customer',
	description: 'For a customer, disable the skill and unlink their accounts',
	method: 'DELETE',
	output: [mapAlexaErrors, reportDone],
});
