/**
 * Login with Amazon tokens: one request per credential per process, reuse until a minute
 * before expiry, one refresh after a refused token, and the editor's credential test.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { FakeAlexa } from './fake-alexa/server.mts';
import { testCredential } from './harness/credentialTest.mts';
import { runAlexaNode } from './harness/engine.mts';
import { power } from './harness/events.mts';
import {
	assertNoSecrets,
	CLIENT_ID,
	CLIENT_SECRET,
	installClock,
	issuedTokens,
	REFRESH_TOKEN,
	refreshTokenCredential,
	useFakeAlexa,
	skillMessagingCredential,
} from './harness/fixtures.mts';
import { lwa } from './harness/modules.mts';

const MESSAGES_PATH = '/v1/skillmessages/users/';
const TOKEN_PATH = '/auth/o2/token';

const fakeAlexa = useFakeAlexa();
let fake: FakeAlexa;
beforeEach(() => {
	fake = fakeAlexa();
});

function users(count: number) {
	return Array.from({ length: count }, (_, index) => ({ user: `amzn1.ask.account.USER${index}` }));
}

function sendToAll(
	count: number,
	credentialsHelper?: Awaited<ReturnType<typeof runAlexaNode>>['credentialsHelper'],
) {
	return runAlexaNode({
		parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
		items: users(count),
		credential: skillMessagingCredential(fake),
		credentialsHelper,
	});
}

/** Each user must have exactly one 202 and no request after it. */
function assertDeliveredOnceEach(count: number) {
	const accepted = new Map<string, number>();
	const afterAccepted: string[] = [];
	for (const request of fake.requestsTo(MESSAGES_PATH)) {
		if (accepted.has(request.path)) afterAccepted.push(request.path);
		if (request.status === 202) accepted.set(request.path, (accepted.get(request.path) ?? 0) + 1);
	}
	assert.equal(accepted.size, count, 'every user got a 202');
	assert.deepEqual(
		afterAccepted,
		[],
		'nothing is sent to a user after Alexa accepted their message',
	);
}

describe('LWA token requests', () => {
	it('sends the client-credentials grant form encoded, with the Skill Messaging scope', async () => {
		await sendToAll(1);
		const [tokenRequest] = fake.requestsTo(TOKEN_PATH);
		assert.equal(tokenRequest.headers['content-type'], 'application/x-www-form-urlencoded');
		assert.deepEqual(tokenRequest.form, {
			grant_type: 'client_credentials',
			scope: 'alexa:skill_messaging',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		});
		assert.equal(tokenRequest.headers.authorization, undefined, 'no bearer token goes to LWA');
	});

	it('URL-encodes every form value, so a secret with & = + and spaces arrives intact', async () => {
		const secret = 'a&b=c+d e%f/g?h#i-0123456789';
		fake.addClient(CLIENT_ID, secret);
		const credential = skillMessagingCredential(fake);
		credential.data.clientSecret = secret;
		const { output } = await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: 'amzn1.ask.account.X' },
			credential,
		});
		assert.equal(output[0].json.accepted, true);
		assert.equal(fake.requestsTo(TOKEN_PATH)[0].form?.client_secret, secret);
	});

	it('makes exactly one token request for 200 items sent at once, and every item uses that token', async () => {
		const { output, credentialsHelper } = await sendToAll(200);
		assert.equal(output.length, 200);
		assert.ok(output.every((item) => item.json.accepted === true));
		assert.equal(fake.requestsTo(TOKEN_PATH).length, 1);
		assert.equal(lwa.lwaStatistics().tokenRequests, 1);
		const bearers = new Set(
			fake.requestsTo(MESSAGES_PATH).map((request) => request.headers.authorization),
		);
		assert.equal(bearers.size, 1);
		assert.equal(fake.peakInFlight >= 1, true);
	});

	it('has n8n store the token with the credential once per run, not once per item', async () => {
		// The stored token is empty, so n8n runs preAuthentication and writes the credential to
		// its database: once, for the run's first request; the other 199 start from what it stored.
		fake.latencyMs = 20;
		const { output, credentialsHelper } = await sendToAll(200);
		assert.ok(output.every((item) => item.json.accepted === true));
		assert.equal(credentialsHelper.preAuthenticationCalls, 1);
		assert.equal(credentialsHelper.updates.length, 1);
		const [stored] = issuedTokens(fake);
		assert.equal(credentialsHelper.updates[0].data.accessToken, stored);
		assert.ok(fake.peakInFlight > 1, 'after the first request the others went in parallel');
		// A later run finds the token stored: n8n neither asks for it nor stores it again.
		await sendToAll(200, credentialsHelper);
		assert.equal(credentialsHelper.preAuthenticationCalls, 1);
		assert.equal(credentialsHelper.updates.length, 1);
		assert.equal(fake.requestsTo(TOKEN_PATH).length, 1);
	});

	it('reuses the token in later runs of the same process', async () => {
		const first = await sendToAll(3);
		await sendToAll(3, first.credentialsHelper);
		await sendToAll(3);
		assert.equal(fake.requestsTo(TOKEN_PATH).length, 1);
	});

	it('keeps a token until 60 seconds before it expires, then gets a new one before sending', async () => {
		const clock = installClock();
		await sendToAll(2);
		clock.advance((3600 - 61) * 1000);
		await sendToAll(2);
		assert.equal(
			fake.requestsTo(TOKEN_PATH).length,
			1,
			'61 s before expiry the token is still used',
		);
		clock.advance(2 * 1000);
		await sendToAll(2);
		assert.equal(
			fake.requestsTo(TOKEN_PATH).length,
			2,
			'59 s before expiry a new token is requested',
		);
		assert.ok(fake.requestsTo(MESSAGES_PATH).every((request) => request.status === 202));
	});

	it('never sends a token that has expired', async () => {
		const clock = installClock();
		await sendToAll(2);
		const firstToken = fake.requestsTo(MESSAGES_PATH)[0].headers.authorization;
		clock.advance(3601 * 1000);
		fake.expireAllTokens();
		const { output } = await sendToAll(5);
		assert.ok(output.every((item) => item.json.accepted === true));
		const later = fake.requestsTo(MESSAGES_PATH).slice(2);
		assert.equal(later.length, 5, 'no resend was needed');
		assert.ok(later.every((request) => request.headers.authorization !== firstToken));
		assert.ok(later.every((request) => request.status === 202));
	});

	for (const status of [401, 403] as const) {
		it(`when Alexa answers ${status} for a token that expired mid-run, refreshes once for all items and resends each refused item once`, async () => {
			fake.expiredTokenStatus = status;
			let messages = 0;
			fake.onRequest = (request) => {
				if (request.path.startsWith(MESSAGES_PATH) && ++messages === 50) fake.expireAllTokens();
			};
			const { output, error } = await sendToAll(200);
			assert.equal(error, undefined);
			assert.equal(output.length, 200);
			assert.ok(output.every((item) => item.json.accepted === true));
			assert.equal(fake.requestsTo(TOKEN_PATH).length, 2, 'one token, then exactly one refresh');
			const refused = fake.requestsTo(MESSAGES_PATH).filter((request) => request.status === status);
			assert.ok(refused.length >= 50, `expected a storm of refusals, got ${refused.length}`);
			assert.equal(
				fake.requestsTo(MESSAGES_PATH).length,
				200 + refused.length,
				'each refused item was resent once',
			);
			assertDeliveredOnceEach(200);
		});
	}

	it('does not loop when the fresh token is refused too: one resend, then the error', async () => {
		fake.expiredTokenStatus = 401;
		fake.onRequest = (request) => {
			if (request.path.startsWith(MESSAGES_PATH)) fake.expireAllTokens();
		};
		const { error } = await sendToAll(1);
		assert.equal(error?.httpCode, '401');
		assert.equal(fake.requestsTo(MESSAGES_PATH).length, 2);
		assert.equal(fake.requestsTo(TOKEN_PATH).length, 2);
	});

	it("shows LWA's error and error_description when the client is refused, and sends nothing to Alexa", async () => {
		fake.addClient(CLIENT_ID, 'another-secret-entirely-000000');
		const { error } = await sendToAll(3);
		assert.match(
			String(error?.message),
			/Login with Amazon did not issue a token: invalid_client \(Client authentication failed\)/,
		);
		assert.match(String(error?.description), /Copy both again from the Alexa developer console/);
		assert.equal(
			fake.requestsTo(TOKEN_PATH).length,
			1,
			'the three items shared one failed request',
		);
		assert.equal(fake.requestsTo(MESSAGES_PATH).length, 0);
		assertNoSecrets([error], [CLIENT_SECRET]);
	});

	it('explains a missing Skill Messaging permission (invalid_scope)', async () => {
		fake.addClient(CLIENT_ID, CLIENT_SECRET, { scopes: [] });
		const { error } = await sendToAll(1);
		assert.match(String(error?.message), /invalid_scope/);
		assert.match(
			String(error?.description),
			/enable Alexa Skill Messaging under Build → Permissions/,
		);
	});

	it('reports LWA being unreachable as such, after retrying with back-off', async () => {
		const clock = installClock();
		const credential = skillMessagingCredential(fake);
		credential.data.loginWithAmazonUrl = 'http://127.0.0.1:9/auth/o2/token';
		const { error } = await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: 'amzn1.ask.account.X' },
			credential,
		});
		assert.equal(
			String(error?.message),
			'Login with Amazon could not be reached at http://127.0.0.1:9/auth/o2/token: the connection was refused',
		);
		assert.match(
			String(error?.description),
			/Check the network path to Login with Amazon.*\(ECONNREFUSED\)/,
		);
		assert.match(
			String(error?.description),
			/Attempts: 1\) no token: unreachable, 2\) no token: unreachable, 3\) no token: unreachable, 4\) no token: unreachable\./,
		);
		assert.deepEqual(clock.sleeps, [1000, 2000, 4000]);
		assert.equal(fake.requests.length, 0);
	});
});

describe('LWA refresh-token credential', () => {
	const credential = () => refreshTokenCredential(fake);

	it("passes the editor's credential test with a real refresh_token grant", async () => {
		const result = await testCredential('alexaLwaRefreshTokenApi', credential().data);
		assert.deepEqual(result, {
			status: 'OK',
			message: 'Login with Amazon issued an access token for this refresh token',
		});
		const grants = fake.requestsTo(TOKEN_PATH).map((request) => request.form);
		assert.equal(grants.length, 1);
		for (const form of grants) {
			assert.deepEqual(form, {
				grant_type: 'refresh_token',
				refresh_token: REFRESH_TOKEN,
				client_id: CLIENT_ID,
				client_secret: CLIENT_SECRET,
			});
		}
	});

	it("shows invalid_grant with LWA's description in the credential test", async () => {
		const result = await testCredential('alexaLwaRefreshTokenApi', {
			...credential().data,
			refreshToken: 'Atzr|revoked-000000000000',
		});
		assert.equal(result.status, 'Error');
		assert.equal(
			result.message,
			'Login with Amazon did not issue a token: invalid_grant (The request has an invalid grant parameter : refresh_token)',
		);
	});

	it('uses the refresh token LWA hands back in place of the old one, and n8n stores it', async () => {
		fake.rotateRefreshTokens = true;
		const changeReport = (
			credentialsHelper?: Awaited<ReturnType<typeof runAlexaNode>>['credentialsHelper'],
		) =>
			runAlexaNode({
				parameters: {
					resource: 'event',
					operation: 'changeReport',
					endpointId: 'lamp-1',
					cause: 'PHYSICAL_INTERACTION',
					changedProperties: { property: [power('ON')] },
				},
				items: [{}],
				credential: credential(),
				credentialsHelper,
			});
		const first = await changeReport();
		assert.equal(first.error, undefined);
		fake.expireAllTokens();
		const second = await changeReport(first.credentialsHelper);
		assert.equal(second.error, undefined);
		const [firstGrant, secondGrant] = fake
			.requestsTo(TOKEN_PATH)
			.map((request) => request.form?.refresh_token);
		assert.equal(firstGrant, REFRESH_TOKEN);
		assert.match(String(secondGrant), /^Atzr\|rotated-/, 'the second grant used the replacement');
		assert.ok(
			first.credentialsHelper.updates.some((update) => update.data.refreshToken === secondGrant),
			'n8n stored the replacement with the credential',
		);
	});

	it('with the Refresh Token empty, proves the Client ID and Secret: a placeholder token gets invalid_grant from a right client', async () => {
		const result = await testCredential('alexaLwaRefreshTokenApi', {
			...credential().data,
			refreshToken: '',
		});
		assert.deepEqual(result, {
			status: 'OK',
			message:
				'Login with Amazon accepted the Client ID and Secret. There is no Refresh Token to test: the Event operations need Access Token Source "From Input", with each customer\'s token',
		});
		assert.deepEqual(
			fake.requestsTo(TOKEN_PATH).map((request) => [request.status, request.form]),
			[
				[
					400,
					{
						grant_type: 'refresh_token',
						refresh_token: 'Atzr|n8n-credential-test-no-refresh-token',
						client_id: CLIENT_ID,
						client_secret: CLIENT_SECRET,
					},
				],
			],
		);
	});

	it('with the Refresh Token empty and a wrong secret, fails with invalid_client and says what to check', async () => {
		const result = await testCredential('alexaLwaRefreshTokenApi', {
			...credential().data,
			refreshToken: '',
			clientSecret: 'not-the-secret-0000000000',
		});
		assert.deepEqual(result, {
			status: 'Error',
			message:
				'Login with Amazon did not issue a token: invalid_client (Client authentication failed). Check the Client ID and Secret (Build → Permissions → Send Alexa Events in the developer console) and the Region',
		});
		assertNoSecrets([result], [CLIENT_SECRET, 'not-the-secret-0000000000', REFRESH_TOKEN]);
	});

	it('with the Refresh Token empty and LWA down, fails: an unreachable LWA proves nothing', async () => {
		fake.lwaRefusal = { status: 503, error: 'temporarily_unavailable', description: 'Try later' };
		const result = await testCredential('alexaLwaRefreshTokenApi', {
			...credential().data,
			refreshToken: '',
		});
		assert.deepEqual(result, {
			status: 'Error',
			message: 'Login with Amazon did not issue a token: temporarily_unavailable (Try later)',
		});
	});
});

describe('Skill Messaging credential test', () => {
	it("passes with the right client and shows LWA's error text with a wrong secret", async () => {
		const good = await testCredential(
			'alexaSkillMessagingApi',
			skillMessagingCredential(fake).data,
		);
		assert.deepEqual(good, { status: 'OK', message: 'Connection successful!' });
		const bad = await testCredential('alexaSkillMessagingApi', {
			...skillMessagingCredential(fake).data,
			clientSecret: 'not-the-secret-0000000000',
		});
		assert.equal(bad.status, 'Error');
		assert.equal(
			bad.message,
			'Login with Amazon did not issue a token: invalid_client (Client authentication failed)',
		);
		assertNoSecrets(
			[good, bad],
			[CLIENT_SECRET, 'not-the-secret-0000000000', ...issuedTokens(fake)],
		);
	});
});

describe('Authorization → Exchange Grant Code: a code from app-to-app account linking', () => {
	// RFC 7636 Appendix B: a verifier and its S256 challenge.
	const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
	const S256_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
	const REDIRECT_URI = 'https://app.example.com/alexa/link?state=app';

	/**
	 * The code, redirect URI and verifier come from the input, as in a real workflow (a value
	 * typed into the node would be part of the workflow, which n8n attaches to its errors).
	 */
	function exchange(code: string, fields: { redirectUri?: string; codeVerifier?: string } = {}) {
		return runAlexaNode({
			parameters: {
				resource: 'authorization',
				operation: 'exchangeGrantCode',
				code: '={{ $json.code }}',
				redirectUri: '={{ $json.redirectUri }}',
				codeVerifier: '={{ $json.codeVerifier }}',
			},
			items: [{ code, ...fields }],
			credential: refreshTokenCredential(fake),
		});
	}

	function appToAppCode() {
		refreshTokenCredential(fake);
		return fake.issueGrantCode(CLIENT_ID, {
			redirectUri: REDIRECT_URI,
			codeChallenge: S256_CHALLENGE,
			codeChallengeMethod: 'S256',
		});
	}

	it('sends neither redirect_uri nor code_verifier when both fields are empty, as an AcceptGrant code needs', async () => {
		refreshTokenCredential(fake);
		const code = fake.issueGrantCode(CLIENT_ID);
		const { output, error } = await exchange(code, { redirectUri: '', codeVerifier: '' });
		assert.equal(error, undefined);
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.deepEqual(Object.keys(fake.requestsTo(TOKEN_PATH)[0].form ?? {}).sort(), [
			'client_id',
			'client_secret',
			'code',
			'grant_type',
		]);
	});

	it("when LWA refuses a code exchanged without them, names invalid_grant and says to give the authorization request's Redirect URI and Code Verifier", async () => {
		const code = appToAppCode();
		const { error } = await exchange(code);
		assert.equal(error?.httpCode, '400');
		assert.match(String(error?.message), /\(HTTP 400 invalid_grant\)/);
		assert.match(
			String(error?.description),
			/give the same Redirect URI as that request's redirect_uri/,
		);
		assert.match(String(error?.description), /its code_verifier as Code Verifier/);
		assert.equal(fake.requestsTo(TOKEN_PATH)[0].status, 400);
		assertNoSecrets([error], [code, CLIENT_SECRET]);
	});

	it('exchanges the code when given the Redirect URI and Code Verifier of the authorization request', async () => {
		const code = appToAppCode();
		const { output, error } = await exchange(code, {
			redirectUri: REDIRECT_URI,
			codeVerifier: VERIFIER,
		});
		assert.equal(error, undefined);
		assert.deepEqual(fake.requestsTo(TOKEN_PATH)[0].form, {
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
			code_verifier: VERIFIER,
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		});
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.match(String(output[0].json.refreshToken), /^Atzr\|/);
		assertNoSecrets([output], [code, VERIFIER, CLIENT_SECRET]);
	});

	const rejected: Array<{
		name: string;
		fields: { redirectUri?: string; codeVerifier?: string };
		message: RegExp;
	}> = [
		{
			name: 'a Code Verifier of 42 characters',
			fields: { codeVerifier: VERIFIER.slice(0, 42) },
			message: /^Item 0: Code Verifier is 42 characters; PKCE allows 43 to 128 characters$/,
		},
		{
			name: 'a Code Verifier of 129 characters',
			fields: { codeVerifier: 'a'.repeat(129) },
			message: /^Item 0: Code Verifier is 129 characters; PKCE allows 43 to 128 characters$/,
		},
		{
			name: 'a Code Verifier with a character PKCE does not allow',
			fields: { codeVerifier: `${VERIFIER.slice(0, 20)}+${VERIFIER.slice(21)}` },
			message:
				/^Item 0: Code Verifier has a character PKCE does not allow at position 21; only A–Z, a–z, 0–9 and - \. _ ~ are allowed$/,
		},
		{
			name: 'a Redirect URI without a scheme',
			fields: { redirectUri: 'app.example.com/alexa/link' },
			message: /^Item 0: Redirect URI "app\.example\.com\/alexa\/link" is not an absolute URL/,
		},
		{
			name: 'a Redirect URI with a fragment',
			fields: { redirectUri: 'https://app.example.com/alexa/link#done' },
			message:
				/^Item 0: Redirect URI "https:\/\/app\.example\.com\/alexa\/link#done" has a fragment/,
		},
	];
	for (const { name, fields, message } of rejected) {
		it(`rejects ${name} before sending anything`, async () => {
			const code = appToAppCode();
			const { error } = await exchange(code, {
				redirectUri: REDIRECT_URI,
				codeVerifier: VERIFIER,
				...fields,
			});
			assert.match(String(error?.message), message);
			assert.match(String(error?.description), /Nothing was sent for this item\./);
			assert.equal(fake.requests.length, 0, 'no request may reach the fake');
			assertNoSecrets(
				[error],
				[code, VERIFIER, CLIENT_SECRET, ...(fields.codeVerifier ? [fields.codeVerifier] : [])],
			);
		});
	}
});
