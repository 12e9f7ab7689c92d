import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { useAccessTokenSource } from '../../shared/accessTokenSource';
import { useHostRule, type HostRule } from '../../shared/requestPlan';
import { checkInput, InputProblem, requireNonEmptyString } from '../../shared/validate';

/** Amazon's limits for Skill Enablement requests (Skill Enablement reference). */
const SKILL_ID_MAX_LENGTH = 255;
export const STAGES = ['development', 'live'];

export const skillIdProperty: INodeProperties = {
	displayName: 'Skill ID',
	name: 'skillId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
	description: 'The skill\'s ID, from the Alexa developer console',
};

export const stageProperty: INodeProperties = {
	displayName: 'Stage',
	name: 'stage',
	type: 'options',
	options: [
		{ name: 'Development', value: 'development', description: 'Until the skill is published' },
		{ name: 'Live', value: 'live', description: 'The published skill' },
	],
	default: 'development',
};

export const endpointProperty: INodeProperties = {
	displayName: 'Endpoint',
	name: 'endpoint',
	type: 'options',
	options: [
		{ name: 'Credential Region', value: 'region', description: 'The Skill Enablement host of the credential\'s region' },
		{
			name: 'Discover Automatically',
			value: 'discover',
			description: 'Ask Alexa which host serves this customer, then try those hosts in turn',
		},
	],
	default: 'region',
	description: 'Where the customer\'s Amazon account is served',
};

export function requireSkillId(context: IExecuteSingleFunctions): string {
	const skillId = requireNonEmptyString('Skill ID', context.getNodeParameter('skillId'), 'Copy the skill ID from the Alexa developer console.');
	if (skillId.length > SKILL_ID_MAX_LENGTH) {
		throw new InputProblem('Skill ID', `is ${skillId.length} characters; Alexa allows 1 to ${SKILL_ID_MAX_LENGTH}`, 'Copy the skill ID from the Alexa developer console.');
	}
	return skillId;
}

export function requireStage(context: IExecuteSingleFunctions): string {
	const stage = context.getNodeParameter('stage');
	if (typeof stage !== 'string' || !STAGES.includes(stage)) {
		throw new InputProblem('Stage', `is ${JSON.stringify(stage)}; it must be development or live`, 'Choose development or live.');
	}
	return stage;
}

/**
 * The `preSend` hook of every Skill Enablement operation: run its checks (and body) with
 * `build`, and say which host it goes to.
 */
export function enablementRequest(
	hostRule: (context: IExecuteSingleFunctions) => HostRule,
	build: (context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => void,
) {
	return async function buildEnablementRequest(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return checkInput(this, requestOptions, () => {
			build(this, requestOptions);
			useHostRule(requestOptions, hostRule(this));
		});
	};
}

export const globalHost = (): HostRule => ({ kind: 'global', reportHost: false });

export const customerHost = (context: IExecuteSingleFunctions): HostRule => ({
	kind: context.getNodeParameter('endpoint', 'region') === 'discover' ? 'discover' : 'region',
	reportHost: true,
});

/** The developer's enablement of one stage (always on api.amazonalexa.com). */
export const STAGE_ENABLEMENT_PATH =
	'=/v1/skills/{{ encodeURIComponent(String($parameter.skillId).trim()) }}/stages/{{ $parameter.stage }}/enablement';

/** A customer's enablement (on the customer's host). */
export const CUSTOMER_ENABLEMENT_PATH =
	'=/v1/users/~current/skills/{{ encodeURIComponent(String($parameter.skillId).trim()) }}/enablement';

/**
 * The checks of an operation for a customer: first whose token (the credential's, or the item's
 * own with Access Token Source "From Input"), then the operation's own. Developer operations
 * always use the credential.
 */
export function forCustomer(build: (context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => void) {
	return (context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): void => {
		useAccessTokenSource(context, requestOptions);
		build(context, requestOptions);
	};
}

export function checkSkillAndStage(context: IExecuteSingleFunctions): void {
	requireSkillId(context);
	requireStage(context);
}
