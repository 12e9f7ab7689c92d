import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa/tokens';
import { sendingResource } from '../defineResource';
import * as disableSkill from './disableSkill.operation';
import * as disableSkillAndUnlinkAccount from './disableSkillAndUnlinkAccount.operation';
import * as enableSkill from './enableSkill.operation';
import * as enableSkillAndLinkAccount from './enableSkillAndLinkAccount.operation';
import * as getAccountLinkingAndSkillStatus from './getAccountLinkingAndSkillStatus.operation';
import * as getApiEndpoint from './getApiEndpoint.operation';
import * as getSkillEnablementStatus from './getSkillEnablementStatus.operation';

/**
 * Skill Enablement, one file per operation (its fields, checks and request): as the skill's
 * developer (`developerOperation` in requests.ts: api.amazonalexa.com) or for a customer
 * (`customerOperation`: the customer's host, found by hostDiscovery.ts when asked to).
 */
export const resource = sendingResource({
	option: {
		name: 'Skill Enablement',
		value: 'skillEnablement',
		description: 'Enable, disable and check a skill, as its developer or for a customer',
	},
	api: 'skillEnablement',
	credential: REFRESH_TOKEN_CREDENTIAL,
	operations: [
		disableSkill.operation,
		disableSkillAndUnlinkAccount.operation,
		enableSkill.operation,
		enableSkillAndLinkAccount.operation,
		getAccountLinkingAndSkillStatus.operation,
		getApiEndpoint.operation,
		getSkillEnablementStatus.operation,
	],
	defaultOperation: 'getSkillEnablementStatus',
});
