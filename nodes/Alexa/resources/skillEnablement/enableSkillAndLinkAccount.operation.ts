import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { alexaErrors } from '../../shared/errors/alexaApiError';
import { requireStage, stageProperty } from '../../shared/input/skillFields';
import {
	InputProblem,
	optionalCodeVerifier,
	requireNonEmptyString,
} from '../../shared/input/validate';
import { reportLinkResult } from './output';
import { customerOperation } from './requests';

/** Enable the skill for a customer and link their account (app-to-app account linking, `POST`). */
const linkFields: INodeProperties[] = [
	stageProperty,
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/alexa/link',
		description:
			"The redirect_uri you used to get the customer's authorization code from your OAuth 2.0 server",
	},
	{
		displayName: 'Auth Code',
		name: 'authCode',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			"The customer's authorization code from your OAuth 2.0 server; Alexa exchanges it for tokens",
	},
	{
		displayName: 'Code Verifier',
		name: 'codeVerifier',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Only if your OAuth server uses PKCE: the code verifier, 43 to 128 letters, digits, hyphens, periods, underscores and tildes',
	},
];

function requireHttpsUrl(value: unknown): string {
	const text = requireNonEmptyString(
		'Redirect URI',
		value,
		'Give the redirect URI registered with your OAuth server.',
	);
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:') {
		throw new InputProblem(
			'Redirect URI',
			`"${text}" is not an absolute https URL`,
			'Give the full https:// address registered with your OAuth server.',
		);
	}
	return text;
}

/** `{stage, accountLinkRequest}`, checked. */
function linkRequest(context: IExecuteSingleFunctions) {
	const accountLinkRequest: Record<string, string> = {
		redirectUri: requireHttpsUrl(context.getNodeParameter('redirectUri')),
		authCode: requireNonEmptyString(
			'Auth Code',
			context.getNodeParameter('authCode'),
			"Map Auth Code to the customer's authorization code.",
		),
		type: 'AUTH_CODE',
	};
	const codeVerifier = optionalCodeVerifier(
		'Code Verifier',
		context.getNodeParameter('codeVerifier', ''),
		'Give the code verifier your app generated, or leave it empty if your OAuth server does not use PKCE. Look for a space or line break copied with it.',
	);
	if (codeVerifier !== undefined) accountLinkRequest.codeVerifier = codeVerifier;
	return { stage: requireStage(context), accountLinkRequest };
}

export const operation = customerOperation({
	value: 'enableSkillAndLinkAccount',
	name: 'Enable Skill and Link Account',
	action: 'Enable a skill and link the account for a customer',
	description:
		'For a customer, enable the skill and link their account in your system (app-to-app linking)',
	method: 'POST',
	fields: linkFields,
	body: linkRequest,
	output: [
		// ENABLING_FAILED in the 201 means "a background process failed and isn't recoverable"
		// (Skill Enablement API reference): an error, not a result.
		alexaErrors({ failedWhen: { field: 'status', values: ['ENABLING_FAILED'] } }),
		reportLinkResult,
	],
});
