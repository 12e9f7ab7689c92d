import {
	updateDisplayOptions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { plannedRouting, type ItemPlan } from '../../shared/delivery/plan';
import { alexaErrors } from '../../shared/errors/alexaApiError';
import { tokenSourceProperties } from '../../shared/input/accessTokenSource';
import { endpointProperty, requireSkillId, skillIdProperty } from './fields';
import { reportCustomerStatus } from './output';
import { CUSTOMER_ENABLEMENT_PATH } from './paths';
import { customerPlan } from './requests';

/** The customer's skill and account linking status: `GET /v1/users/~current/skills/{skillId}/enablement`; a 404 is "not enabled", an answer. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['getAccountLinkingAndSkillStatus'] } };

const properties: INodeProperties[] = [skillIdProperty, endpointProperty, ...tokenSourceProperties];

export const description = updateDisplayOptions(displayOptions, properties);

function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return customerPlan(context, request, { skillId: requireSkillId(context) });
}

export const option: INodePropertyOptions = {
	name: 'Get Account Linking and Skill Status',
	value: 'getAccountLinkingAndSkillStatus',
	action: 'Get the skill and account linking status for a customer',
	description: 'For a customer, whether the skill is enabled and the accounts linked',
	routing: plannedRouting('GET', CUSTOMER_ENABLEMENT_PATH, plan, [alexaErrors({ notErrors: [404] }), reportCustomerStatus]),
};
