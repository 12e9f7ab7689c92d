import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { setEventScopeToken } from './eventScope';
import { CUSTOM_REGION, LWA_TOKEN_URL, lwaTokenUrl } from '../alexa/hosts';
import {
	currentTokenForm,
	getAccessToken,
	peekAccessToken,
	replacementRefreshToken,
	REFRESH_TOKEN_CREDENTIAL,
	type LwaCredentialType,
} from './tokens';

/**
 * What the two credential classes share: how n8n gets a token from them (`preAuthentication`),
 * how a request is signed (`authenticate`) and how the editor's "Test" button checks them.
 */

export const lwaClientProperties: INodeProperties[] = [
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'amzn1.application-oa2-client.0123456789abcdef',
	},
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
	},
];

/**
 * n8n keeps the last access token here and calls `preAuthentication` when it is empty or was
 * refused. The Alexa node itself reads tokens from the shared LWA cache (see lwa.ts); this
 * field is what other n8n paths use: the credential test and the HTTP Request node.
 */
export const storedAccessTokenProperty: INodeProperties = {
	displayName: 'Access Token',
	name: 'accessToken',
	type: 'hidden',
	typeOptions: { expirable: true, password: true },
	default: '',
};

export async function preAuthenticate(
	helpers: IHttpRequestHelper,
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	// Without a refresh token there is nothing to ask LWA for: the Event operations then take
	// each customer's access token from the input.
	if (type === REFRESH_TOKEN_CREDENTIAL && !credentials.refreshToken) return {};
	// n8n passes a non-empty stored token only when it was refused or is being tested: in both
	// cases it must not be handed back.
	const stored = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	const accessToken = await getAccessToken(
		type,
		credentials,
		async (options) => await helpers.helpers.httpRequest(options),
		stored || undefined,
	);
	const refreshToken = replacementRefreshToken(type, credentials);
	// Returning the replaced refresh token makes n8n store it with the credential.
	return refreshToken ? { accessToken, refreshToken } : { accessToken };
}

export function authorizeRequest(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	if (requestUrl(options) === lwaTokenUrl(credentials)) {
		// Only the credential test sends to LWA with the credential (the Authorization resource
		// sends plainly, see delivery/transport.ts). It carries no Alexa bearer token but the token form,
		// built from the credential as it stands after preAuthentication (which may have
		// replaced the refresh token).
		options.body = new URLSearchParams(currentTokenForm(type, credentials)).toString();
		return options;
	}
	// The Alexa node signs its requests itself, with the token of that attempt (delivery/transport.ts):
	// those keep their signature. Other n8n paths (the HTTP Request node with this credential)
	// get the shared cache's token, or the stored one.
	if (hasAuthorization(options)) return options;
	const token =
		peekAccessToken(type, credentials) ?? (credentials.accessToken as string | undefined);
	if (!token) return options;
	return signWithToken(options, token);
}

/** Signs a request with this token: the Authorization header, and an event's scope (always the same token). */
export function signWithToken(options: IHttpRequestOptions, token: string): IHttpRequestOptions {
	options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
	setEventScopeToken(options.body, token);
	return options;
}

function hasAuthorization(options: IHttpRequestOptions): boolean {
	return Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
}

function requestUrl(options: IHttpRequestOptions): string {
	if (/^https?:\/\//.test(options.url)) return options.url;
	return `${options.baseURL ?? ''}${options.url}`;
}

/**
 * The editor's "Test" button: n8n first runs `preAuthentication` (a real token request; its
 * failure shows LWA's `error` and `error_description`), then this request, to which
 * `authorizeRequest` adds the token form: LWA is asked once more, with the values as typed.
 */
export const tokenExchangeTest: ICredentialTestRequest = {
	request: {
		method: 'POST',
		url: `={{ $credentials.region === "${CUSTOM_REGION}" ? $credentials.loginWithAmazonUrl : "${LWA_TOKEN_URL}" }}`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	},
};
