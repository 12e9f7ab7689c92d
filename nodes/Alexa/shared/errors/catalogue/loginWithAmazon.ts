import type { AlexaErrorEntry } from './types';

/**
 * What an Exchange Grant Code error adds when LWA answered 5xx or the connection broke after the
 * code was sent: the node does not send a code twice (delivery/retry.ts, `singleUse`). A code
 * works once (RFC 6749 §4.1.2), and LWA may have used it before its answer was lost, so a second
 * exchange would get invalid_grant. A new code comes only from linking again: a new AcceptGrant
 * when the customer disables and re-enables the skill (README, "Getting a customer's tokens"), or
 * app-to-app account linking done again.
 */
export const GRANT_CODE_NOT_RESENT =
	'The grant code was not sent again: a code works once, and Login with Amazon may have used it before its answer was lost, so a second exchange would be refused with invalid_grant. The customer must link the account again for a new code: for an AcceptGrant code, by disabling and re-enabling the skill, which sends a new AcceptGrant; for app-to-app account linking, by linking again in your app.';

/**
 * What Login with Amazon's refusals mean and what to do, for both ways the node meets them: the
 * Authorization resource's answers, and a credential's token request (the same table gives the
 * advice of `lwaNodeError`). LWA answers in OAuth 2.0's shape, `{error, error_description}`
 * (RFC 6749 §5.2; Login with Amazon's "Authorization Code Grant" page).
 */
export const loginWithAmazonErrors: AlexaErrorEntry[] = [
	{
		status: 400,
		code: 'invalid_grant',
		message: 'Login with Amazon refused the code or refresh token',
		action:
			"An authorization code lasts 5 minutes and works once: the code expired or was already used. A code from app-to-app account linking is also refused when its exchange does not repeat the authorization request: give the same Redirect URI as that request's redirect_uri and, if it sent a PKCE code_challenge, its code_verifier as Code Verifier. A refresh token stops working when the customer disables the skill. For an AcceptGrant code or a refresh token, the customer must disable and re-enable the skill, which sends a new AcceptGrant.",
	},
	{
		status: 401,
		code: 'invalid_client',
		message: 'Login with Amazon does not recognise the client',
		action:
			'Login with Amazon does not recognise the Client ID and Client Secret. Copy both again from the Alexa developer console (your skill → Build → Permissions) into the credential: for smart home they are under "Send Alexa Events".',
	},
	{
		status: 400,
		code: 'unauthorized_client',
		message: 'This client may not use this grant',
		action:
			'Check that the credential uses the Client ID and Secret of the permission that matches this operation: for smart home, those shown under "Send Alexa Events" on the skill\'s Build → Permissions page.',
	},
	{
		status: 400,
		code: 'invalid_scope',
		message: 'Login with Amazon refused the scope',
		action:
			'The requested scope was refused. For Skill Messaging, enable Alexa Skill Messaging under Build → Permissions in the developer console.',
	},
	{
		status: 400,
		code: 'invalid_request',
		message: 'Login with Amazon found the token request malformed',
		action:
			'Check that the code or refresh token was copied whole, and that no credential field is empty.',
	},
	{
		status: 400,
		code: 'unsupported_grant_type',
		message: 'Login with Amazon does not accept this grant type',
		action: 'Login with Amazon does not accept this grant type for this client.',
	},
	{
		status: 500,
		message: 'Login with Amazon had an internal error',
		action:
			'Login with Amazon could not complete the token request. A refresh token can be used again later.',
	},
	{
		status: 503,
		message: 'Login with Amazon is unavailable',
		action:
			'Login with Amazon could not take the token request. A refresh token can be used again later.',
	},
	{
		status: 400,
		message: 'Login with Amazon rejected the token request',
		action:
			'Check that the code or refresh token was copied whole, and that no credential field is empty.',
	},
];
