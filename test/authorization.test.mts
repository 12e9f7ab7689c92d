/**
 * Authorization → exchanging an AcceptGrant code and refreshing a customer's token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { runAlexaNode } from './harness/engine.mts';
import { useEventTests } from './harness/events.mts';
import { assertNoSecrets, CLIENT_SECRET, REFRESH_TOKEN, refreshTokenCredential } from './harness/fixtures.mts';

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

	it('exchanges an AcceptGrant code for the customer\'s tokens', async () => {
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
		assert.match(String(error?.message), /refused the code or refresh token \(HTTP 400 invalid_grant\)/);
		assert.match(String(error?.description), /code lasts 5 minutes and works once/);
		assert.match(String(error?.description), /disable and re-enable the skill/);
		assertNoSecrets([error], [code, CLIENT_SECRET]);
	});

	it('refreshes a customer\'s access token from a refresh token in the input', async () => {
		const { output } = await authorize('refreshAccessToken', { refreshToken: REFRESH_TOKEN });
		assert.match(String(output[0].json.accessToken), /^Atza\|/);
		assert.equal(test.fake.requestsTo('/auth/o2/token')[0].form?.grant_type, 'refresh_token');
		assert.equal(test.fake.requestsTo('/auth/o2/token')[0].form?.refresh_token, REFRESH_TOKEN);
	});

	it('maps a wrong client secret and a revoked refresh token to clear errors without secrets', async () => {
		const revoked = 'Atzr|revoked-refresh-token-0000';
		const { output } = await authorize('refreshAccessToken', { refreshToken: revoked }, true);
		assert.match(String(output[0].json.error), /invalid_grant/);
		test.fake.addClient('amzn1.application-oa2-client.test0000000000000001', 'other-secret-000000000');
		const second = await authorize('refreshAccessToken', { refreshToken: REFRESH_TOKEN });
		assert.match(String(second.error?.message), /does not recognise the client \(HTTP 401 invalid_client\)/);
		assertNoSecrets([output, second.error], [revoked, REFRESH_TOKEN, CLIENT_SECRET]);
	});
});
