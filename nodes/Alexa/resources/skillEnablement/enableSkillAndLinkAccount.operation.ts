import {
	updateDisplayOptions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
} from 'n8n-workflow';

import { tokenSourceProperties } from '../../shared/accessTokenSource';
import { InputProblem, requireNonEmptyString } from '../../shared/validate';
import { endpointProperty, requireSkillId, requireStage, skillIdProperty, stageProperty } from './fields';

/** RFC 7636 code verifier: 43 to 128 of these characters (Skill Enablement API reference: 43–128). */
const CODE_VERIFIER_MIN_LENGTH = 43;
const CODE_VERIFIER_MAX_LENGTH = 128;
const CODE_VERIFIER_CHARACTER = /[A-Za-z0-9\-._~]/;

const displayOptions = { show: { resource: ['skillEnablement'], operation: ['enableSkillAndLinkAccount'] } };

const properties: INodeProperties[] = [
	skillIdProperty,
	stageProperty,
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/alexa/link',
		description: 'The redirect_uri you used to get the customer\'s authorization code from your OAuth 2.0 server',
	},
	{
		displayName: 'Auth Code',
		name: 'authCode',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The customer\'s authorization code from your OAuth 2.0 server; Alexa exchanges it for tokens',
	},
	{
		displayName: 'Code Verifier',
		name: 'codeVerifier',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Only if your OAuth server uses PKCE: the code verifier, 43 to 128 letters, digits, hyphens, periods, underscores and tildes',
	},
	endpointProperty,
	...tokenSourceProperties,
];

export const description = updateDisplayOptions(displayOptions, properties);

function requireHttpsUrl(value: unknown): string {
	const text = requireNonEmptyString('Redirect URI', value, 'Give the redirect URI registered with your OAuth server.');
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:') {
		throw new InputProblem('Redirect URI', `"${text}" is not an absolute https URL`, 'Give the full https:// address registered with your OAuth server.');
	}
	return text;
}

export function build(context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): void {
	requireSkillId(context);
	const accountLinkRequest: Record<string, string> = {
		redirectUri: requireHttpsUrl(context.getNodeParameter('redirectUri')),
		authCode: requireNonEmptyString('Auth Code', context.getNodeParameter('authCode'), 'Map Auth Code to the customer\'s authorization code.'),
		type: 'AUTH_CODE',
	};
	const verifier = context.getNodeParameter('codeVerifier', '') as string;
	if (verifier !== '') accountLinkRequest.codeVerifier = requireCodeVerifier(verifier);
	requestOptions.body = { stage: requireStage(context), accountLinkRequest };
}

/** A PKCE verifier's length and characters, each with its own message; the verifier itself is never shown. */
function requireCodeVerifier(verifier: string): string {
	const hint = 'Give the code verifier your app generated, or leave it empty if your OAuth server does not use PKCE.';
	if (verifier.length < CODE_VERIFIER_MIN_LENGTH || verifier.length > CODE_VERIFIER_MAX_LENGTH) {
		throw new InputProblem(
			'Code Verifier',
			`is ${verifier.length} characters; PKCE allows ${CODE_VERIFIER_MIN_LENGTH} to ${CODE_VERIFIER_MAX_LENGTH} characters`,
			hint,
		);
	}
	const position = [...verifier].findIndex((character) => !CODE_VERIFIER_CHARACTER.test(character));
	if (position !== -1) {
		throw new InputProblem(
			'Code Verifier',
			`has a character PKCE does not allow at position ${position + 1}; only A–Z, a–z, 0–9 and - . _ ~ are allowed`,
			`${hint} Look for a space or line break copied with it.`,
		);
	}
	return verifier;
}
