import { alexaErrors } from '../../shared/errors/alexaApiError';
import { reportCustomerStatus } from './output';
import { customerOperation } from './requests';

/** A customer's skill and account linking status (`GET`); a 404 is "not enabled", an answer. */
export const operation = customerOperation({
	value: 'getAccountLinkingAndSkillStatus',
	name: 'Get Account Linking and Skill Status',
	action: 'Get the skill and account linking status for a customer',
	description: 'For a customer, whether the skill is enabled and the accounts linked',
	method: 'GET',
	output: [alexaErrors({ notErrors: [404] }), reportCustomerStatus],
});
