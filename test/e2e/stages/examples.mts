/**
 * Each workflow in examples/ runs with `n8n execute` and does what it says: the paths, bodies and
 * tokens at the fake Alexa, and the JSON n8n prints.
 */
import assert from 'node:assert/strict';

import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { CLIENT_ID, CLIENT_SECRET, resetFake, SKILL_ID } from '../fixtures.mts';
import {
	credentialWrites,
	execute,
	executionJson,
	importExample,
	nodeOutput,
	QUERY_LOG,
} from '../n8n.mts';

type Stage = (name: string, body: () => Promise<void>) => Promise<void>;

export async function exampleStages(stage: Stage, fake: FakeAlexa): Promise<void> {
	await stage('example: a scheduled skill message to a list of users', async () => {
		resetFake(fake);
		const result = await execute(await importExample('skill-message-reminders'), QUERY_LOG);
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		// The credential had no stored token: n8n stores the one it got, once, not once per item.
		assert.equal(credentialWrites(result), 1, 'one write of the credential for three items');
		const items = nodeOutput(executionJson(result.stdout), 'Send reminder to the skill');
		assert.deepEqual(
			items.map((item) => [item.accepted, item.userId]),
			[
				[true, 'amzn1.ask.account.EXAMPLE1'],
				[true, 'amzn1.ask.account.EXAMPLE2'],
				[true, 'amzn1.ask.account.EXAMPLE3'],
			],
		);
		const sent = fake.requestsTo('/v1/skillmessages/users/');
		assert.deepEqual(sent.map((request) => (request.json as any).data.reminder).sort(), [
			'Call grandma',
			'Take the bins out',
			'Water the plants',
		]);
		assert.ok(sent.every((request) => /^Bearer Atc\|/.test(String(request.headers.authorization))));
		assert.equal(fake.requestsTo('/auth/o2/token').length, 1, 'one token for the three messages');
		assert.ok(!result.stdout.includes(CLIENT_SECRET), 'no secret in n8n output');
	});

	await stage(
		'example: a user Alexa no longer knows goes to the error output and is forgotten, the others are sent',
		async () => {
			resetFake(fake);
			fake.unknownUsers.add('amzn1.ask.account.EXAMPLE2');
			const result = await execute('alexaExReminders', QUERY_LOG);
			assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
			assert.equal(
				credentialWrites(result),
				0,
				'the token stored by the last run is used as it is',
			);
			const run = executionJson(result.stdout);
			const sentItems = nodeOutput(run, 'Send reminder to the skill');
			assert.deepEqual(
				sentItems.map((item) => [item.accepted, item.userId]),
				[
					[true, 'amzn1.ask.account.EXAMPLE1'],
					[true, 'amzn1.ask.account.EXAMPLE3'],
				],
			);
			// The README's worked example: Continue (using error output) routes the user Alexa no
			// longer knows to the branch that forgets it, with the input item's userId.
			const [failed] = nodeOutput(run, 'Send reminder to the skill', 1);
			assert.match(String(failed.error), /does not know this user ID \(HTTP 404\)/);
			assert.deepEqual(
				nodeOutput(run, 'Users Alexa no longer knows').map((item) => [item.userId, item.forget]),
				[['amzn1.ask.account.EXAMPLE2', true]],
			);
			const sent = fake
				.requestsTo('/v1/skillmessages/users/')
				.map((request) => `${request.path.split('/').pop()} ${request.status}`);
			assert.deepEqual(sent.sort(), [
				'amzn1.ask.account.EXAMPLE1 202',
				'amzn1.ask.account.EXAMPLE2 404',
				'amzn1.ask.account.EXAMPLE3 202',
			]);
		},
	);

	await stage('example: scheduled order status notifications, one per user', async () => {
		resetFake(fake);
		fake.notificationSubscribers.add('amzn1.ask.account.ORDER1');
		const result = await execute(await importExample('order-status-notifications'));
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		const items = nodeOutput(executionJson(result.stdout), 'Tell the customer');
		assert.deepEqual(
			items.map((item) => [item.accepted, item.userId, item.referenceId, item.eventName]),
			[
				[true, 'amzn1.ask.account.ORDER1', 'order-1001-shipped', 'AMAZON.OrderStatus.Updated'],
				[true, 'amzn1.ask.account.ORDER2', 'order-1002-shipped', 'AMAZON.OrderStatus.Updated'],
			],
		);
		assert.match(String(items[0].hint), /allowed notifications for your skill/);
		const sent = fake.requestsTo('/v1/proactiveEvents/stages/development');
		assert.deepEqual(
			sent.map((request) => request.status),
			[202, 202],
		);
		const bodies = sent
			.map((request) => request.json as any)
			.sort((a, b) => a.referenceId.localeCompare(b.referenceId));
		assert.deepEqual(bodies[0].event, {
			name: 'AMAZON.OrderStatus.Updated',
			payload: {
				state: {
					status: 'ORDER_SHIPPED',
					deliveryDetails: { expectedArrival: '2026-12-03T18:00:00.000Z' },
				},
				order: { seller: { name: 'localizedattribute:sellerName' } },
			},
		});
		assert.deepEqual(bodies[1].relevantAudience, {
			type: 'Unicast',
			payload: { user: 'amzn1.ask.account.ORDER2' },
		});
		assert.deepEqual(
			fake.notifications.map((notification) => notification.shownTo.length).sort(),
			[0, 1],
			'the user who allowed notifications sees it',
		);
		const tokenRequests = fake.requestsTo('/auth/o2/token');
		assert.deepEqual(
			tokenRequests.map((request) => request.form?.scope),
			['alexa::proactive_events'],
			'one token, of the notification scope',
		);
		assert.ok(
			sent.every(
				(request) =>
					fake.tokens.get(String(request.headers.authorization).slice(7))?.scope ===
					'alexa::proactive_events',
			),
		);
		assert.ok(!result.stdout.includes(CLIENT_SECRET), 'no secret in n8n output');
		for (const token of fake.tokens.keys())
			assert.ok(!result.stdout.includes(token), 'no access token in n8n output');
	});

	await stage('example: a Change Report from a webhook payload', async () => {
		resetFake(fake);
		const result = await execute(await importExample('change-report-from-webhook'));
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		const [item] = nodeOutput(executionJson(result.stdout), 'Send Change Report');
		assert.equal(item.accepted, true);
		assert.equal(item.eventName, 'Alexa.ChangeReport');
		const [{ request, message }] = fake.events();
		assert.equal(message.event.endpoint.endpointId, 'lamp-1');
		assert.equal(message.event.payload.change.properties[0].value, 'ON');
		assert.equal(`Bearer ${message.event.endpoint.scope.token}`, request.headers.authorization);
		for (const token of fake.tokens.keys())
			assert.ok(!result.stdout.includes(token), 'no access token in n8n output');
	});

	await stage(
		'example: the Change Report fails clearly when the customer is in another region',
		async () => {
			resetFake(fake);
			fake.inject('/v3/events', { code: 'SKILL_NEVER_ENABLED_EXCEPTION' });
			const result = await execute('alexaExChangeReport');
			assert.notEqual(result.status, 0);
			const text = result.stdout + result.stderr;
			assert.match(
				text,
				/This customer never enabled the skill in this region \(HTTP 403 SKILL_NEVER_ENABLED_EXCEPTION\)/,
			);
		},
	);

	await stage('example: an AcceptGrant token exchange', async () => {
		resetFake(fake);
		fake.grantCodes.set('ANTeGexampleGrantCode0001', {
			clientId: CLIENT_ID,
			issuedAt: Date.now(),
			used: false,
		});
		const result = await execute(await importExample('accept-grant-exchange'));
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		const [item] = nodeOutput(executionJson(result.stdout), 'Exchange the code');
		assert.match(item.accessToken, /^Atza\|/);
		assert.match(item.refreshToken, /^Atzr\|/);
		assert.ok(!Number.isNaN(Date.parse(item.expiresAt)));
		const grants = fake.requestsTo('/auth/o2/token').map((request) => request.form?.grant_type);
		assert.deepEqual(
			grants,
			['authorization_code'],
			'only the exchange, no token for the credential itself',
		);
	});

	await stage('example: a skill enablement check-and-repair', async () => {
		resetFake(fake);
		const result = await execute(await importExample('skill-enablement-repair'));
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));
		const run = executionJson(result.stdout);
		assert.equal(nodeOutput(run, 'Is the skill enabled?')[0].enabled, false);
		assert.deepEqual(nodeOutput(run, 'Enable it again')[0], { success: true, statusCode: 204 });
		assert.equal(fake.developerStages.get(SKILL_ID), 'development');
		assert.deepEqual(
			fake.requests
				.filter((request) => request.path !== '/auth/o2/token')
				.map((request) => `${request.method} ${request.status}`),
			['GET 404', 'PUT 204'],
		);
	});
}
