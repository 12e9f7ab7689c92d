/**
 * Login with Amazon's token endpoint: POST /auth/o2/token, form encoded, client id and secret
 * in the body; OAuth2 error bodies `{error, error_description}`.
 */
import { createHash } from 'node:crypto';

import type { Answer, FakeAlexa, GrantCode, RecordedRequest } from './server.mts';

function oauthError(status: number, error: string, description: string): Answer {
	return { status, body: { error, error_description: description } };
}

export function handleLwa(fake: FakeAlexa, request: RecordedRequest): Answer {
	if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'Method not allowed');
	if (!request.form) {
		return oauthError(
			400,
			'invalid_request',
			'Content-Type must be application/x-www-form-urlencoded',
		);
	}
	if (fake.lwaRefusal) {
		const { status, error, description } = fake.lwaRefusal;
		return oauthError(status, error, description);
	}
	const form = request.form;
	for (const field of ['grant_type', 'client_id', 'client_secret']) {
		if (!form[field])
			return oauthError(
				400,
				'invalid_request',
				`The request is missing a required parameter : ${field}`,
			);
	}
	const client = fake.clients.get(form.client_id);
	if (!client || client.clientSecret !== form.client_secret) {
		return oauthError(401, 'invalid_client', 'Client authentication failed');
	}

	if (form.grant_type === 'client_credentials') {
		if (!form.scope || !client.scopes.has(form.scope)) {
			return oauthError(400, 'invalid_scope', 'The request has an invalid parameter : scope');
		}
		const token = fake.issueToken('Atc|', {
			clientId: form.client_id,
			grant: 'client_credentials',
			scope: form.scope,
		});
		return tokenAnswer(token.value, token.expiresIn, form.scope);
	}

	if (form.grant_type === 'refresh_token') {
		if (!form.refresh_token) {
			return oauthError(
				400,
				'invalid_request',
				'The request is missing a required parameter : refresh_token',
			);
		}
		if (!client.refreshTokens.has(form.refresh_token)) {
			return oauthError(
				400,
				'invalid_grant',
				'The request has an invalid grant parameter : refresh_token',
			);
		}
		const token = fake.issueToken('Atza|', {
			clientId: form.client_id,
			grant: 'refresh_token',
			account: form.refresh_token,
		});
		let refreshToken = form.refresh_token;
		if (fake.rotateRefreshTokens) {
			client.refreshTokens.delete(form.refresh_token);
			refreshToken = `Atzr|rotated-${token.value.slice(5, 21)}`;
			client.refreshTokens.add(refreshToken);
		}
		return tokenAnswer(token.value, token.expiresIn, undefined, refreshToken);
	}

	if (form.grant_type === 'authorization_code') {
		const grant = form.code ? fake.grantCodes.get(form.code) : undefined;
		if (!form.code)
			return oauthError(
				400,
				'invalid_request',
				'The request is missing a required parameter : code',
			);
		// Codes last five minutes and work once (Amazon's Skill Enablement REST API Reference,
		// "Get an access token for the customer"; docs/alexa-facts.md).
		if (
			!grant ||
			grant.used ||
			grant.clientId !== form.client_id ||
			Date.now() - grant.issuedAt > 5 * 60 * 1000
		) {
			return oauthError(400, 'invalid_grant', 'The request has an invalid grant parameter : code');
		}
		const mismatch = authorizationRequestMismatch(grant, form);
		if (mismatch) return oauthError(400, 'invalid_grant', mismatch);
		grant.used = true;
		const token = fake.issueToken('Atza|', {
			clientId: form.client_id,
			grant: 'authorization_code',
		});
		const refreshToken = `Atzr|${token.value.slice(5, 37)}`;
		client.refreshTokens.add(refreshToken);
		return tokenAnswer(token.value, token.expiresIn, undefined, refreshToken);
	}

	return oauthError(
		400,
		'unsupported_grant_type',
		`The grant type ${form.grant_type} is not supported`,
	);
}

/**
 * What the code exchange must repeat from the authorization request: its redirect_uri, present
 * and identical (RFC 6749 §4.1.3), and, with PKCE, a code_verifier that transforms into the
 * code_challenge (RFC 7636 §4.6). Both are `invalid_grant` when wrong (RFC 6749 §5.2, RFC 7636
 * §4.6). A code whose authorization request had neither needs neither. The description never
 * repeats the verifier: it is a secret.
 */
function authorizationRequestMismatch(
	grant: GrantCode,
	form: Record<string, string>,
): string | undefined {
	if (grant.redirectUri !== undefined && form.redirect_uri !== grant.redirectUri) {
		return form.redirect_uri === undefined
			? 'The request is missing the redirect_uri of the authorization request'
			: 'The request has an invalid grant parameter : redirect_uri';
	}
	if (grant.codeChallenge !== undefined) {
		if (form.code_verifier === undefined)
			return 'The request is missing the code_verifier for the code_challenge of the authorization request';
		if (
			pkceChallenge(form.code_verifier, grant.codeChallengeMethod ?? 'plain') !==
			grant.codeChallenge
		) {
			return 'The request has an invalid grant parameter : code_verifier';
		}
	}
	return undefined;
}

/** RFC 7636 §4.2: S256 is BASE64URL(SHA256(ASCII(code_verifier))); plain is the verifier itself. */
function pkceChallenge(verifier: string, method: 'S256' | 'plain'): string {
	return method === 'S256'
		? createHash('sha256').update(verifier, 'ascii').digest('base64url')
		: verifier;
}

function tokenAnswer(
	accessToken: string,
	expiresIn: number,
	scope?: string,
	refreshToken?: string,
): Answer {
	const body: Record<string, unknown> = {
		access_token: accessToken,
		token_type: 'bearer',
		expires_in: expiresIn,
	};
	if (scope) body.scope = scope;
	if (refreshToken) body.refresh_token = refreshToken;
	return { status: 200, body };
}
