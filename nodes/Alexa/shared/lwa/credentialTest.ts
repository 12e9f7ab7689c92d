import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { lwaTokenUrl } from '../alexa/hosts';
import { messageOf } from '../util/network';
import { LwaError, requestLwaToken, type HttpRequest } from './tokenRequest';
import { currentTokenForm, REFRESH_TOKEN_CREDENTIAL } from './tokens';

/** The Alexa node's `methods.credentialTest` entry for the refresh-token credential (its `testedBy`). */
export const REFRESH_TOKEN_CREDENTIAL_TEST = 'alexaLwaRefreshTokenApiTest';

/**
 * Sent in place of a refresh token when the credential has none. LWA authenticates the client
 * before it reads the grant (RFC 6749 §5.2: `invalid_client` when "client authentication
 * failed", `invalid_grant` when the grant is invalid; docs/alexa-facts.md, "Login with Amazon"),
 * so this token, which no customer holds, gets `invalid_grant` from a right client ID and secret
 * and `invalid_client` from a wrong one.
 */
export const PLACEHOLDER_REFRESH_TOKEN = 'Atzr|n8n-credential-test-no-refresh-token';

/** LWA's answers that mean "this client ID and secret are not accepted" (RFC 6749 §5.2). */
const CLIENT_REFUSED = ['invalid_client', 'unauthorized_client'];

/**
 * The editor's Test button for *Alexa LWA Refresh Token API* (issue 28). With a refresh token: one
 * `refresh_token` grant, OK when LWA issues a token, else LWA's error and description. With the
 * Refresh Token left empty, as the README says for workflows that take each customer's access
 * token from the input, a grant with PLACEHOLDER_REFRESH_TOKEN proves the client ID and secret:
 * before this test, LWA's `invalid_request` for the missing token failed every such credential.
 *
 * n8n runs a node's credential test with only a legacy `request` helper (n8n-core's
 * CredentialTestContext), and no preAuthentication: the token request is the package's own
 * (tokenRequest.ts), through that helper. No token or secret is in any message: the token is
 * not shown, and requestLwaToken redacts the form's secrets from LWA's description.
 */
export async function testRefreshTokenCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const refreshToken = typeof data.refreshToken === 'string' ? data.refreshToken.trim() : '';
	// The credential's own token request (tokens.ts), with the placeholder when it has no token.
	const form = currentTokenForm(REFRESH_TOKEN_CREDENTIAL, {
		...data,
		refreshToken: refreshToken || PLACEHOLDER_REFRESH_TOKEN,
	});
	try {
		await requestLwaToken(legacyRequest(this), lwaTokenUrl(data), form);
		return {
			status: 'OK',
			message: 'Login with Amazon issued an access token for this refresh token',
		};
	} catch (error) {
		// requestLwaToken turns every failure into an LwaError; anything else is said plainly.
		if (!(error instanceof LwaError))
			return { status: 'Error', message: `The credential test failed: ${messageOf(error)}` };
		if (!refreshToken && error.lwaError === 'invalid_grant')
			return {
				status: 'OK',
				message:
					'Login with Amazon accepted the Client ID and Secret. There is no Refresh Token to test: the Event operations need Access Token Source "From Input", with each customer\'s token',
			};
		if (CLIENT_REFUSED.includes(error.lwaError))
			return {
				status: 'Error',
				message: `${error.message}. Check the Client ID and Secret (Build → Permissions → Send Alexa Events in the developer console) and the Region`,
			};
		return { status: 'Error', message: error.message };
	}
}

/** `HttpRequest` (n8n's IHttpRequestOptions) through the test context's legacy request helper. */
function legacyRequest(context: ICredentialTestFunctions): HttpRequest {
	return async (options: IHttpRequestOptions) => {
		const response = (await context.helpers.request({
			method: options.method,
			uri: options.url,
			headers: options.headers,
			body: options.body,
			timeout: options.timeout,
			// Every status is an answer to read (LWA's error body), as ignoreHttpStatusErrors.
			simple: false,
			resolveWithFullResponse: true,
		})) as { statusCode: number; body: unknown };
		return { statusCode: response.statusCode, body: response.body };
	};
}
