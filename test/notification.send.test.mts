/**
 * Notification → Send Notification through n8n's engine against the fake Alexa: every schema's
 * body (the fake checks each against Amazon's schema rules, test/fixtures/proactive-events/),
 * Unicast and Multicast, the stage paths and regional hosts, the token scope, and volume.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PROACTIVE_RULES } from './fake-alexa/proactiveEvents.mts';
import { lwa } from './harness/modules.mts';
import { assertNoSecrets, CLIENT_SECRET, issuedTokens } from './harness/fixtures.mts';
import {
	DEVELOPMENT_PATH,
	LIVE_PATH,
	notificationCredential,
	ORDER_SHIPPED,
	USER,
	useNotificationTests,
} from './harness/notifications.mts';

const test = useNotificationTests();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const locales = (...entries: INodeParameters[]): INodeParameters => ({ locale: entries });

/** One case per schema: the editor's fields, and the payload and localizedAttributes Alexa must get. */
const SCHEMA_CASES: Array<{
	parameters: INodeParameters;
	payload: IDataObject;
	localizedAttributes: IDataObject[];
}> = [
	{
		parameters: {
			eventName: 'AMAZON.WeatherAlert.Activated',
			weatherAlertType: 'SNOW_STORM',
			localizedText: locales(
				{ locale: 'en-US', source: 'Example Weather' },
				{ locale: 'de-DE', source: 'Beispielwetter' },
			),
		},
		payload: { weatherAlert: { alertType: 'SNOW_STORM', source: 'localizedattribute:source' } },
		localizedAttributes: [
			{ locale: 'en-US', source: 'Example Weather' },
			{ locale: 'de-DE', source: 'Beispielwetter' },
		],
	},
	{
		parameters: {
			eventName: 'AMAZON.SportsEvent.Updated',
			sportsHomeTeam: 'Oranges',
			sportsHomeScore: 1,
			sportsAwayTeam: 'Apples',
			sportsAwayScore: 2,
			sportsUpdateTeam: 'Apples',
			sportsScoreEarned: 1,
			localizedText: locales({ locale: 'en-GB', eventLeagueName: 'TreeFruit League' }),
		},
		payload: {
			update: { teamName: 'Apples', scoreEarned: 1 },
			sportsEvent: {
				eventLeague: { name: 'localizedattribute:eventLeagueName' },
				homeTeamStatistic: { team: { name: 'Oranges' }, score: 1 },
				awayTeamStatistic: { team: { name: 'Apples' }, score: 2 },
			},
		},
		localizedAttributes: [{ locale: 'en-GB', eventLeagueName: 'TreeFruit League' }],
	},
	{
		parameters: {
			eventName: 'AMAZON.MessageAlert.Activated',
			messageStatus: 'FLAGGED',
			messageFreshness: 'NEW',
			messageCreator: 'Jane Doe',
			messageCount: 3,
			messageUrgency: 'URGENT',
			localizedText: locales({ locale: 'en-US' }),
		},
		payload: {
			state: { status: 'FLAGGED', freshness: 'NEW' },
			messageGroup: { creator: { name: 'Jane Doe' }, count: 3, urgency: 'URGENT' },
		},
		localizedAttributes: [{ locale: 'en-US' }],
	},
	{
		parameters: {
			eventName: 'AMAZON.OrderStatus.Updated',
			orderStatus: 'ORDER_SHIPPED',
			orderExpectedArrival: '2026-11-25T18:00:00Z',
			orderEnterTimestamp: '2026-11-22T11:00:00Z',
			localizedText: locales({ locale: 'en-US', sellerName: 'Example Shop' }),
		},
		payload: {
			state: {
				status: 'ORDER_SHIPPED',
				enterTimestamp: '2026-11-22T11:00:00.000Z',
				deliveryDetails: { expectedArrival: '2026-11-25T18:00:00.000Z' },
			},
			order: { seller: { name: 'localizedattribute:sellerName' } },
		},
		localizedAttributes: [{ locale: 'en-US', sellerName: 'Example Shop' }],
	},
	{
		parameters: {
			eventName: 'AMAZON.Occasion.Updated',
			occasionConfirmationStatus: 'RESCHEDULED',
			occasionType: 'APPOINTMENT',
			occasionBookingTime: '2026-12-03T09:30:00+01:00',
			localizedText: locales({
				locale: 'fr-FR',
				subject: 'Détartrage',
				providerName: 'Cabinet Dupont',
				brokerName: 'Exemple RDV',
			}),
		},
		payload: {
			state: { confirmationStatus: 'RESCHEDULED' },
			occasion: {
				occasionType: 'APPOINTMENT',
				subject: 'localizedattribute:subject',
				provider: { name: 'localizedattribute:providerName' },
				bookingTime: '2026-12-03T08:30:00.000Z',
				broker: { name: 'localizedattribute:brokerName' },
			},
		},
		localizedAttributes: [
			{
				locale: 'fr-FR',
				subject: 'Détartrage',
				providerName: 'Cabinet Dupont',
				brokerName: 'Exemple RDV',
			},
		],
	},
	{
		parameters: {
			eventName: 'AMAZON.TrashCollectionAlert.Activated',
			garbageTypes: ['COMPOSTABLE', 'RECYCLABLE_PLASTICS'],
			collectionDayOfWeek: 'TUESDAY',
			localizedText: locales({ locale: 'ja-JP' }),
		},
		payload: {
			alert: {
				garbageTypes: ['COMPOSTABLE', 'RECYCLABLE_PLASTICS'],
				collectionDayOfWeek: 'TUESDAY',
			},
		},
		localizedAttributes: [{ locale: 'ja-JP' }],
	},
	{
		parameters: {
			eventName: 'AMAZON.MediaContent.Available',
			mediaStartTime: '2026-11-23T21:00:00Z',
			mediaMethod: 'PREMIERE',
			mediaContentType: 'EPISODE',
			localizedText: locales(
				{ locale: 'en-US', contentName: 'Example Show', providerName: 'Example Channel' },
				{ locale: 'es-US', contentName: 'Programa', providerName: 'Canal' },
			),
		},
		payload: {
			availability: {
				startTime: '2026-11-23T21:00:00.000Z',
				provider: { name: 'localizedattribute:providerName' },
				method: 'PREMIERE',
			},
			content: { name: 'localizedattribute:contentName', contentType: 'EPISODE' },
		},
		localizedAttributes: [
			{ locale: 'en-US', contentName: 'Example Show', providerName: 'Example Channel' },
			{ locale: 'es-US', contentName: 'Programa', providerName: 'Canal' },
		],
	},
	{
		parameters: {
			eventName: 'AMAZON.SocialGameInvite.Available',
			inviterName: 'Max',
			inviterRelationship: 'FRIEND',
			inviteType: 'CHALLENGE',
			gameOffer: 'REMATCH',
			localizedText: locales({ locale: 'en-US', gameName: 'Example Game' }),
		},
		payload: {
			invite: {
				inviter: { name: 'Max' },
				relationshipToInvitee: 'FRIEND',
				inviteType: 'CHALLENGE',
			},
			game: { offer: 'REMATCH', name: 'localizedattribute:gameName' },
		},
		localizedAttributes: [{ locale: 'en-US', gameName: 'Example Game' }],
	},
];

describe('Notification → Send Notification: every schema', () => {
	it('covers every schema of the rules copied from Amazon, and nothing else', () => {
		assert.deepEqual(
			SCHEMA_CASES.map((schemaCase) => schemaCase.parameters.eventName).sort(),
			Object.keys(PROACTIVE_RULES.schemas).sort(),
		);
	});

	for (const { parameters, payload, localizedAttributes } of SCHEMA_CASES) {
		it(`sends ${String(parameters.eventName)} from its fields, and Alexa's rules accept it`, async () => {
			const { output, error } = await test.notify({ eventSource: 'fields', ...parameters });
			assert.equal(error, undefined, error?.message);
			const [request] = test.fake.requestsTo(DEVELOPMENT_PATH);
			assert.equal(request.status, 202, JSON.stringify(request.json));
			const body = request.json as IDataObject;
			assert.deepEqual(body.event, { name: parameters.eventName, payload });
			assert.deepEqual(body.localizedAttributes, localizedAttributes);
			assert.deepEqual(body.relevantAudience, { type: 'Unicast', payload: { user: USER } });
			assert.equal(output[0].json.eventName, parameters.eventName);
		});

		it(`sends ${String(parameters.eventName)} given as JSON just as from its fields`, async () => {
			const { error } = await test.notify({
				eventSource: 'json',
				eventJson: JSON.stringify({ name: parameters.eventName, payload }),
				localizedAttributesJson: JSON.stringify(localizedAttributes),
			});
			assert.equal(error, undefined, error?.message);
			const [request] = test.fake.requestsTo(DEVELOPMENT_PATH);
			assert.equal(request.status, 202, JSON.stringify(request.json));
			assert.deepEqual((request.json as IDataObject).event, {
				name: parameters.eventName,
				payload,
			});
		});
	}
});

describe('Notification → Send Notification: the request', () => {
	it('posts to the development path with a Proactive Events token and the fields Amazon asks for', async () => {
		const { output, error } = await test.notify();
		assert.equal(error, undefined, error?.message);
		const [request] = test.fake.requestsTo(DEVELOPMENT_PATH);
		assert.equal(request.method, 'POST');
		assert.equal(request.path, DEVELOPMENT_PATH);
		assert.match(String(request.headers.authorization), /^Bearer Atc\|/);
		const token = test.fake.tokens.get(String(request.headers.authorization).slice(7));
		assert.equal(token?.scope, 'alexa::proactive_events');
		const body = request.json as IDataObject;
		assert.equal(body.timestamp, new Date(test.clock.nowMs).toISOString());
		assert.equal(
			body.expiryTime,
			new Date(test.clock.nowMs + 23 * 3600_000).toISOString(),
			'23 hours from now by default',
		);
		assert.match(String(body.referenceId), UUID_V4);
		assert.deepEqual(output[0].json, {
			accepted: true,
			statusCode: 202,
			requestId: output[0].json.requestId,
			hint: output[0].json.hint,
			referenceId: body.referenceId,
			eventName: 'AMAZON.OrderStatus.Updated',
			audience: 'Unicast',
			userId: USER,
			stage: 'development',
		});
		assert.match(String(output[0].json.requestId), /^[0-9a-f-]{36}$/);
		assert.match(
			String(output[0].json.hint),
			/allowed notifications for your skill in the Alexa app.*events\.publications/,
		);
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	});

	it('posts to the live path when the stage is Live', async () => {
		await test.notify({ stage: 'live' });
		assert.deepEqual(
			test.fake.requests
				.filter((request) => request.path !== '/auth/o2/token')
				.map((request) => `${request.path} ${request.status}`),
			[`${LIVE_PATH} 202`],
		);
		assert.equal(test.fake.notifications[0].stage, 'live');
	});

	it('sends Multicast with an empty audience payload, and no user ID is asked for', async () => {
		const { output, error } = await test.notify({ audience: 'Multicast', userId: '' });
		assert.equal(error, undefined, error?.message);
		assert.deepEqual(
			(test.fake.requestsTo(DEVELOPMENT_PATH)[0].json as IDataObject).relevantAudience,
			{ type: 'Multicast', payload: {} },
		);
		assert.equal(output[0].json.audience, 'Multicast');
		assert.equal('userId' in output[0].json, false);
	});

	it('sends each user their own notification, with the user ID from an expression and its own Reference ID', async () => {
		const users = ['amzn1.ask.account.A', 'amzn1.ask.account.B', 'amzn1.ask.account.C'];
		const { output } = await test.notify(
			{ userId: '={{ $json.user }}' },
			{ items: users.map((user) => ({ user })) },
		);
		assert.deepEqual(
			output.map((item) => [item.json.userId, item.pairedItem]),
			users.map((user, index) => [user, { item: index }]),
		);
		const sent = test.fake.notifications.map((notification) => notification.user).sort();
		assert.deepEqual(sent, users);
		assert.equal(
			new Set(test.fake.notifications.map((notification) => notification.referenceId)).size,
			3,
		);
	});

	it('accepts a Reference ID of letters, digits, - and ~ at 100 characters', async () => {
		const referenceId = `Order-1234~shipped-${'x'.repeat(100 - 'Order-1234~shipped-'.length)}`;
		const { error } = await test.notify({ notificationOptions: { referenceId } });
		assert.equal(error, undefined, error?.message);
		assert.equal(
			(test.fake.requestsTo(DEVELOPMENT_PATH)[0].json as IDataObject).referenceId,
			referenceId,
		);
		assert.equal(test.fake.notifications.length, 1);
	});

	it("expires 23 hours after an earlier Timestamp by default, inside both of Amazon's windows", async () => {
		const timestamp = new Date(test.clock.nowMs - 2 * 3600_000).toISOString();
		const { error } = await test.notify({ notificationOptions: { timestamp } });
		assert.equal(error, undefined, error?.message);
		const [request] = test.fake.requestsTo(DEVELOPMENT_PATH);
		assert.equal(request.status, 202);
		assert.equal(
			(request.json as IDataObject).expiryTime,
			new Date(test.clock.nowMs + 21 * 3600_000).toISOString(),
		);
	});

	it('sends the Reference ID, timestamp and expiry the user gave', async () => {
		const timestamp = new Date(test.clock.nowMs - 60_000).toISOString();
		const expiryTime = new Date(test.clock.nowMs + 6 * 3600_000).toISOString();
		await test.notify({
			notificationOptions: { referenceId: 'order-1234-shipped', timestamp, expiryTime },
		});
		const body = test.fake.requestsTo(DEVELOPMENT_PATH)[0].json as IDataObject;
		assert.deepEqual(
			[body.referenceId, body.timestamp, body.expiryTime],
			['order-1234-shipped', timestamp, expiryTime],
		);
	});

	it('goes to a host that serves Proactive Events, which the fake checks', async () => {
		await test.notify(
			{},
			{ credential: notificationCredential(test.fake, { apiBaseUrl: `${test.fake.url}/{host}` }) },
		);
		const [request] = test.fake.requestsTo(DEVELOPMENT_PATH);
		assert.deepEqual([request.host, request.status], ['api.amazonalexa.com', 202]);
	});

	it('works with a Skill Messaging credential saved by the previous version, as it is stored', async () => {
		// The data object of a credential saved before notifications existed: no new field.
		const saved = {
			clientId: notificationCredential(test.fake).data.clientId,
			clientSecret: CLIENT_SECRET,
			region: 'custom',
			apiBaseUrl: test.fake.url,
			loginWithAmazonUrl: test.fake.tokenUrl,
			accessToken: '',
		};
		const { error } = await test.notify(
			{},
			{ credential: { type: 'alexaSkillMessagingApi', data: saved } },
		);
		assert.equal(error, undefined, error?.message);
		assert.equal(test.fake.notifications.length, 1);
	});

	it('keeps one token per scope: a skill message and a notification of the same credential each get their own', async () => {
		const { runAlexaNode } = await import('./harness/engine.mts');
		const credential = notificationCredential(test.fake);
		await test.notify();
		await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: USER },
			credential,
		});
		await test.notify();
		const scopes = test.fake.requestsTo('/auth/o2/token').map((request) => request.form?.scope);
		assert.deepEqual(scopes, ['alexa::proactive_events', 'alexa:skill_messaging']);
		assert.equal(test.fake.requestsTo('/v1/skillmessages/users/')[0].status, 202);
	});

	it('says what shows up: nothing for a user who has not allowed notifications or an event the manifest lacks', async () => {
		test.fake.notificationSubscribers.add(USER);
		test.fake.declaredEvents = new Set(['AMAZON.OrderStatus.Updated']);
		await test.notify();
		await test.notify({ userId: 'amzn1.ask.account.NOT_SUBSCRIBED' });
		await test.notify({
			...ORDER_SHIPPED,
			eventName: 'AMAZON.TrashCollectionAlert.Activated',
			garbageTypes: ['GLASS'],
			collectionDayOfWeek: 'MONDAY',
		});
		assert.deepEqual(
			test.fake.notifications.map((notification) => notification.shownTo),
			[[USER], [], []],
		);
		assert.ok(
			test.fake.requestsTo(DEVELOPMENT_PATH).every((request) => request.status === 202),
			'Alexa accepts all three',
		);
	});
});

describe('Notification → Send Notification: volume', () => {
	it('sends 1,000 unicast notifications with one token request, each item paired, no secret in the output', async () => {
		const items = Array.from({ length: 1000 }, (_, index) => ({
			user: `amzn1.ask.account.V${index}`,
			order: `o-${index}`,
		}));
		const { output, error } = await test.notify(
			{
				userId: '={{ $json.user }}',
				notificationOptions: { referenceId: '={{ $json.order }}-shipped' },
			},
			{ items },
		);
		assert.equal(error, undefined, error?.message);
		assert.equal(output.length, 1000);
		assert.ok(
			output.every(
				(item, index) =>
					item.json.accepted === true &&
					(item.pairedItem as { item: number }).item === index &&
					item.json.referenceId === `o-${index}-shipped`,
			),
		);
		assert.equal(
			test.fake.requestsTo('/auth/o2/token').length,
			1,
			'one LWA request for the credential and scope',
		);
		assert.equal(lwa.lwaStatistics().tokenRequests, 1);
		assert.equal(test.fake.notifications.length, 1000);
		assertNoSecrets([output], [CLIENT_SECRET, ...issuedTokens(test.fake)]);
	});
});
