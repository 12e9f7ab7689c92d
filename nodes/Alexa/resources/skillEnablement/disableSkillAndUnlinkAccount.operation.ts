import {
	updateDisplayOptions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { plannedRouting, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { tokenSourceProperties } from '../../shared/input/accessTokenSource';
import { endpointProperty, requireSkillId, skillIdProperty } from './fields';
import { reportDone } from './output';
import { CUSTOMER_ENABLEMENT_PATH } from './paths';
import { customerPlan } from './requests';

/** Disable the skill for the customer and unlink the accounts: `DELETE /v1/users/~current/skills/{skillId}/enablement`, on the customer's host. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['disableSkillAndUnlinkAccount'] } };

const properties: INodeProperties[] = [skillIdProperty, endpointProperty, ...tokenSourceProperties];

export const description = updateDisplayOptions(displayOptions, properties);

function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return customerPlan(context, request, { skillId: requireSkillId(context) });
}

export const option: INodePropertyOptions = {
	name: 'Disable Skill and Unlink Account',
	value: 'disableSkillAndUnlinkAccount',
	action: 'Disable a skill and unlink the account for a customer',
	description: 'For a customer, disable the skill and unlink their accounts',
	routing: plannedRouting('DELETE', CUSTOMER_ENABLEMENT_PATH, plan, [mapAlexaErrors, reportDone]),
};
