/**
 * Event → the gateway's error answers, resends and refused tokens, many customers' tokens from the input, and secrets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { EVENTS, power, useEventTests } from './harness/events.mts';
import {
	assertNoSecrets,
	CLIENT_SECRET,
	issuedTokens,
	REFRESH_TOKEN,
} from './harness/fixtures.mts';

const test = useEventTests();
const { sendEvent, assertWellFormedEvents } = test;

describe('Event: gateway errors', () => {
	const cases: Array<[string, number, RegExp]> = [
		['INVALID_REQUEST_EXCEPTION', 400, /missing fields/],
		['SKILL_NEVER_ENABLED_EXCEPTION', 403, /Set the credential's Region to the customer's region/],
		['INSUFFICIENT_PERMISSION_EXCEPTION', 403, /enable "Send Alexa Events"/],
		['SKILL_DISABLED_EXCEPTION', 403, /Stop sending events for this customer/],
		[
			'ACCOUNT_NOT_FOUND_EXCEPTION',
			404,
			/Check that the access token is this customer's, obtained from the AcceptGrant code.*verify the directed identifier and the authorization code/,
		],
		['SKILL_NOT_FOUND_EXCEPTION', 404, /issued while the skill was at another stage/],
		['REQUEST_ENTITY_TOO_LARGE_EXCEPTION', 413, /at most 300 endpoints/],
	];
	for (const [code, status, advice] of cases) {
		it(`turns ${code} into an error with the code, the status and what to do`, async () => {
			test.fake.inject(EVENTS, { code });
			const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
			assert.equal(error?.httpCode, String(status));
			assert.match(String(error?.message), new RegExp(`\\(HTTP ${status} ${code}\\)`));
			assert.match(String(error?.description), advice);
			assert.equal(error?.context?.alexaCode, code);
			assert.equal(test.fake.events().length, 1, 'not resent');
		});
	}

	it('after a 401 refreshes the token, resends once, and lets a second 401 stand', async () => {
		test.fake.inject(
			EVENTS,
			{ code: 'INVALID_ACCESS_TOKEN_EXCEPTION' },
			{ code: 'INVALID_ACCESS_TOKEN_EXCEPTION' },
		);
		const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(error?.httpCode, '401');
		assert.match(
			String(error?.description),
			/Refresh it with Authorization → Refresh Access Token/,
		);
		assert.equal(test.fake.events().length, 2);
		assert.equal(test.fake.requestsTo('/auth/o2/token').length, 2);
		const [first, second] = test.fake.events().map(({ message }) => message);
		assert.equal(first.event.header.messageId, second.event.header.messageId);
		assert.notEqual(first.event.endpoint.scope.token, second.event.endpoint.scope.token);
		assert.equal(
			second.event.endpoint.scope.token,
			String(test.fake.events()[1].request.headers.authorization).slice(7),
		);
	});

	it("takes INVALID_ACCESS_TOKEN_EXCEPTION as a refused token at HTTP 400 too (Amazon's own example): refresh, resend once", async () => {
		test.fake.inject(EVENTS, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION', status: 400 });
		const { output } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(output[0].json.accepted, true);
		assert.deepEqual(
			test.fake.events().map(({ request }) => request.status),
			[400, 202],
		);
		assert.equal(test.fake.requestsTo('/auth/o2/token').length, 2, 'one fresh token');
		const [first, second] = test.fake.events().map(({ message }) => message);
		assert.equal(first.event.header.messageId, second.event.header.messageId);
		assert.notEqual(first.event.endpoint.scope.token, second.event.endpoint.scope.token);
		assertWellFormedEvents();
	});

	it('maps INVALID_ACCESS_TOKEN_EXCEPTION at HTTP 400 to what to do, not to a generic 400', async () => {
		test.fake.inject(
			EVENTS,
			{ code: 'INVALID_ACCESS_TOKEN_EXCEPTION', status: 400 },
			{ code: 'INVALID_ACCESS_TOKEN_EXCEPTION', status: 400 },
		);
		const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(error?.httpCode, '400');
		assert.match(
			String(error?.message),
			/did not accept the customer's access token \(HTTP 400 INVALID_ACCESS_TOKEN_EXCEPTION\)/,
		);
		assert.match(
			String(error?.description),
			/Refresh it with Authorization → Refresh Access Token/,
		);
		assert.match(String(error?.description), /A freshly requested token was refused too\./);
		assert.equal(test.fake.events().length, 2);
	});

	it('does not refresh a refused token from the input, and says so', async () => {
		const token = test.fake.issueToken('Atza|', { clientId: 'cust', grant: 'refresh_token' }).value;
		test.fake.inject(EVENTS, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION' });
		const { error } = await sendEvent(
			'doorbellPress',
			{ endpointId: 'bell', accessTokenSource: 'input', accessToken: token },
			{ withoutRefreshToken: true },
		);
		assert.equal(test.fake.events().length, 1);
		assert.match(
			String(error?.description),
			/The node does not refresh an access token taken from the input: refresh it with Authorization → Refresh Access Token/,
		);
		assert.doesNotMatch(String(error?.description), /freshly requested/);
	});

	for (const [maxRetries, sends] of [
		[0, 1],
		[2, 3],
	] as const) {
		it(`with Max Retries ${maxRetries}, a throttled event is sent ${sends} time(s) and the error claims no other number`, async () => {
			test.fake.inject(
				EVENTS,
				...Array.from({ length: 5 }, () => ({ code: 'THROTTLING_EXCEPTION' })),
			);
			const { error } = await sendEvent('doorbellPress', {
				endpointId: 'bell',
				delivery: { maxRetries },
			});
			assert.equal(test.fake.events().length, sends);
			const description = String(error?.description);
			assert.doesNotMatch(description, /already resent|resent (the message )?three times/);
			if (maxRetries === 0) assert.match(description, /Not resent, because Max Retries is 0\./);
			else
				assert.match(
					description,
					/Attempts: 1\) HTTP 429 THROTTLING_EXCEPTION, 2\) HTTP 429 THROTTLING_EXCEPTION, 3\) HTTP 429 THROTTLING_EXCEPTION\./,
				);
		});
	}

	it('waits no longer than Max Back-Off for a long Retry-After, for the item and for the whole run', async () => {
		test.fake.inject(EVENTS, { code: 'THROTTLING_EXCEPTION', retryAfter: '86400' });
		const items = Array.from({ length: 5 }, (_, index) => ({ endpointId: `bell-${index}` }));
		const started = test.clock.nowMs;
		const { output } = await sendEvent(
			'doorbellPress',
			{
				endpointId: '={{ $json.endpointId }}',
				delivery: { maxBackoffSeconds: 2, maxConcurrency: 1 },
			},
			{ items },
		);
		assert.equal(output.length, 5);
		assert.ok(output.every((item) => item.json.accepted === true));
		assert.ok(
			Math.max(...test.clock.sleeps) <= 2000,
			`no wait over 2 s: ${test.clock.sleeps.join(', ')}`,
		);
		assert.ok(
			test.clock.nowMs - started <= 10_000,
			`the run took ${(test.clock.nowMs - started) / 1000} s of clock time`,
		);
		assertWellFormedEvents();
	});

	for (const code of [
		'THROTTLING_EXCEPTION',
		'INTERNAL_SERVICE_EXCEPTION',
		'SERVICE_UNAVAILABLE_EXCEPTION',
	]) {
		it(`resends the same message after ${code} at most three more times, one second apart`, async () => {
			test.fake.inject(EVENTS, { code }, { code }, { code }, { code }, { code });
			const { error } = await sendEvent('doorbellPress', { endpointId: 'bell' });
			assert.match(String(error?.message), new RegExp(code));
			const sent = test.fake.events().map(({ message }) => message.event.header.messageId);
			assert.equal(sent.length, 4, 'one send and three resends');
			assert.equal(new Set(sent).size, 1, 'the same messageId every time');
			// At least a second apart, as Amazon asks. After a 429 the credential's pace also
			// slows (pacer.ts): with nothing accepted before, to 0.8 a second, then 0.64 a second
			// at the next 429 a second later. So the resends after 429s go 1 s, 1.25 s and
			// 1.5625 s after the attempt before (the pace's wait on top of the item's 1 s).
			assert.deepEqual(
				test.clock.sleeps,
				code === 'THROTTLING_EXCEPTION' ? [1000, 1000, 250, 1000, 562.5] : [1000, 1000, 1000],
			);
		});
	}

	it('stops resending once the gateway accepts, and nothing is sent after the 202', async () => {
		test.fake.inject(EVENTS, { code: 'THROTTLING_EXCEPTION' });
		const { output } = await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(output[0].json.accepted, true);
		assert.deepEqual(
			test.fake.events().map(({ request }) => request.status),
			[429, 202],
		);
		assert.deepEqual(test.clock.sleeps, [1000]);
	});

	it('waits as long as Retry-After asks, in seconds or as an HTTP date, and never less than a second', async () => {
		const inTwoMinutes = new Date(test.clock.nowMs + 120_000).toUTCString();
		test.fake.inject(
			EVENTS,
			{ code: 'THROTTLING_EXCEPTION', retryAfter: '3' },
			{ code: 'SERVICE_UNAVAILABLE_EXCEPTION', retryAfter: '0' },
		);
		test.fake.inject(EVENTS, { code: 'THROTTLING_EXCEPTION', retryAfter: inTwoMinutes });
		await sendEvent('doorbellPress', { endpointId: 'bell' });
		assert.equal(test.clock.sleeps[0], 3000);
		assert.equal(test.clock.sleeps[1], 1000);
		// The pace after the first 429 (0.8 a second: 1.25 s between starts) adds 250 ms; then
		// the wait is capped at the Max Back-Off option's default of 30 s.
		assert.deepEqual(test.clock.sleeps.slice(2), [250, 30_000]);
	});
});

describe('Event: many customers', () => {
	it('sends each item with its own access token, in the header and the scope, without asking LWA', async () => {
		test.fake.addClient('c', 's');
		const tokens = ['cust-1', 'cust-2', 'cust-3'].map(
			(name) => test.fake.issueToken('Atza|', { clientId: name, grant: 'refresh_token' }).value,
		);
		const { output } = await sendEvent(
			'changeReport',
			{
				accessTokenSource: 'input',
				accessToken: '={{ $json.token }}',
				endpointId: '={{ $json.device }}',
				changedProperties: { property: [power('ON')] },
			},
			{
				items: tokens.map((token, index) => ({ token, device: `dev-${index}` })),
				withoutRefreshToken: true,
			},
		);
		assert.equal(output.length, 3);
		assert.equal(test.fake.requestsTo('/auth/o2/token').length, 0);
		const byDevice = new Map(
			test.fake
				.events()
				.map(({ request, message }) => [message.event.endpoint.endpointId, { request, message }]),
		);
		tokens.forEach((token, index) => {
			const { request, message } = byDevice.get(`dev-${index}`)!;
			assert.equal(request.headers.authorization, `Bearer ${token}`);
			assert.equal(message.event.endpoint.scope.token, token);
		});
		assertWellFormedEvents();
		assertNoSecrets([output], tokens);
	});

	it('sends customers in parallel and stores nothing with the credential, which has no token to store', async () => {
		test.fake.latencyMs = 20;
		const tokens = Array.from(
			{ length: 20 },
			(_, index) =>
				test.fake.issueToken('Atza|', { clientId: `cust-${index}`, grant: 'refresh_token' }).value,
		);
		const { output, credentialsHelper } = await sendEvent(
			'doorbellPress',
			{ accessTokenSource: 'input', accessToken: '={{ $json.token }}', endpointId: 'bell' },
			{ items: tokens.map((token) => ({ token })), withoutRefreshToken: true },
		);
		assert.equal(output.length, 20);
		assert.equal(test.fake.events().length, 20);
		assert.equal(credentialsHelper.updates.length, 0);
		assert.ok(test.fake.peakInFlight > 1, `peak in flight ${test.fake.peakInFlight}`);
	});

	it('does not try a refresh when a customer token from the input is refused', async () => {
		const { error } = await sendEvent(
			'doorbellPress',
			{ accessTokenSource: 'input', accessToken: '={{ $json.token }}', endpointId: 'bell' },
			{ withoutRefreshToken: true, items: [{ token: 'Atza|revoked-token-000000' }] },
		);
		assert.equal(error?.httpCode, '401');
		assert.equal(test.fake.events().length, 1);
		assert.equal(test.fake.requestsTo('/auth/o2/token').length, 0);
		assertNoSecrets([error], ['Atza|revoked-token-000000']);
	});
});

describe('Event: secrets', () => {
	it('keeps tokens and the client secret out of outputs, errors and logs of every event operation', async () => {
		const results = [];
		results.push(
			await sendEvent('changeReport', {
				endpointId: 'lamp-1',
				changedProperties: { property: [power('ON')] },
			}),
		);
		test.fake.inject(
			EVENTS,
			{ code: 'INVALID_ACCESS_TOKEN_EXCEPTION' },
			{ code: 'INVALID_ACCESS_TOKEN_EXCEPTION' },
		);
		results.push(
			await sendEvent('doorbellPress', { endpointId: 'bell' }, { continueOnFail: true }),
		);
		test.fake.inject(EVENTS, { drop: true });
		results.push(
			await sendEvent('errorResponse', {
				correlation: 't',
				endpointId: 'lamp-1',
				errorType: 'INTERNAL_ERROR',
				errorMessage: 'm',
			}),
		);
		results.push(await sendEvent('addOrUpdateReport', { endpoints: '[]' }));
		const secrets = [CLIENT_SECRET, REFRESH_TOKEN, ...issuedTokens(test.fake)];
		assertNoSecrets(
			results.flatMap((result) => [result.output, result.error, result.run.data.resultData]),
			secrets,
		);
	});
});
