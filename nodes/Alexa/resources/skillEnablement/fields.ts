import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { InputProblem, requireNonEmptyString } from '../../shared/input/validate';

/** The fields the Skill Enablement operations share, and their checks. */

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
