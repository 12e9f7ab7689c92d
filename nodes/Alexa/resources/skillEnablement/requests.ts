import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import type { OperationBasics, SendingOperation } from '../../shared/delivery/operation';
import { singleMessage, withPath, type ItemPlan } from '../../shared/delivery/plan';
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

/** What an operation file says about itself: its picker entry, its method, and how Alexa's answer is read. */
type EnablementSpec = Omit<OperationBasics, 'fields'> & Pick<SendingOperation, 'method' | 'output'>;

/** An operation of the skill's developer on one stage: `/v1/skills/{skillId}/stages/{stage}/enablement`. */
export function developerOperation(spec: EnablementSpec): SendingOperation {
	const plan = (context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan =>
		singleMessage(
			withPath(request, { skillId: requireSkillId(context), stage: requireStage(context) }),
			{
				host: { kind: 'global' },
			},
		);
	return { ...spec, fields: [skillIdProperty, stageProperty], path: STAGE_ENABLEMENT_PATH, plan };
}

/**
 * An operation for a customer: `/v1/users/~current/skills/{skillId}/enablement` on the
 * customer's host. `fields` and `body` are its own fields and request body, if it has any.
 */
export function customerOperation(
	spec: EnablementSpec & {
		fields?: INodeProperties[];
		body?: (context: IExecuteSingleFunctions) => IHttpRequestOptions['body'];
	},
): SendingOperation {
	const { fields = [], body, ...basics } = spec;
	const plan = (context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan => {
		const accessToken = itemAccessToken(context);
		const skillId = requireSkillId(context);
		if (body) request.body = body(context);
		const discover = context.getNodeParameter('endpoint', 'region') === 'discover';
		return singleMessage(withPath(request, { skillId }), {
			host: discover ? { kind: 'discover', strategy: customerHostDiscovery } : { kind: 'region' },
			reportHost: true,
			accessToken,
		});
	};
	return {
		...basics,
		fields: [skillIdProperty, ...fields, endpointProperty, ...tokenSourceProperties],
		path: CUSTOMER_ENABLEMENT_PATH,
		plan,
	};
}
