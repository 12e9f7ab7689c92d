/**
 * Authorization → exchanging an AcceptGrant code and refreshing a customer's token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { runAlexaNode } from './harness/engine.mts';
import { useEventTests } from './harness/events.mts';
import {
	assertNoSecrets,
	CLIENT_SECRET,
	REFRESH_TOKEN,
	refreshTokenCredential,
} from './harness/fixtures.mts';

const test = useEventTests();
const { sendEvent, assertWellFormedEvents } = test;

describe('Authorization → tokens for a customer', () => {
	/** Codes and tokens come from the input, as in a real workflow, not typed into the node. */
	function authorize(operation: string, input: IDataObject, continueOnFail = false) {
		return runAlexaNode({
			parameters: {
				resource: 'authorization',
				operation,
				code: '={{ $json.code }}',
				refreshToken: '={{ $json.refreshToken }}',
			},
			items: [input],
			credential: refreshTokenCredential(test.fake),
			continueOnFail,
		});
	}

	it("exchanges an AcceptGrant code for the customer's tokens", async () => {
		refreshTokenCredential(test.fake);
		const code = test.fake.issueGrantCode('amzn1.application-oa2-client.test0000000000000001');
		const { output, error } = await authorize('exchangeGrantCode', { code });
		assert.equal(error, undefined);
		const [request] = test.fake.requestsTo('/auth/o2/token');
		assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
		assert.equal(request.headers.authorization, undefined);
		assert.deepEqual(request.form, {
			grant_type: 'authorization_code',
			code,
			client_id: 'amzn1.application-oa2-client.test0000000000000001',
			client_secret: CLIENT_SECRET,
		});
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.match(String(output[0].json.refreshToken), /^Atzr\|/);
		assert.equal(output[0].json.expiresAt, new Date(test.clock.nowMs + 3600_000).toISOString());
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	});

	it('explains that a used or expired code means the customer must re-enable the skill', async () => {
		refreshTokenCredential(test.fake);
		const code = test.fake.issueGrantCode('amzn1.application-oa2-client.test0000000000000001');
		await authorize('exchangeGrantCode', { code });
		const { error } = await authorize('exchangeGrantCode', { code });
		assert.equal(error?.httpCode, '400');
		assert.match(
			String(error?.message),
			/refused the code or refresh token \(HTTP 400 invalid_grant\)/,
		);
		assert.match(String(error?.description), /code lasts 5 minutes and works once/);
		assert.match(String(error?.description), /disable and re-enable the skill/);
		assertNoSecrets([error], [code, CLIENT_SECRET]);
	});

	it("refreshes a customer's access token from a refresh token in the input", async () => {
		const { output } = await authorize('refreshAccessToken', { refreshToken: REFRESH_TOKEN });
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.equal(test.fake.requestsTo('/auth/o2/token')[0].form?.grant_type, 'refresh_token');
		assert.equal(test.fake.requestsTo('/auth/o2/token')[0].form?.refresh_token, REFRESH_TOKEN);
	});

	it('maps a wrong client secret and a revoked refresh token to clear errors without secrets', async () => {
		const revoked = 'Atzr|revoked-refresh-token-0000';
		const { output } = await authorize('refreshAccessToken', { refreshToken: revoked }, true);
		assert.match(String(output[0].json.error), /invalid_grant/);
		test.fake.addClient(
			'amzn1.application-oa2-client.test0000000000000001',
			'other-secret-000000000',
		);
		const second = await authorize('refreshAccessToken', { refreshToken: REFRESH_TOKEN });
		assert.match(
			String(second.error?.message),
			/does not recognise the client \(HTTP 401 invalid_client\)/,
		);
		assertNoSecrets([output, second.error], [revoked, REFRESH_TOKEN, CLIENT_SECRET]);
	});
});

describe('Authorization → a grant code is sent once', () => {
	const TOKEN_PATH = '/auth/o2/token';
	/** LWA's answer for its own trouble: OAuth 2.0's error body (RFC 6749 §5.2). */
	const SERVER_ERROR = {
		status: 500,
		body: { error: 'server_error', error_description: 'Internal server error' },
	};

	function exchange(code: string) {
		return runAlexaNode({
			parameters: {
				resource: 'authorization',
				operation: 'exchangeGrantCode',
				code: '={{ $json.code }}',
			},
			items: [{ code }],
			credential: refreshTokenCredential(test.fake),
		});
	}

	function issueCode(): string {
		refreshTokenCredential(test.fake);
		return test.fake.issueGrantCode('amzn1.application-oa2-client.test0000000000000001');
	}

	/** The error says the code may have been used, that the customer must link again, and holds no secret. */
	function assertSaysLinkAgain(error: Awaited<ReturnType<typeof exchange>>['error'], code: string) {
		assert.match(
			String(error?.description),
			/The grant code was not sent again: a code works once, and Login with Amazon may have used it/,
		);
		assert.match(String(error?.description), /The customer must link the account again/);
		assert.match(
			String(error?.description),
			/disabling and re-enabling the skill, which sends a new AcceptGrant/,
		);
		assert.doesNotMatch(String(error?.description), /send the item again|run the workflow again/);
		assertNoSecrets([error], [code, CLIENT_SECRET]);
	}

	it('does not send the code again after LWA answers 500, and says the customer must link again', async () => {
		const code = issueCode();
		test.fake.inject(TOKEN_PATH, SERVER_ERROR);
		const { output, error } = await exchange(code);
		assert.equal(output.length, 0);
		assert.equal(test.fake.requestsTo(TOKEN_PATH).length, 1, 'one token request');
		assert.equal(error?.httpCode, '500');
		assert.match(
			String(error?.message),
			/Login with Amazon had an internal error \(HTTP 500 server_error\)/,
		);
		assertSaysLinkAgain(error, code);
		assert.deepEqual(test.clock.sleeps, []);
	});

	it('does not send the code again when the connection broke after LWA used it', async () => {
		const code = issueCode();
		test.fake.inject(TOKEN_PATH, { dropAfterHandling: true });
		const { error } = await exchange(code);
		assert.equal(test.fake.requestsTo(TOKEN_PATH).length, 1, 'one token request');
		assert.equal(test.fake.requestsTo(TOKEN_PATH)[0].status, 'dropped');
		assert.equal(
			test.fake.grantCodes.get(code)?.used,
			true,
			'LWA used the code before the connection broke',
		);
		assert.match(
			String(error?.message),
			/^Could not reach Login with Amazon: the connection was closed before the answer came/,
		);
		assertSaysLinkAgain(error, code);
	});

	it('sends the code again after a 429, which LWA answers without using it', async () => {
		const code = issueCode();
		test.fake.inject(TOKEN_PATH, { status: 429 });
		const { output, error } = await exchange(code);
		assert.equal(error, undefined);
		assert.match(String(output[0].json.refreshToken), /^Atzr\|/);
		assert.equal(test.fake.requestsTo(TOKEN_PATH).length, 2);
	});

	it('still sends a refresh token again after a 500, with back-off', async () => {
		test.fake.inject(TOKEN_PATH, SERVER_ERROR);
		const { output, error } = await runAlexaNode({
			parameters: {
				resource: 'authorization',
				operation: 'refreshAccessToken',
				refreshToken: '={{ $json.refreshToken }}',
			},
			items: [{ refreshToken: REFRESH_TOKEN }],
			credential: refreshTokenCredential(test.fake),
		});
		assert.equal(error, undefined);
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.deepEqual(
			test.fake.requestsTo(TOKEN_PATH).map((request) => request.status),
			[500, 200],
		);
		assert.deepEqual(test.clock.sleeps, [1000]);
	});
});
