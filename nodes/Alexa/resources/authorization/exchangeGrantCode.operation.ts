import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import {
	optionalAbsoluteUrl,
	optionalCodeVerifier,
	requireNonEmptyString,
} from '../../shared/input/validate';
import { tokenGrantOperation } from './tokenGrant';

const properties: INodeProperties[] = [
	{
		displayName: 'Grant Code',
		name: 'code',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '={{ $json.grantCode }}',
		description:
			"The Amazon authorization code: the Alexa Smart Home Trigger's grantCode (an AcceptGrant directive's payload.grant.code), or the code your app received in app-to-app account linking. It lasts 5 minutes and works once.",
	},
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		default: '',
		placeholder: 'https://app.example.com/alexa/link',
		description:
			'Leave empty for an AcceptGrant code. For a code from app-to-app account linking (scope alexa::skills:account_linking): the redirect_uri of the authorization request that returned the code, exactly as it was sent.',
	},
	{
		displayName: 'Code Verifier',
		name: 'codeVerifier',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Leave empty for an AcceptGrant code. For app-to-app account linking with PKCE: the code_verifier your app generated for the authorization request that sent its code_challenge (43 to 128 characters).',
	},
];

/**
 * An AcceptGrant code comes from an authorization request Alexa made, so its exchange carries
 * nothing else. A code from app-to-app account linking comes from your app's own request to
 * LWA: the exchange must repeat that request's redirect_uri and, with PKCE, send the verifier
 * (RFC 6749 §4.1.3, RFC 7636 §4.5), or LWA answers invalid_grant.
 */
function grantFields(context: IExecuteSingleFunctions): Record<string, string> {
	const code = requireNonEmptyString(
		'Grant Code',
		context.getNodeParameter('code'),
		'Map Grant Code to directive.payload.grant.code of the AcceptGrant directive, or to the authorization code your app received.',
	);
	const fields: Record<string, string> = { grant_type: 'authorization_code', code };
	const redirectUri = optionalAbsoluteUrl(
		'Redirect URI',
		context.getNodeParameter('redirectUri', ''),
		'Give the redirect_uri of the authorization request exactly as it was sent, scheme included, or leave Redirect URI empty for an AcceptGrant code.',
	);
	if (redirectUri !== undefined) fields.redirect_uri = redirectUri;
	const codeVerifier = optionalCodeVerifier(
		'Code Verifier',
		context.getNodeParameter('codeVerifier', ''),
		'Give the whole code_verifier your app generated for the authorization request, or leave Code Verifier empty if that request had no code_challenge.',
	);
	if (codeVerifier !== undefined) fields.code_verifier = codeVerifier;
	return fields;
}

export const operation = tokenGrantOperation({
	name: 'Exchange Grant Code',
	value: 'exchangeGrantCode',
	action: 'Exchange an accept grant code for tokens',
	description:
		"Turn the code of an AcceptGrant directive, or of app-to-app account linking, into the customer's access and refresh tokens",
	fields: properties,
	grantFields,
});
