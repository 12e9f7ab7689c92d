import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { InputProblem, requireNonEmptyString } from './validate';

/**
 * Fields about the skill that more than one resource shows, each with its check: the skill user
 * (Skill Messaging, and a notification's Unicast audience) and the skill's stage (Skill
 * Enablement, and Notification). They live here, below the resources, so that no resource
 * imports another's files; an operation changes the description where its meaning differs.
 */

/** The skill user an operation is for. */
export const userIdProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'amzn1.ask.account.AGQ3PQ...',
	description:
		'The skill user to message: the context.System.user.userId your skill receives. It changes when the user disables and re-enables the skill.',
};

/** The item's User ID; `hint` tells where this operation's user ID comes from. */
export function requireUserId(context: IExecuteSingleFunctions, hint: string): string {
	return requireNonEmptyString('User ID', context.getNodeParameter('userId'), hint);
}

const STAGES = ['development', 'live'];

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

export function requireStage(context: IExecuteSingleFunctions): string {
	const stage = context.getNodeParameter('stage');
	if (typeof stage !== 'string' || !STAGES.includes(stage)) {
		throw new InputProblem(
			'Stage',
			`is ${JSON.stringify(stage)}; it must be development or live`,
			'Choose development or live.',
		);
	}
	return stage;
}
