import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { InputProblem, requireNonEmptyString } from '../../shared/input/validate';

/** The fields the Skill Enablement operations share, and their checks (Stage, which Notification shows too: shared/input/skillFields.ts). */

/** Amazon's limits for Skill Enablement requests (Skill Enablement reference). */
const SKILL_ID_MAX_LENGTH = 255;

export const skillIdProperty: INodeProperties = {
	displayName: 'Skill ID',
	name: 'skillId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
	description: "The skill's ID, from the Alexa developer console",
};

export const endpointProperty: INodeProperties = {
	displayName: 'Endpoint',
	name: 'endpoint',
	type: 'options',
	options: [
		{
			name: 'Credential Region',
			value: 'region',
			description: "The Skill Enablement host of the credential's region",
		},
		{
			name: 'Discover Automatically',
			value: 'discover',
			description: 'Ask Alexa which host serves this customer, then try those hosts in turn',
		},
	],
	default: 'region',
	description: "Where the customer's Amazon account is served",
};

export function requireSkillId(context: IExecuteSingleFunctions): string {
	const skillId = requireNonEmptyString(
		'Skill ID',
		context.getNodeParameter('skillId'),
		'Copy the skill ID from the Alexa developer console.',
	);
	if (skillId.length > SKILL_ID_MAX_LENGTH) {
		throw new InputProblem(
			'Skill ID',
			`is ${skillId.length} characters; Alexa allows 1 to ${SKILL_ID_MAX_LENGTH}`,
			'Copy the skill ID from the Alexa developer console.',
		);
	}
	return skillId;
}
