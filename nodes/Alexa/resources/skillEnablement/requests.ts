import {
	updateDisplayOptions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
	type INodePropertyOptions,
	type PostReceiveAction,
} from 'n8n-workflow';

import { plannedRouting, singleMessage, withPath, type ItemPlan } from '../../shared/delivery/plan';
import { itemAccessToken, tokenSourceProperties } from '../../shared/input/accessTokenSource';
import { requireStage, stageProperty } from '../../shared/input/skillFields';
import { endpointProperty, requireSkillId, skillIdProperty } from './fields';
import { customerHostDiscovery } from './hostDiscovery';
import { CUSTOMER_ENABLEMENT_PATH, STAGE_ENABLEMENT_PATH } from './paths';

/**
 * The two kinds of Skill Enablement operation (Skill Enablement API reference): as the skill's
 * developer, on a stage, always on api.amazonalexa.com with the credential's token; or for a
 * customer, on the customer's host (the credential's region, or "Discover Automatically"), with
 * the customer's token (the credential's, or the item's own). Each operation file describes
 * itself with one of these.
 */

/** What an operation file says about itself. */
interface OperationSpec {
	value: string;
	name: string;
	action: string;
	description: string;
	method: IHttpRequestOptions['method'];
	/** Its `postReceive` hooks: how Alexa's answer is read, then what the item reports. */
	postReceive: PostReceiveAction[];
}

interface Operation {
	description: INodeProperties[];
	option: INodePropertyOptions;
}

function displayFor(value: string, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['skillEnablement'], operation: [value] } }, properties);
}

function optionOf(spec: OperationSpec, path: string, plan: (context: IExecuteSingleFunctions, request: IHttpRequestOptions) => ItemPlan): INodePropertyOptions {
	return {
		name: spec.name,
		value: spec.value,
		action: spec.action,
		description: spec.description,
		routing: plannedRouting(spec.method, path, plan, spec.postReceive),
	};
}

/** An operation of the skill's developer on one stage: `/v1/skills/{skillId}/stages/{stage}/enablement`. */
export function developerOperation(spec: OperationSpec): Operation {
	const plan = (context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan =>
		singleMessage(withPath(request, { skillId: requireSkillId(context), stage: requireStage(context) }), {
			host: { kind: 'global' },
		});
	return {
		description: displayFor(spec.value, [skillIdProperty, stageProperty]),
		option: optionOf(spec, STAGE_ENABLEMENT_PATH, plan),
	};
}

/**
 * An operation for a customer: `/v1/users/~current/skills/{skillId}/enablement` on the
 * customer's host. `fields` and `body` are its own fields and request body, if it has any.
 */
export function customerOperation(
	spec: OperationSpec & { fields?: INodeProperties[]; body?: (context: IExecuteSingleFunctions) => IHttpRequestOptions['body'] },
): Operation {
	const plan = (context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan => {
		const accessToken = itemAccessToken(context);
		const skillId = requireSkillId(context);
		if (spec.body) request.body = spec.body(context);
		const discover = context.getNodeParameter('endpoint', 'region') === 'discover';
		return singleMessage(withPath(request, { skillId }), {
			host: discover ? { kind: 'discover', strategy: customerHostDiscovery } : { kind: 'region' },
			reportHost: true,
			accessToken,
		});
	};
	return {
		description: displayFor(spec.value, [skillIdProperty, ...(spec.fields ?? []), endpointProperty, ...tokenSourceProperties]),
		option: optionOf(spec, CUSTOMER_ENABLEMENT_PATH, plan),
	};
}
