/**
 * Reminder → Create, Get, Get Many, Update, Delete, run through n8n's engine after an Alexa
 * Trigger item, against the fake's Reminders API on Amazon's host names (over TLS). No
 * credential: the token and host are those of the request Alexa sent the skill.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SCOPES } from './fake-alexa/alexaUsers.mts';
import type { FakeAlexa } from './fake-alexa/server.mts';
import {
	assertNoSecrets,
	installClock,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';
import {
	alexaNodeRun,
	runAfterTrigger,
	triggerItem,
	type OpenedRequest,
} from './harness/inSession.mts';

const REMINDERS = '/v1/alerts/reminders';
const fakeAlexa = useFakeAlexa({ amazonHosts: true });
let fake: FakeAlexa;
let clock: ManualClock;
beforeEach(() => {
	fake = fakeAlexa();
	// 2026-12-07T14:00:00Z: 06:00 in Los Angeles, the fake device's time zone.
	clock = installClock(Date.UTC(2026, 11, 7, 14, 0, 0));
	fake.now = () => clock.now();
});

function openRequest(options: Parameters<FakeAlexa['openSkillRequest']>[0] = {}): OpenedRequest {
	return fake.openSkillRequest({ grants: [SCOPES.reminders], ...options });
}

const CREATE: INodeParameters = {
	resource: 'reminder',
	operation: 'create',
	text: 'Water the plants',
	scheduledTime: '2026-12-07T18:00:00',
};

async function create(parameters: INodeParameters = {}, skill = openRequest(), options = {}) {
	const item = triggerItem(skill, clock.now());
	const result = await runAfterTrigger({ ...CREATE, ...parameters }, [item], options);
	return { skill, item, ...result };
}

describe('Reminder → Create', () => {
	it("posts a ReminderRequest to the request's host with its token, and outputs the alertToken", async () => {
		const { skill, output, error } = await create();
		assert.equal(error, undefined);
		const [request] = fake.requestsTo(REMINDERS);
		assert.equal(fake.requests.length, 1);
		assert.equal(request.method, 'POST');
		assert.equal(request.host, 'api.amazonalexa.com');
		assert.equal(request.headers.authorization, `Bearer ${skill.apiAccessToken}`);
		assert.match(String(request.headers['content-type']), /^application\/json/);
		assert.deepEqual(request.json, {
			requestTime: '2026-12-07T14:00:00.000',
			trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime: '2026-12-07T18:00:00' },
			alertInfo: { spokenInfo: { content: [{ locale: 'en-US', text: 'Water the plants' }] } },
			pushNotification: { status: 'ENABLED' },
		});
		assert.equal(request.status, 201);
		const stored = fake.alexaUser().reminders.get(String(output[0]?.json.alertToken));
		assert.ok(stored, 'the fake kept the reminder');
		assert.equal(stored.trigger.timeZoneId, 'America/Los_Angeles', "the device's time zone");
		assert.deepEqual(Object.keys(output[0]!.json).sort(), [
			'alertToken',
			'createdTime',
			'href',
			'status',
			'statusCode',
			'updatedTime',
			'version',
		]);
		assert.equal(output[0]?.json.status, 'ON');
		assert.deepEqual(output[0]?.pairedItem, { item: 0 });
	});

	it("finds the token in the Alexa Trigger's item with other nodes in between, and keeps it out of the run", async () => {
		const skill = openRequest({ host: 'api.eu.amazonalexa.com', locale: 'de-DE' });
		const result = await runAfterTrigger(
			{ ...CREATE, text: 'Blumen gießen' },
			[triggerItem(skill, clock.now())],
			{ throughOtherNode: true },
		);
		assert.equal(result.error, undefined);
		const [request] = fake.requestsTo(REMINDERS);
		assert.equal(request.host, 'api.eu.amazonalexa.com');
		assert.equal(request.headers.authorization, `Bearer ${skill.apiAccessToken}`);
		assert.deepEqual((request.json as IDataObject).alertInfo, {
			spokenInfo: { content: [{ locale: 'de-DE', text: 'Blumen gießen' }] },
		});
		assertNoSecrets(alexaNodeRun(result), [skill.apiAccessToken]);
	});

	it('takes the request fields when they are mapped, with no trigger upstream', async () => {
		const skill = openRequest();
		const result = await runAfterTrigger(
			{
				...CREATE,
				locale: 'en-GB',
				apiEndpoint: '={{ $json.endpoint }}',
				apiAccessToken: '={{ $json.token }}',
			},
			[{ endpoint: skill.apiEndpoint, token: skill.apiAccessToken }],
			{ fromTrigger: false },
		);
		assert.equal(result.error, undefined);
		assert.equal(fake.reminderLog.length, 1);
	});

	it('after a delay: SCHEDULED_RELATIVE with offsetInSeconds, which Alexa turns into a time on the device', async () => {
		const { output, error } = await create({ trigger: 'scheduledRelative', offsetInSeconds: 7200 });
		assert.equal(error, undefined);
		assert.deepEqual((fake.requestsTo(REMINDERS)[0]!.json as IDataObject).trigger, {
			type: 'SCHEDULED_RELATIVE',
			offsetInSeconds: 7200,
		});
		const stored = fake.alexaUser().reminders.get(String(output[0]?.json.alertToken))!;
		assert.equal(stored.trigger.scheduledTime, '2026-12-07T08:00:00');
	});

	it('reads a time with an offset in Time Zone ({{ $now }}), and sends the zone', async () => {
		await create({ scheduledTime: '2026-12-08T02:00:00.000Z', timeZone: 'America/New_York' });
		assert.deepEqual((fake.requestsTo(REMINDERS)[0]!.json as IDataObject).trigger, {
			type: 'SCHEDULED_ABSOLUTE',
			scheduledTime: '2026-12-07T21:00:00',
			timeZoneId: 'America/New_York',
		});
	});

	it('repeats daily, weekly, or by the rules given, from Date and Time until Repeat Until', async () => {
		await create({ repeat: 'daily', interval: 2 });
		await create({ repeat: 'weekly', days: ['MO', 'TH'], repeatUntil: '2027-03-01T00:00:00' });
		await create({
			repeat: 'rules',
			recurrenceRules:
				'FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1;\nFREQ=DAILY;BYHOUR=17;BYMINUTE=15;BYSECOND=0;INTERVAL=1',
		});
		assert.deepEqual(
			fake
				.requestsTo(REMINDERS)
				.map((request) => (request.json as { trigger: IDataObject }).trigger.recurrence),
			[
				{
					startDateTime: '2026-12-07T18:00:00',
					recurrenceRules: ['FREQ=DAILY;BYHOUR=18;BYMINUTE=0;BYSECOND=0;INTERVAL=2'],
				},
				{
					startDateTime: '2026-12-07T18:00:00',
					recurrenceRules: ['FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=18;BYMINUTE=0;BYSECOND=0;INTERVAL=1'],
					endDateTime: '2027-03-01T00:00:00',
				},
				{
					startDateTime: '2026-12-07T18:00:00',
					recurrenceRules: [
						'FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1;',
						'FREQ=DAILY;BYHOUR=17;BYMINUTE=15;BYSECOND=0;INTERVAL=1',
					],
				},
			],
		);
		assert.equal(fake.reminderLog.length, 3);
	});

	it('sends more locales, spoken SSML and push notification off', async () => {
		await create({
			pushNotification: false,
			reminderOptions: {
				ssml: 'Time to <emphasis>water</emphasis> the plants',
				otherLocales: { locale: [{ locale: 'de-DE', text: 'Blumen gießen', ssml: '' }] },
			},
		});
		const json = fake.requestsTo(REMINDERS)[0]!.json as IDataObject;
		assert.deepEqual(json.alertInfo, {
			spokenInfo: {
				content: [
					{
						locale: 'en-US',
						text: 'Water the plants',
						ssml: '<speak>Time to <emphasis>water</emphasis> the plants</speak>',
					},
					{ locale: 'de-DE', text: 'Blumen gießen' },
				],
			},
		});
		assert.deepEqual(json.pushNotification, { status: 'DISABLED' });
	});

	it("is refused before sending with a skill message's token (Messaging.MessageReceived), as Amazon's current page says", async () => {
		const skill = openRequest({ requestType: 'Messaging.MessageReceived' });
		const { error } = await create({}, skill);
		assert.match(
			String(error?.message),
			/^Item 0: API Access Token is the token of a Messaging\.MessageReceived request, which Amazon's Reminders API does not take to create a reminder/,
		);
		assert.match(String(error?.description), /only while the user talks to the skill/);
		assert.equal(fake.requests.length, 0);
	});

	it("is refused by Alexa (403) with a skill message's token the node cannot recognise, and not sent twice", async () => {
		const skill = openRequest({ requestType: 'Messaging.MessageReceived' });
		const result = await runAfterTrigger(
			{
				...CREATE,
				locale: 'en-US',
				apiEndpoint: skill.apiEndpoint,
				apiAccessToken: '={{ $json.token }}',
			},
			[{ token: skill.apiAccessToken }],
			{ fromTrigger: false },
		);
		assert.equal(result.error?.httpCode, '403');
		assert.match(String(result.error?.description), /token is a skill message's/);
		assert.equal(fake.requestsTo(REMINDERS).length, 1);
		assert.equal(fake.reminderLog.length, 0);
	});
});

describe('Reminder → Create: what Alexa refuses, as errors that say what to do', () => {
	it('says to send a permissions card with the reminders scope when the user has not granted it (401)', async () => {
		const skill = fake.openSkillRequest();
		const { error, ...result } = await create({}, skill);
		assert.equal(error?.httpCode, '401');
		assert.match(
			String(error?.message),
			/not given the skill permission for reminders, or the token is not good \(HTTP 401\)/,
		);
		assert.match(
			String(error?.description),
			/Skill Response → Build, Card Type "Ask for Permissions Consent", Permissions alexa::alerts:reminders:skill:readwrite/,
		);
		assert.match(String(error?.description), /Alexa said: "Request Unauthorized\."/);
		assertNoSecrets(alexaNodeRun({ error, ...result } as never), [skill.apiAccessToken]);
	});

	it('names a device that does not support reminders, and a user with too many (403)', async () => {
		const skill = openRequest();
		fake.alexaUser().devices.get(skill.deviceId!)!.supportsReminders = false;
		const first = await create({}, skill);
		assert.match(
			String(first.error?.message),
			/does not support reminders \(HTTP 403 DEVICE_NOT_SUPPORTED\)/,
		);
		fake.alexaUser().devices.get(skill.deviceId!)!.supportsReminders = true;
		fake.alexaUser().reminderLimit = 0;
		const second = await create({}, openRequest());
		assert.match(
			String(second.error?.message),
			/as many reminders from this skill as Alexa allows \(HTTP 403 MAX_REMINDERS_EXCEEDED\)/,
		);
		assert.match(String(second.error?.description), /Get Many, then Delete/);
	});

	for (const status of [500, 503, 504]) {
		it(`is not sent again after ${status}: Alexa may have made it, and a second would be a second reminder`, async () => {
			fake.inject(REMINDERS, { status }, { status });
			const { error } = await create();
			assert.equal(error?.httpCode, String(status));
			assert.equal(fake.requestsTo(REMINDERS).length, 1);
			assert.match(String(error?.description), /not sent again.*Get Many before creating it again/);
		});
	}

	it('is not sent again after a lost answer (the connection cut after Alexa made it)', async () => {
		fake.inject(REMINDERS, { dropAfterHandling: true });
		const { error } = await create();
		assert.ok(error);
		assert.equal(fake.requestsTo(REMINDERS).length, 1);
		assert.equal(fake.reminderLog.length, 1, 'Alexa made one, and only one');
	});

	it('is sent again after 429, which made nothing', async () => {
		fake.inject(REMINDERS, { status: 429 });
		const { error } = await create();
		assert.equal(error, undefined);
		assert.deepEqual(
			fake.requestsTo(REMINDERS).map((request) => request.status),
			[429, 201],
		);
		assert.equal(fake.reminderLog.length, 1);
	});
});

describe('Reminder → Get, Get Many, Update, Delete', () => {
	async function madeReminder(): Promise<string> {
		const { output } = await create();
		return String(output[0]?.json.alertToken);
	}

	it('gets one reminder by its alert token, and all as one item with a count', async () => {
		const alertToken = await madeReminder();
		await create({ text: 'Call mum', trigger: 'scheduledRelative', offsetInSeconds: 600 });
		const one = await runAfterTrigger(
			{ resource: 'reminder', operation: 'get', reminderId: alertToken },
			[triggerItem(openRequest(), clock.now())],
		);
		assert.equal(one.error, undefined);
		assert.equal(one.output[0]?.json.alertToken, alertToken);
		assert.deepEqual(one.output[0]?.json.alertInfo, {
			spokenInfo: { content: [{ locale: 'en-US', text: 'Water the plants' }] },
		});
		const all = await runAfterTrigger({ resource: 'reminder', operation: 'getAll' }, [
			triggerItem(openRequest(), clock.now()),
		]);
		assert.equal(all.output.length, 1);
		assert.equal(all.output[0]?.json.totalCount, 2);
		assert.equal((all.output[0]?.json.reminders as IDataObject[]).length, 2);
	});

	it('outputs one item with totalCount 0 when the user has none, so the workflow goes on', async () => {
		const all = await runAfterTrigger({ resource: 'reminder', operation: 'getAll' }, [
			triggerItem(openRequest(), clock.now()),
		]);
		assert.deepEqual(all.output[0]?.json, { totalCount: 0, reminders: [], statusCode: 200 });
	});

	it("gets, lists and deletes with a skill message's token (out of session), as every page of Amazon's allows", async () => {
		const alertToken = await madeReminder();
		const message = triggerItem(
			openRequest({ requestType: 'Messaging.MessageReceived' }),
			clock.now(),
		);
		const all = await runAfterTrigger({ resource: 'reminder', operation: 'getAll' }, [message]);
		assert.equal(all.output[0]?.json.totalCount, 1);
		const deleted = await runAfterTrigger(
			{ resource: 'reminder', operation: 'delete', reminderId: alertToken },
			[message],
		);
		assert.deepEqual(deleted.output[0]?.json, { deleted: true, alertToken, statusCode: 200 });
		assert.equal(fake.alexaUser().reminders.size, 0);
	});

	it('updates a reminder with the whole request (PUT), in session only', async () => {
		const alertToken = await madeReminder();
		const updated = await runAfterTrigger(
			{
				...CREATE,
				operation: 'update',
				reminderId: alertToken,
				scheduledTime: '2026-12-07T19:30:00',
			},
			[triggerItem(openRequest(), clock.now())],
		);
		assert.equal(updated.error, undefined);
		const [put] = fake.requests.filter((request) => request.method === 'PUT');
		assert.equal(put?.path, `${REMINDERS}/${alertToken}`);
		assert.equal(updated.output[0]?.json.version, '2');
		assert.equal(
			fake.alexaUser().reminders.get(alertToken)?.trigger.scheduledTime,
			'2026-12-07T19:30:00',
		);
		const message = triggerItem(
			openRequest({ requestType: 'Messaging.MessageReceived' }),
			clock.now(),
		);
		const refused = await runAfterTrigger(
			{ ...CREATE, operation: 'update', reminderId: alertToken },
			[message],
		);
		assert.match(String(refused.error?.message), /does not take to update a reminder/);
		assert.equal(fake.requests.filter((request) => request.method === 'PUT').length, 1);
	});

	it("gets 409 from Alexa for an update with a skill message's token the node cannot recognise", async () => {
		const alertToken = await madeReminder();
		const message = openRequest({ requestType: 'Messaging.MessageReceived' });
		const result = await runAfterTrigger(
			{
				...CREATE,
				operation: 'update',
				reminderId: alertToken,
				locale: 'en-US',
				apiEndpoint: message.apiEndpoint,
				apiAccessToken: '={{ $json.token }}',
			},
			[{ token: message.apiAccessToken }],
			{ fromTrigger: false },
		);
		assert.equal(result.error?.httpCode, '409');
		assert.match(
			String(result.error?.description),
			/token of a request from the user in the skill/,
		);
		assert.equal(fake.alexaUser().reminders.get(alertToken)?.version, '1', 'not updated');
		assertNoSecrets(alexaNodeRun(result), [message.apiAccessToken]);
	});

	it('says to ask for the permission when Get Many and Delete get 401', async () => {
		const skill = fake.openSkillRequest();
		for (const parameters of [
			{ resource: 'reminder', operation: 'getAll' },
			{ resource: 'reminder', operation: 'delete', reminderId: 'some-reminder' },
		]) {
			const result = await runAfterTrigger(parameters, [triggerItem(skill, clock.now())]);
			assert.equal(result.error?.httpCode, '401');
			assert.match(String(result.error?.description), /alexa::alerts:reminders:skill:readwrite/);
		}
	});

	it('says a reminder is gone (404) when it was deleted or went off days ago', async () => {
		const result = await runAfterTrigger(
			{ resource: 'reminder', operation: 'get', reminderId: 'no-such-reminder' },
			[triggerItem(openRequest(), clock.now())],
		);
		assert.equal(result.error?.httpCode, '404');
		assert.match(
			String(result.error?.message),
			/no reminder with this alert token \(HTTP 404 ALERT_NOT_FOUND\)/,
		);
		assert.match(String(result.error?.description), /more than three days ago/);
	});
});

describe('Reminder: invalid input sends nothing and names the item and the field', () => {
	const cases: Array<{ name: string; parameters: INodeParameters; expect: RegExp; hint?: RegExp }> =
		[
			{
				name: 'a time with an offset and no time zone',
				parameters: { scheduledTime: '2026-12-07T18:00:00+01:00' },
				expect:
					/^Item 0: Date and Time is "2026-12-07T18:00:00\+01:00", a time with an offset, and Time Zone is empty$/,
				hint: /Device Settings → Get Time Zone/,
			},
			{
				name: 'a date that does not exist',
				parameters: { scheduledTime: '2026-02-30T18:00:00' },
				expect:
					/^Item 0: Date and Time is "2026-02-30T18:00:00", which is not a date and time that exists/,
			},
			{
				name: 'a date without a time',
				parameters: { scheduledTime: '2026-12-24' },
				expect: /^Item 0: Date and Time is "2026-12-24", not a date and time Alexa takes/,
			},
			{
				name: 'an empty time from an expression',
				parameters: { scheduledTime: '={{ $json.nothing }}' },
				expect: /^Item 0: Date and Time is empty; it is required/,
			},
			{
				name: 'a time zone that does not exist',
				parameters: { timeZone: 'Mars/Olympus_Mons' },
				expect:
					/^Item 0: Time Zone is "Mars\/Olympus_Mons", which is not a time zone this node knows/,
			},
			{
				name: 'a rule that is not RFC 5545',
				parameters: { repeat: 'rules', recurrenceRules: 'FREQ=DAILY;AT=18:00' },
				expect:
					/^Item 0: Recurrence Rules rule 1 has "AT=18:00", which is not a rule part of RFC 5545/,
			},
			{
				name: 'a rule without FREQ',
				parameters: { repeat: 'rules', recurrenceRules: 'BYHOUR=6' },
				expect: /^Item 0: Recurrence Rules rule 1 has no FREQ/,
			},
			{
				name: 'weekly with no day',
				parameters: { repeat: 'weekly', days: [] },
				expect: /^Item 0: Days is empty/,
			},
			{
				name: 'an end before the start',
				parameters: { repeat: 'daily', repeatUntil: '2026-12-01T00:00:00' },
				expect: /^Item 0: Repeat Until is 2026-12-01T00:00:00, not after Date and Time/,
			},
			{
				name: 'a delay of zero',
				parameters: { trigger: 'scheduledRelative', offsetInSeconds: 0 },
				expect: /^Item 0: Delay \(Seconds\) is 0; it must be a whole number from 1 to 2147483647/,
			},
			{
				name: 'a locale Alexa does not have',
				parameters: { locale: 'en_US' },
				expect: /^Item 0: Locale is "en_US", not one of Alexa's locales/,
			},
			{
				name: 'a locale twice',
				parameters: {
					reminderOptions: { otherLocales: { locale: [{ locale: 'en-US', text: 'Again' }] } },
				},
				expect: /^Item 0: Other Locales has the locale en-US twice/,
			},
			{
				name: 'SSML that is not well-formed',
				parameters: { reminderOptions: { ssml: '<speak>Water <b>the plants</speak>' } },
				expect: /^Item 0: Spoken SSML is not well-formed SSML/,
			},
			{
				name: 'empty text from an expression',
				parameters: { text: '={{ $json.nothing }}' },
				expect: /^Item 0: Text is empty; it is required/,
				hint: /SSML and no text/,
			},
			{
				name: "an endpoint that is not Amazon's",
				parameters: { apiEndpoint: 'https://reminders.example.com' },
				expect: /^Item 0: API Endpoint names a host that is not one of Amazon's/,
			},
		];
	for (const { name, parameters, expect, hint } of cases) {
		it(`refuses ${name}`, async () => {
			const skill = openRequest();
			const result = await create(parameters, skill);
			assert.ok(result.error, 'the node should fail');
			assert.match(result.error.message, expect);
			assert.match(String(result.error.description), /Nothing was sent for this item\./);
			if (hint) assert.match(String(result.error.description), hint);
			assert.equal(fake.requests.length, 0, 'nothing was sent');
			assertNoSecrets(alexaNodeRun(result), [skill.apiAccessToken]);
		});
	}

	it('refuses an alert token with a slash, and an item with no token (trigger without Include Access Tokens)', async () => {
		const skill = openRequest();
		const item = triggerItem(skill, clock.now());
		const slash = await runAfterTrigger(
			{ resource: 'reminder', operation: 'delete', reminderId: '../../v1/skillmessages' },
			[item],
		);
		assert.match(String(slash.error?.message), /^Item 0: Alert Token is not an alertToken/);
		const { apiAccessToken: _dropped, ...withoutToken } = item;
		const noToken = await runAfterTrigger({ ...CREATE }, [withoutToken]);
		assert.match(
			String(noToken.error?.message),
			/^Item 0: API Access Token is empty and no Alexa Trigger item gives one/,
		);
		assert.equal(fake.requests.length, 0);
	});
});
