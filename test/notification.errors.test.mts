/**
 * Notification → Alexa's answers other than 202: every status the Proactive Events reference
 * documents, with its meaning, the next step and the request ID; which are resent, and why a
 * resend after a lost answer notifies nobody twice.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { assertNoSecrets, CLIENT_ID, CLIENT_SECRET, issuedTokens } from './harness/fixtures.mts';
import {
	DEVELOPMENT_PATH,
	LIVE_PATH,
	notificationCredential,
	useNotificationTests,
} from './harness/notifications.mts';

const test = useNotificationTests();
const apiRequests = () => test.fake.requests.filter((request) => request.path !== '/auth/o2/token');

describe('Notification: Alexa error statuses', () => {
	const cases: Array<{ status: number; message: RegExp; advice: RegExp; sent: number }> = [
		{
			status: 400,
			message: /rejected the notification as invalid \(HTTP 400\)/,
			advice: /already created by an earlier request/,
			sent: 1,
		},
		{
			status: 401,
			message: /did not accept the Proactive Events token \(HTTP 401\)/,
			advice: /Build → Permissions page/,
			sent: 2,
		},
		{
			status: 403,
			message: /refused the notification with this token \(HTTP 403\)/,
			advice: /alexa::devices:all:notifications:write.*may not have allowed notifications/,
			sent: 2,
		},
		{
			status: 409,
			message: /already has a notification with this Reference ID for this user \(HTTP 409\)/,
			advice: /one notification per Reference ID/,
			sent: 1,
		},
		{
			status: 429,
			message: /throttling notifications for this skill \(HTTP 429\)/,
			advice: /exponential back-off, up to Max Retries/,
			sent: 4,
		},
		{
			status: 432,
			message: /live skill is over its notification limits \(HTTP 432\)/,
			advice: /not resent.*development stage has no such limits/,
			sent: 1,
		},
		{
			status: 500,
			message: /internal error \(HTTP 500\)/,
			advice: /same Reference ID, so a user is not notified twice/,
			sent: 4,
		},
		{
			status: 503,
			message: /Alexa is unavailable \(HTTP 503\)/,
			advice: /Send it again later/,
			sent: 4,
		},
	];
	for (const { status, message, advice, sent } of cases) {
		it(`turns a ${status} into an error with its meaning, the next step, the status and the request ID (sent ${sent}×)`, async () => {
			const fault = { status, body: { message: `fake says ${status}` } };
			test.fake.inject(DEVELOPMENT_PATH, fault, fault, fault, fault);
			const { error, output } = await test.notify();
			assert.ok(error, 'the node should fail');
			assert.deepEqual(output, []);
			assert.match(error.message, message);
			assert.match(String(error.description), advice);
			assert.match(String(error.description), new RegExp(`Alexa said: "fake says ${status}"`));
			assert.match(String(error.description), /Request ID: [0-9a-f-]{36}\./);
			assert.equal(error.httpCode, String(status));
			assert.equal(apiRequests().length, sent);
			assertNoSecrets([error], [CLIENT_SECRET, ...issuedTokens(test.fake)]);
		});
	}

	it('after a 403 gets one fresh token and sends again, which Alexa accepts', async () => {
		test.fake.inject(DEVELOPMENT_PATH, { status: 403 });
		const { output, error } = await test.notify();
		assert.equal(error, undefined, error?.message);
		assert.equal(output[0].json.accepted, true);
		assert.equal(test.fake.requestsTo('/auth/o2/token').length, 2);
		assert.deepEqual(
			apiRequests().map((request) => request.status),
			[403, 202],
		);
	});

	it('refuses a skill-messaging token as Alexa does, and the node never sends one', async () => {
		// The fake's own check: the proactive path takes only an alexa::proactive_events token.
		const credential = notificationCredential(test.fake);
		const { runAlexaNode } = await import('./harness/engine.mts');
		await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: 'amzn1.ask.account.X' },
			credential,
		});
		const skillToken = [...test.fake.tokens].find(
			([, issued]) => issued.scope === 'alexa:skill_messaging',
		)![0];
		const response = await fetch(`${test.fake.url}${DEVELOPMENT_PATH}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${skillToken}`, 'content-type': 'application/json' },
			body: '{}',
		});
		assert.equal(response.status, 403);
	});

	it('says Login with Amazon refused the scope when the skill may not get Proactive Events tokens', async () => {
		const credential = notificationCredential(test.fake);
		test.fake.clients.get(CLIENT_ID)!.scopes.delete('alexa::proactive_events');
		const { error } = await test.notify({}, { credential });
		assert.match(String(error?.message), /invalid_scope/);
		assert.equal(apiRequests().length, 0);
		assertNoSecrets([error], [CLIENT_SECRET]);
	});

	it('resends after a 429 and a 500, the same body each time, and reports the notification accepted', async () => {
		test.fake.inject(DEVELOPMENT_PATH, { status: 429, retryAfter: '2' }, { status: 500 });
		const { output, error } = await test.notify();
		assert.equal(error, undefined, error?.message);
		assert.equal(output[0].json.accepted, true);
		const bodies = apiRequests().map((request) => request.rawBody);
		assert.deepEqual(
			apiRequests().map((request) => request.status),
			[429, 500, 202],
		);
		assert.equal(new Set(bodies).size, 1, 'the same referenceId, timestamp and expiry each time');
		assert.ok(test.clock.sleeps.includes(2000), 'waits as long as Retry-After asks');
	});

	it('does not resend a 432 over the live limit; the development stage has none', async () => {
		test.fake.liveNotificationLimit = 1;
		await test.notify({ stage: 'live' });
		const { error } = await test.notify({ stage: 'live' });
		assert.match(
			String(error?.message),
			/over its notification limits \(HTTP 432 NOTIFICATION_LIMIT_EXCEEDED\)/,
		);
		assert.deepEqual(
			test.fake.requestsTo(LIVE_PATH).map((request) => request.status),
			[202, 432],
		);
		const { error: development } = await test.notify({ stage: 'development' });
		assert.equal(development, undefined);
	});

	it('a 409 for a Reference ID the user already got is an error on a first send', async () => {
		await test.notify({ notificationOptions: { referenceId: 'order-1-shipped' } });
		const { error } = await test.notify({
			notificationOptions: { referenceId: 'order-1-shipped' },
		});
		assert.match(String(error?.message), /HTTP 409/);
		assert.deepEqual(
			apiRequests().map((request) => request.status),
			[202, 409],
		);
		assert.equal(test.fake.notifications.length, 1);
	});

	it('resends after a lost answer with the same Reference ID: Alexa answers 409, the user is notified once, the item is accepted', async () => {
		test.fake.notificationSubscribers.add('amzn1.ask.account.NOTIFY00000000000000000000000001');
		test.fake.inject(DEVELOPMENT_PATH, { dropAfterHandling: true });
		const { output, error } = await test.notify();
		assert.equal(error, undefined, error?.message);
		assert.deepEqual(
			apiRequests().map((request) => request.status),
			['dropped', 409],
		);
		assert.equal(test.fake.notifications.length, 1, 'one notification');
		assert.equal(output[0].json.accepted, true);
		assert.equal(output[0].json.statusCode, 409);
		assert.match(String(output[0].json.hint), /earlier attempt of this item.*notified once/);
	});

	it('a 409 after a 500 counts as accepted (Alexa may have acted before failing), but not after a refused token', async () => {
		test.fake.inject(DEVELOPMENT_PATH, { status: 500 }, { status: 409 });
		const afterError = await test.notify();
		assert.equal(afterError.output[0]?.json.accepted, true);
		test.fake.inject(DEVELOPMENT_PATH, { status: 403 }, { status: 409 });
		const afterRefusal = await test.notify();
		assert.match(
			String(afterRefusal.error?.message),
			/HTTP 409/,
			'a refused token means Alexa did nothing: the 409 is an earlier one',
		);
	});

	it('with Continue On Fail, a refused item becomes an error item and the others are sent', async () => {
		test.fake.inject(`${DEVELOPMENT_PATH}`, { status: 400, body: { message: 'bad' } });
		const { output } = await test.notify(
			{ userId: '={{ $json.user }}', notificationOptions: { referenceId: '={{ $json.ref }}' } },
			{
				items: [
					{ user: 'amzn1.ask.account.A', ref: 'a' },
					{ user: 'amzn1.ask.account.B', ref: 'b' },
				],
				continueOnFail: true,
			},
		);
		assert.equal(output.length, 2);
		assert.equal(output.filter((item) => item.json.accepted === true).length, 1);
		assert.match(String(output.find((item) => item.json.error)?.json.error), /HTTP 400/);
	});
});
