/**
 * Notification → checks before sending: an invalid item is refused with the item, the field and
 * the limit, and nothing at all is sent (not even a token request).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { ORDER_SHIPPED, useNotificationTests } from './harness/notifications.mts';

const test = useNotificationTests();
const HOUR = 3600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, 0) + ms).toISOString();
const orderLocale = (entry: INodeParameters): INodeParameters => ({ locale: [entry] });

describe('Notification: validation before sending', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'Unicast without a user ID',
			{ userId: '={{ "" }}' },
			/^Item 0: User ID is empty; it is required/,
		],
		[
			'an audience that is neither',
			{ audience: '={{ "Broadcast" }}' },
			/Audience is "Broadcast"; it must be Unicast or Multicast/,
		],
		[
			'a stage that is neither',
			{ stage: '={{ "beta" }}' },
			/Stage is "beta"; it must be development or live/,
		],
		[
			'a value Amazon does not list',
			{ orderStatus: '={{ "SHIPPED" }}' },
			/Order Status is "SHIPPED"; AMAZON.OrderStatus.Updated allows PREORDER_RECEIVED, ORDER_RECEIVED, ORDER_PREPARING, ORDER_SHIPPED, ORDER_OUT_FOR_DELIVERY, ORDER_DELIVERED/,
		],
		[
			'a required field left empty',
			{
				eventName: 'AMAZON.MessageAlert.Activated',
				messageCreator: '={{ "" }}',
				messageCount: 2,
				localizedText: orderLocale({ locale: 'en-US' }),
			},
			/Sender is empty; AMAZON.MessageAlert.Activated requires it/,
		],
		[
			'a count below one',
			{
				eventName: 'AMAZON.MessageAlert.Activated',
				messageCreator: 'Jane',
				messageCount: 0,
				localizedText: orderLocale({ locale: 'en-US' }),
			},
			/Message Count is 0; it must be a whole number from 1/,
		],
		[
			'a garbage type Amazon does not list',
			{
				eventName: 'AMAZON.TrashCollectionAlert.Activated',
				garbageTypes: '={{ ["GLASS", "PAPER"] }}',
				collectionDayOfWeek: 'MONDAY',
				localizedText: orderLocale({ locale: 'en-US' }),
			},
			/Garbage Types has "PAPER"; AMAZON.TrashCollectionAlert.Activated allows a list of BOTTLES/,
		],
		[
			'no garbage type',
			{
				eventName: 'AMAZON.TrashCollectionAlert.Activated',
				garbageTypes: '={{ [] }}',
				collectionDayOfWeek: 'MONDAY',
				localizedText: orderLocale({ locale: 'en-US' }),
			},
			/Garbage Types is empty; AMAZON.TrashCollectionAlert.Activated requires it/,
		],
		[
			'half of an optional group',
			{
				eventName: 'AMAZON.SportsEvent.Updated',
				sportsHomeTeam: 'A',
				sportsHomeScore: 1,
				sportsAwayTeam: 'B',
				sportsAwayScore: 0,
				sportsUpdateTeam: 'A',
				localizedText: orderLocale({ locale: 'en-US', eventLeagueName: 'L' }),
			},
			/Score Earned is empty; AMAZON.SportsEvent.Updated requires it with the other update fields/,
		],
		[
			'a time that is not ISO 8601',
			{
				eventName: 'AMAZON.Occasion.Updated',
				occasionBookingTime: 'tomorrow',
				localizedText: orderLocale({ locale: 'en-US', subject: 's', providerName: 'p' }),
			},
			/Booking Time is "tomorrow"; it must be an ISO 8601 date and time/,
		],
		['no locale', { localizedText: {} }, /Text per Locale has no locale; at least one is needed/],
		[
			'a locale written another way',
			{ localizedText: orderLocale({ locale: '={{ "en_us" }}', sellerName: 'Shop' }) },
			/Text per Locale entry 1 has locale "en_us"; Alexa's locales are ar-SA, de-DE/,
		],
		[
			'a locale twice',
			{
				localizedText: {
					locale: [
						{ locale: 'en-US', sellerName: 'A' },
						{ locale: 'en-US', sellerName: 'B' },
					],
				},
			},
			/Text per Locale has the locale en-US twice/,
		],
		[
			'a localized text missing in one locale',
			{
				localizedText: {
					locale: [
						{ locale: 'en-US', sellerName: 'A' },
						{ locale: 'de-DE', sellerName: '' },
					],
				},
			},
			/Text per Locale has no text for "sellerName" in de-DE/,
		],
		[
			'an optional localized text in only one locale',
			{
				eventName: 'AMAZON.Occasion.Updated',
				occasionBookingTime: at(HOUR),
				localizedText: {
					locale: [
						{ locale: 'en-US', subject: 's', providerName: 'p', brokerName: 'b' },
						{ locale: 'en-GB', subject: 's', providerName: 'p' },
					],
				},
			},
			/Text per Locale has no text for "brokerName" in en-GB/,
		],
		[
			'an expiry under five minutes',
			{ notificationOptions: { expiryTime: at(4 * 60_000) } },
			/Expiry Time is 2026-11-22T12:04:00.000Z, 4 minutes from now; Alexa accepts 5 minutes \(5\) to 24 hours \(1440 minutes\) from now/,
		],
		[
			'an expiry over 24 hours',
			{ notificationOptions: { expiryTime: at(24 * HOUR + 60_000) } },
			/Expiry Time is .*, 1441 minutes from now; Alexa accepts 5 minutes/,
		],
		[
			'an expiry before the timestamp',
			{ notificationOptions: { timestamp: at(2 * HOUR), expiryTime: at(HOUR) } },
			/^Item 0: Expiry Time is 2026-11-22T13:00:00.000Z, -60 minutes after the Timestamp 2026-11-22T14:00:00.000Z; Alexa accepts 5 minutes \(5\) to 24 hours \(1440 minutes\) after the event's timestamp too$/,
		],
		[
			'an expiry under five minutes after the timestamp',
			{ notificationOptions: { timestamp: at(HOUR), expiryTime: at(HOUR + 4 * 60_000) } },
			/Expiry Time is 2026-11-22T13:04:00.000Z, 4 minutes after the Timestamp .*; Alexa accepts 5 minutes/,
		],
		[
			'an expiry over 24 hours after the timestamp, though within 24 hours from now',
			{ notificationOptions: { timestamp: at(-2 * HOUR), expiryTime: at(23 * HOUR) } },
			/Expiry Time is 2026-11-23T11:00:00.000Z, 1500 minutes after the Timestamp 2026-11-22T10:00:00.000Z; Alexa accepts 5 minutes \(5\) to 24 hours \(1440 minutes\) after the event's timestamp too/,
		],
		[
			'a timestamp so old that no expiry fits both windows',
			{ notificationOptions: { timestamp: at(-25 * HOUR) } },
			/Expiry Time is .*, -120 minutes from now; Alexa accepts 5 minutes/,
		],
		[
			'a timestamp that is not a date',
			{ notificationOptions: { timestamp: 'now' } },
			/Timestamp is "now"; it must be an ISO 8601 date and time/,
		],
		[
			'a Reference ID over 100 characters',
			{ notificationOptions: { referenceId: 'x'.repeat(101) } },
			/^Item 0: Reference ID "x{40}" is not allowed: Alexa takes at most 100 letters A–Z and a–z, digits, - and ~$/,
		],
		[
			'a Reference ID with a space',
			{ notificationOptions: { referenceId: 'order 1' } },
			/Reference ID "order 1" is not allowed/,
		],
		[
			'a Reference ID with _ (Amazon allows alphanumeric characters, - and ~ only)',
			{ notificationOptions: { referenceId: 'order_1234' } },
			/^Item 0: Reference ID "order_1234" is not allowed: Alexa takes at most 100 letters A–Z and a–z, digits, - and ~$/,
		],
		[
			'a Reference ID with .',
			{ notificationOptions: { referenceId: 'order.1234' } },
			/^Item 0: Reference ID "order.1234" is not allowed/,
		],
		[
			'a Reference ID with a letter beyond A–Z',
			{ notificationOptions: { referenceId: 'bestellung-ä' } },
			/^Item 0: Reference ID "bestellung-ä" is not allowed/,
		],
		[
			'an event that is not JSON',
			{ eventSource: 'json', eventJson: '{"name": ', localizedAttributesJson: '[]' },
			/Event \(JSON\) is not valid JSON/,
		],
		[
			'a JSON event of an unknown schema',
			{
				eventSource: 'json',
				eventJson: '{"name": "AMAZON.Custom", "payload": {}}',
				localizedAttributesJson: '[]',
			},
			/Event \(JSON\) name is "AMAZON.Custom"; Alexa takes only its own schemas/,
		],
		[
			'a JSON event without a payload',
			{
				eventSource: 'json',
				eventJson: '{"name": "AMAZON.OrderStatus.Updated"}',
				localizedAttributesJson: '[]',
			},
			/Event \(JSON\) payload is missing or not an object/,
		],
		[
			'a JSON payload without a required field',
			{
				eventSource: 'json',
				eventJson:
					'{"name": "AMAZON.OrderStatus.Updated", "payload": {"state": {"status": "ORDER_SHIPPED"}}}',
				localizedAttributesJson: '[{"locale": "en-US"}]',
			},
			/Event \(JSON\) payload.order.seller.name is empty; AMAZON.OrderStatus.Updated requires it/,
		],
		[
			'localized attributes that are not JSON',
			{
				eventSource: 'json',
				eventJson:
					'{"name": "AMAZON.OrderStatus.Updated", "payload": {"state": {"status": "ORDER_SHIPPED"}, "order": {"seller": {"name": "x"}}}}',
				localizedAttributesJson: '[{',
			},
			/Localized Attributes \(JSON\) is not valid JSON/,
		],
		[
			'localized attributes without the key the event names',
			{
				eventSource: 'json',
				eventJson:
					'{"name": "AMAZON.OrderStatus.Updated", "payload": {"state": {"status": "ORDER_SHIPPED"}, "order": {"seller": {"name": "localizedattribute:sellerName"}}}}',
				localizedAttributesJson: '[{"locale": "en-US", "seller": "x"}]',
			},
			/Localized Attributes \(JSON\) has no text for "sellerName" in en-US; the event refers to localizedattribute:sellerName/,
		],
	];
	for (const [name, parameters, message] of cases) {
		it(`rejects ${name} and sends nothing`, async () => {
			const { error } = await test.notify({ ...ORDER_SHIPPED, ...parameters });
			assert.ok(error, 'the node should fail');
			// n8n itself refuses an empty required field typed in; expressions reach the node's own checks.
			assert.match(error.message, message);
			assert.match(String(error.description), /Nothing was sent for this item\./);
			assert.equal(test.fake.requests.length, 0, 'no request at all, not even for a token');
		});
	}

	it('names the invalid item among valid ones, and sends none of them', async () => {
		const { error } = await test.notify(
			{ userId: '={{ $json.user }}' },
			{ items: [{ user: 'amzn1.ask.account.A' }, { user: '' }, { user: 'amzn1.ask.account.C' }] },
		);
		assert.match(String(error?.message), /Item 1: User ID is empty/);
		assert.equal(test.fake.requests.length, 0);
	});

	it('with Continue On Fail, reports the invalid item and sends the others', async () => {
		const { output } = await test.notify(
			{ userId: '={{ $json.user }}' },
			{ items: [{ user: 'amzn1.ask.account.A' }, { user: '' }], continueOnFail: true },
		);
		assert.equal(output[0].json.accepted, true);
		assert.match(String(output[1].json.error), /Item 1: User ID is empty/);
		assert.equal(test.fake.notifications.length, 1);
	});
});
