/**
 * The stand-in itself: it must answer as Amazon documents, or the other tests prove nothing.
 * These talk to it over HTTP directly.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { gatewayError } from './fake-alexa/eventGateway.mts';
import { startFakeAlexa, type FakeAlexa } from './fake-alexa/server.mts';

let fake: FakeAlexa;
before(async () => {
	fake = await startFakeAlexa();
});
after(async () => {
	await fake.close();
});
beforeEach(() => {
	fake.reset();
	fake.addClient('client', 'secret', { refreshTokens: ['Atzr|known'] });
});

async function token(
	form: Record<string, string>,
	contentType = 'application/x-www-form-urlencoded',
) {
	const response = await fetch(fake.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': contentType },
		body: contentType.includes('json')
			? JSON.stringify(form)
			: new URLSearchParams(form).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function message(
	accessToken: string | undefined,
	body: unknown,
	user = 'amzn1.ask.account.X',
) {
	const response = await fetch(`${fake.url}/v1/skillmessages/users/${encodeURIComponent(user)}`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
		},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return {
		status: response.status,
		requestId: response.headers.get('x-amzn-requestid'),
		text: await response.text(),
	};
}

const clientCredentials = {
	grant_type: 'client_credentials',
	scope: 'alexa:skill_messaging',
	client_id: 'client',
	client_secret: 'secret',
};

describe('fake LWA', () => {
	it('issues a bearer token for the client-credentials grant', async () => {
		const { status, body } = await token(clientCredentials);
		assert.equal(status, 200);
		assert.match(String(body.access_token), /^Atc\|/);
		assert.equal(body.token_type, 'bearer');
		assert.equal(body.expires_in, 3600);
	});

	it('answers OAuth2 errors: JSON body, wrong secret, wrong scope, unknown refresh token, unknown grant', async () => {
		assert.equal(
			(await token(clientCredentials, 'application/json')).body.error,
			'invalid_request',
		);
		assert.deepEqual(await token({ ...clientCredentials, client_secret: 'nope' }), {
			status: 401,
			body: { error: 'invalid_client', error_description: 'Client authentication failed' },
		});
		assert.equal(
			(await token({ ...clientCredentials, scope: 'profile' })).body.error,
			'invalid_scope',
		);
		const refresh = {
			grant_type: 'refresh_token',
			refresh_token: 'Atzr|unknown',
			client_id: 'client',
			client_secret: 'secret',
		};
		assert.equal((await token(refresh)).body.error, 'invalid_grant');
		assert.equal((await token({ ...refresh, refresh_token: 'Atzr|known' })).status, 200);
		assert.equal(
			(await token({ ...clientCredentials, grant_type: 'password' })).body.error,
			'unsupported_grant_type',
		);
	});
});

describe('fake LWA: authorization code exchange', () => {
	// RFC 7636 Appendix B: this verifier's S256 challenge.
	const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
	const s256Challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
	const redirectUri = 'https://app.example.com/alexa/link?from=app';
	const exchange = (code: string, extra: Record<string, string> = {}) =>
		token({
			grant_type: 'authorization_code',
			code,
			client_id: 'client',
			client_secret: 'secret',
			...extra,
		});
	const invalidGrant = (body: Record<string, unknown>) => {
		assert.equal(body.error, 'invalid_grant');
		assert.equal(typeof body.error_description, 'string');
	};

	it('exchanges a code issued without redirect URI or PKCE once, without them', async () => {
		const code = fake.issueGrantCode('client');
		const first = await exchange(code);
		assert.equal(first.status, 200);
		assert.match(String(first.body.access_token), /^Atza\|/);
		assert.match(String(first.body.refresh_token), /^Atzr\|/);
		const again = await exchange(code);
		assert.equal(again.status, 400);
		invalidGrant(again.body);
	});

	it('refuses a code issued with a redirect URI unless the exchange repeats it exactly (RFC 6749 4.1.3)', async () => {
		for (const sent of [
			undefined,
			'https://app.example.com/alexa/link',
			'https://app.example.com/alexa/link?from=app/',
		]) {
			const code = fake.issueGrantCode('client', { redirectUri });
			const answer = await exchange(code, sent === undefined ? {} : { redirect_uri: sent });
			assert.equal(answer.status, 400, `redirect_uri ${sent}`);
			invalidGrant(answer.body);
		}
		const code = fake.issueGrantCode('client', { redirectUri });
		assert.equal((await exchange(code, { redirect_uri: redirectUri })).status, 200);
	});

	it('checks the code_verifier against an S256 challenge, as RFC 7636 Appendix B computes it', async () => {
		const missing = await exchange(
			fake.issueGrantCode('client', { codeChallenge: s256Challenge, codeChallengeMethod: 'S256' }),
		);
		assert.equal(missing.status, 400);
		invalidGrant(missing.body);
		const wrong = await exchange(
			fake.issueGrantCode('client', { codeChallenge: s256Challenge, codeChallengeMethod: 'S256' }),
			{
				code_verifier: `${verifier.slice(0, -1)}Y`,
			},
		);
		assert.equal(wrong.status, 400);
		invalidGrant(wrong.body);
		assert.ok(
			!JSON.stringify(wrong.body).includes(verifier.slice(0, 20)),
			'the verifier is not echoed',
		);
		const code = fake.issueGrantCode('client', {
			codeChallenge: s256Challenge,
			codeChallengeMethod: 'S256',
		});
		assert.equal((await exchange(code, { code_verifier: verifier })).status, 200);
	});

	it('checks a plain challenge (the default method) by equality, and wants both redirect URI and verifier when both were used', async () => {
		const plain = fake.issueGrantCode('client', { codeChallenge: verifier });
		assert.equal(
			(await exchange(plain, { code_verifier: s256Challenge })).status,
			400,
			'the S256 value is not the plain verifier',
		);
		assert.equal((await exchange(plain, { code_verifier: verifier })).status, 200);
		const both = () =>
			fake.issueGrantCode('client', {
				redirectUri,
				codeChallenge: s256Challenge,
				codeChallengeMethod: 'S256',
			});
		assert.equal((await exchange(both(), { code_verifier: verifier })).status, 400);
		assert.equal((await exchange(both(), { redirect_uri: redirectUri })).status, 400);
		assert.equal(
			(await exchange(both(), { redirect_uri: redirectUri, code_verifier: verifier })).status,
			200,
		);
	});
});

describe('fake Skill Messaging', () => {
	it('accepts a valid message with 202, a request ID and no body', async () => {
		const { body } = await token(clientCredentials);
		const answer = await message(String(body.access_token), {
			data: { a: 'b' },
			expiresAfterSeconds: 60,
		});
		assert.equal(answer.status, 202);
		assert.match(String(answer.requestId), /^[0-9a-f-]{36}$/);
		assert.equal(answer.text, '');
	});

	it('answers 401 without a valid token, 401 or 403 for an expired one, 403 for a token of another kind', async () => {
		assert.equal((await message(undefined, { data: {} })).status, 401);
		assert.equal((await message('Atc|made-up', { data: {} })).status, 401);
		const valid = String((await token(clientCredentials)).body.access_token);
		fake.expireAllTokens();
		assert.equal((await message(valid, { data: {} })).status, 401);
		fake.expiredTokenStatus = 403;
		assert.equal((await message(valid, { data: {} })).status, 403);
		const customer = String(
			(
				await token({
					grant_type: 'refresh_token',
					refresh_token: 'Atzr|known',
					client_id: 'client',
					client_secret: 'secret',
				})
			).body.access_token,
		);
		assert.equal((await message(customer, { data: {} })).status, 403);
	});

	it('answers 400 for a body Amazon documents as invalid, and 404 for an unknown user', async () => {
		const valid = String((await token(clientCredentials)).body.access_token);
		assert.equal((await message(valid, '{not json')).status, 400);
		assert.equal((await message(valid, { data: { n: 1 } })).status, 400);
		assert.equal((await message(valid, { data: { k: 'x'.repeat(6200) } })).status, 400);
		assert.equal((await message(valid, { data: {}, expiresAfterSeconds: 0 })).status, 400);
		assert.equal((await message(valid, { data: {} }, 'someone-else')).status, 404);
	});

	it("takes expiresAfterSeconds from 60 to 86400, as the stricter of Amazon's two pages says", async () => {
		const valid = String((await token(clientCredentials)).body.access_token);
		const answers: Record<number, number> = {};
		for (const seconds of [1, 59, 60, 86400, 86401]) {
			answers[seconds] = (await message(valid, { data: {}, expiresAfterSeconds: seconds })).status;
		}
		assert.deepEqual(answers, { 1: 400, 59: 400, 60: 202, 86400: 202, 86401: 400 });
	});

	it('plays injected faults in order, then answers normally again', async () => {
		const valid = String((await token(clientCredentials)).body.access_token);
		fake.inject('/v1/skillmessages/', { status: 429, retryAfter: '2' }, { status: 500 });
		assert.equal((await message(valid, { data: {} })).status, 429);
		assert.equal((await message(valid, { data: {} })).status, 500);
		assert.equal((await message(valid, { data: {} })).status, 202);
		assert.deepEqual(
			fake.requestsTo('/v1/skillmessages/').map((request) => request.status),
			[429, 500, 202],
		);
	});
});

async function gatewayEvent(host: string, accessToken: string, event: Record<string, unknown>) {
	const response = await fetch(`${fake.url}/${host}/v3/events`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
		body: JSON.stringify({ event }),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: text ? (JSON.parse(text) as Record<string, any>) : undefined,
	};
}

describe('fake Event Gateway', () => {
	const customerToken = async () =>
		String(
			(
				await token({
					grant_type: 'refresh_token',
					refresh_token: 'Atzr|known',
					client_id: 'client',
					client_secret: 'secret',
				})
			).body.access_token,
		);
	const header = (name: string, extra: Record<string, string> = {}) => ({
		namespace: 'Alexa',
		name,
		messageId: 'b9c7a5a3-0a3e-4a8e-9c1e-3f1e2d3c4b5a',
		payloadVersion: '3',
		...extra,
	});

	it('requires the token in the body of every event, equal to the Authorization header', async () => {
		const valid = await customerToken();
		const host = 'api.amazonalexa.com';
		const noEndpoint = await gatewayEvent(host, valid, {
			header: header('DeferredResponse', { correlationToken: 'c' }),
			payload: {},
		});
		assert.equal(noEndpoint.status, 400);
		assert.equal(noEndpoint.body?.payload.code, 'INVALID_REQUEST_EXCEPTION');
		const noScope = await gatewayEvent(host, valid, {
			header: header('ChangeReport'),
			endpoint: { endpointId: 'lamp' },
			payload: {},
		});
		assert.equal(noScope.status, 400);
		const otherToken = await gatewayEvent(host, valid, {
			header: header('ChangeReport'),
			endpoint: { endpointId: 'lamp', scope: { type: 'BearerToken', token: 'Atza|someone-else' } },
			payload: {},
		});
		assert.equal(otherToken.body?.payload.code, 'INVALID_ACCESS_TOKEN_EXCEPTION');
		const scoped = { endpointId: 'lamp', scope: { type: 'BearerToken', token: valid } };
		const noCorrelation = await gatewayEvent(host, valid, {
			header: header('Response'),
			endpoint: scoped,
			payload: {},
		});
		assert.equal(noCorrelation.status, 400);
		assert.equal(
			(
				await gatewayEvent(host, valid, {
					header: header('Response', { correlationToken: 'c' }),
					endpoint: scoped,
					payload: {},
				})
			).status,
			202,
		);
		const report = await gatewayEvent(host, valid, {
			header: { ...header('DeleteReport'), namespace: 'Alexa.Discovery' },
			payload: {
				endpoints: [{ endpointId: 'lamp' }],
				scope: { type: 'BearerToken', token: valid },
			},
		});
		assert.equal(report.status, 202);
	});

	it('answers only the documented error codes', async () => {
		assert.throws(
			() => fake.inject('/v3/events', { code: 'MADE_UP_EXCEPTION' }),
			/only answers Amazon's documented codes/,
		);
		assert.throws(
			() => gatewayError('MADE_UP_EXCEPTION', 'x'),
			/only answers Amazon's documented codes/,
		);
	});
});

describe('fake hosts', () => {
	it('serves each API only on the hosts Amazon names for it', async () => {
		const skillMessagingToken = String((await token(clientCredentials)).body.access_token);
		const send = async (host: string) =>
			(
				await fetch(`${fake.url}/${host}/v1/skillmessages/users/amzn1.ask.account.X`, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						Authorization: `Bearer ${skillMessagingToken}`,
					},
					body: JSON.stringify({ data: {}, expiresAfterSeconds: 3600 }),
				})
			).status;
		assert.equal(await send('api.fe.amazon.com'), 202);
		assert.equal(
			await send('api.fe.amazonalexa.com'),
			404,
			'Far East Skill Messaging is api.fe.amazon.com',
		);
		const customer = String(
			(
				await token({
					grant_type: 'refresh_token',
					refresh_token: 'Atzr|known',
					client_id: 'client',
					client_secret: 'secret',
				})
			).body.access_token,
		);
		const event = {
			header: { namespace: 'Alexa', name: 'ChangeReport', messageId: 'm', payloadVersion: '3' },
			endpoint: { endpointId: 'lamp', scope: { type: 'BearerToken', token: customer } },
			payload: {},
		};
		assert.equal((await gatewayEvent('api.fe.amazonalexa.com', customer, event)).status, 202);
		assert.equal(
			(await gatewayEvent('api.fe.amazon.com', customer, event)).status,
			404,
			'the Far East gateway is api.fe.amazonalexa.com',
		);
		const developerStage = await fetch(
			`${fake.url}/api.eu.amazonalexa.com/v1/skills/amzn1.ask.skill.x/stages/development/enablement`,
			{
				headers: { Authorization: `Bearer ${customer}` },
			},
		);
		assert.equal(developerStage.status, 404, 'developer enablement is on api.amazonalexa.com only');
	});
});
