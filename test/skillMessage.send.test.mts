/**
 * Skill Message → Send, run through n8n's engine against the fake Alexa.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from './fake-alexa/server.mts';
import { runAlexaNode } from './harness/engine.mts';
import { lwa } from './harness/modules.mts';
import {
	assertNoSecrets,
	CLIENT_SECRET,
	issuedTokens,
	installClock,
	useFakeAlexa,
	type ManualClock,
	skillMessagingCredential,
} from './harness/fixtures.mts';

const USER = 'amzn1.ask.account.AGQ3PQ0000000000000000000000000000';
const MESSAGES_PATH = '/v1/skillmessages/users/';

const fakeAlexa = useFakeAlexa();
let fake: FakeAlexa;
let clock: ManualClock;
beforeEach(() => {
	fake = fakeAlexa();
	clock = installClock();
});

function send(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return runAlexaNode({
		parameters: { resource: 'skillMessage', operation: 'send', userId: USER, ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
		credential: skillMessagingCredential(fake),
	});
}

describe('Skill Message → Send: success', () => {
	it('posts the message to the user path with a bearer token and reports it accepted', async () => {
		const { output, error } = await send({
			dataMode: 'pairs',
			dataPairs: {
				pair: [
					{ key: 'event', value: 'reminder' },
					{ key: 'note', value: 'Küche 🍳' },
				],
			},
			expiresAfterSeconds: 120,
		});
		assert.equal(error, undefined);
		const [message] = fake.requestsTo(MESSAGES_PATH);
		assert.equal(message.method, 'POST');
		assert.equal(message.path, `${MESSAGES_PATH}${USER}`);
		assert.match(String(message.headers.authorization), /^Bearer Atc\|/);
		assert.match(String(message.headers['content-type']), /^application\/json/);
		assert.deepEqual(message.json, {
			data: { event: 'reminder', note: 'Küche 🍳' },
			expiresAfterSeconds: 120,
		});
		assert.equal(output.length, 1);
		assert.equal(output[0].json.accepted, true);
		assert.equal(output[0].json.statusCode, 202);
		assert.equal(output[0].json.userId, USER);
		assert.match(String(output[0].json.requestId), /^[0-9a-f-]{36}$/);
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	});

	it('sends Message Data given as JSON, and an empty object when there is no data', async () => {
		await send({ dataMode: 'json', dataJson: '{"a": "1", "b": "two"}' });
		await send({ dataMode: 'json', dataJson: {} });
		await send({ dataMode: 'pairs' });
		const bodies = fake.requestsTo(MESSAGES_PATH).map((request) => request.json);
		assert.deepEqual(bodies, [
			{ data: { a: '1', b: 'two' }, expiresAfterSeconds: 3600 },
			{ data: {}, expiresAfterSeconds: 3600 },
			{ data: {}, expiresAfterSeconds: 3600 },
		]);
	});

	it('takes per-item values from expressions and keeps each output paired with its item', async () => {
		const users = ['amzn1.ask.account.ONE', 'amzn1.ask.account.TWO', 'amzn1.ask.account.THREE'];
		const { output } = await send(
			{
				userId: '={{ $json.user }}',
				dataMode: 'pairs',
				dataPairs: { pair: [{ key: 'text', value: '={{ $json.text }}' }] },
			},
			{ items: users.map((user, index) => ({ user, text: `hello ${index}` })) },
		);
		assert.deepEqual(
			output.map((item) => [item.json.userId, item.pairedItem]),
			users.map((user, index) => [user, { item: index }]),
		);
		const sent = fake
			.requestsTo(MESSAGES_PATH)
			.map((request) => [request.path, (request.json as { data: { text: string } }).data.text]);
		assert.deepEqual(
			sent.sort(),
			users.map((user, index) => [`${MESSAGES_PATH}${user}`, `hello ${index}`]).sort(),
		);
	});

	it('encodes a user ID that holds characters a URL path cannot carry', async () => {
		await send({ userId: 'amzn1.ask.account.A/B?C#D' });
		assert.equal(
			fake.requestsTo(MESSAGES_PATH)[0].path,
			`${MESSAGES_PATH}amzn1.ask.account.A%2FB%3FC%23D`,
		);
	});
});

describe('Skill Message → Send: Alexa error statuses', () => {
	const cases: Array<{ status: number; expect: RegExp; advice: RegExp }> = [
		{
			status: 400,
			expect: /rejected the skill message as invalid \(HTTP 400\)/,
			advice: /string values/,
		},
		{
			status: 404,
			expect: /does not know this user ID \(HTTP 404\)/,
			advice: /re-enables the skill gets a new userId/,
		},
		{
			status: 429,
			expect: /throttling messages for this skill \(HTTP 429\)/,
			advice: /Lower the number of items/,
		},
		{
			status: 500,
			expect: /internal error \(HTTP 500\)/,
			advice: /contact Amazon developer support with the request ID/,
		},
		{ status: 503, expect: /unavailable \(HTTP 503\)/, advice: /Send it again later/ },
	];
	for (const { status, expect, advice } of cases) {
		it(`turns a ${status} into an error that says what Alexa meant, what to do, the status and the request ID`, async () => {
			// 429 and 5xx are resent three times first (see the resend tests): all four fail here.
			const fault = { status, body: { message: `fake says ${status}` } };
			fake.inject(MESSAGES_PATH, fault, fault, fault, fault);
			const { error, output } = await send({});
			assert.ok(error, 'the node should fail');
			assert.deepEqual(output, []);
			assert.match(error.message, expect);
			assert.match(String(error.description), advice);
			assert.match(String(error.description), new RegExp(`Alexa said: "fake says ${status}"`));
			assert.equal(error.httpCode, String(status));
			const requestId = fake.requestsTo(MESSAGES_PATH)[0];
			assert.ok(requestId);
			assert.match(String(error.description), /Request ID: [0-9a-f-]{36}\./);
			assert.match(String(error.context?.requestId), /^[0-9a-f-]{36}$/);
		});
	}

	it("says a 404 means the user re-enabled the skill, using the fake's real unknown-user answer", async () => {
		fake.unknownUsers.add(USER);
		const { error } = await send({});
		assert.equal(error?.httpCode, '404');
		assert.match(String(error?.description), /disables and re-enables the skill gets a new userId/);
		assert.match(String(error?.description), /Alexa said: "The userId does not exist"/);
	});

	it('after a 401 sends once more with a fresh token, and lets a second 401 stand', async () => {
		fake.inject(MESSAGES_PATH, { status: 401 }, { status: 401 });
		const { error } = await send({});
		assert.equal(error?.httpCode, '401');
		assert.match(error!.message, /did not accept the Skill Messaging token \(HTTP 401\)/);
		assert.match(String(error!.description), /Build → Permissions → Alexa Skill Messaging/);
		const messages = fake.requestsTo(MESSAGES_PATH);
		assert.equal(messages.length, 2, 'one send and exactly one resend');
		assert.equal(fake.requestsTo('/auth/o2/token').length, 2, 'one token, then one fresh token');
		assert.notEqual(messages[0].headers.authorization, messages[1].headers.authorization);
	});

	it('after a 403 sends once more with a fresh token, and lets a second 403 stand', async () => {
		fake.inject(MESSAGES_PATH, { status: 403 }, { status: 403 });
		const { error } = await send({});
		assert.equal(error?.httpCode, '403');
		assert.match(error!.message, /refused to deliver with this token \(HTTP 403\)/);
		assert.equal(fake.requestsTo(MESSAGES_PATH).length, 2);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 2);
	});

	it('does not resend after 400 or 404', async () => {
		for (const status of [400, 404]) {
			fake.reset();
			fake.inject(MESSAGES_PATH, { status });
			await send({});
			assert.equal(fake.requestsTo(MESSAGES_PATH).length, 1, `status ${status}`);
		}
	});

	for (const status of [429, 500, 502, 503, 504]) {
		it(`resends after ${status} with exponential back-off, and stops at the first 202`, async () => {
			fake.inject(MESSAGES_PATH, { status }, { status });
			const { output } = await send({});
			assert.equal(output[0].json.accepted, true);
			assert.deepEqual(
				fake.requestsTo(MESSAGES_PATH).map((request) => request.status),
				[status, status, 202],
			);
			assert.deepEqual(clock.sleeps, [1000, 2000]);
		});
	}

	it('gives up after three resends and lists what each attempt got', async () => {
		fake.inject(
			MESSAGES_PATH,
			{ status: 503 },
			{ status: 500 },
			{ status: 429, retryAfter: '9' },
			{ status: 503 },
		);
		const { error } = await send({});
		assert.equal(error?.httpCode, '503');
		assert.match(
			String(error?.description),
			/Attempts: 1\) HTTP 503, 2\) HTTP 500, 3\) HTTP 429, 4\) HTTP 503\./,
		);
		assert.deepEqual(clock.sleeps, [1000, 2000, 9000]);
	});

	it("resends after a dropped connection (duplicates are the caller's to handle, says Amazon)", async () => {
		fake.inject(MESSAGES_PATH, { drop: true });
		const { output } = await send({});
		assert.equal(output[0].json.accepted, true);
		assert.deepEqual(
			fake.requestsTo(MESSAGES_PATH).map((request) => request.status),
			['dropped', 202],
		);
	});

	it('reports a connection dropped on every attempt as a network failure without the request attached', async () => {
		fake.inject(MESSAGES_PATH, { drop: true }, { drop: true }, { drop: true }, { drop: true });
		const { error } = await send({});
		assert.ok(error);
		assert.match(error.message, /^Could not reach Alexa: the connection was closed/);
		assert.match(String(error.description), /\((ECONNRESET|EPIPE)\)/);
		assertNoSecrets([error], [CLIENT_SECRET, ...issuedTokens(fake)]);
	});
});

describe('Skill Message → Send: Continue On Fail', () => {
	it('turns failed items into error items with their pairedItem while the others succeed', async () => {
		const gone = 'amzn1.ask.account.GONE';
		fake.unknownUsers.add(gone);
		const users = ['amzn1.ask.account.OK1', gone, 'amzn1.ask.account.OK2', 'not-a-user-id'];
		const { output, error } = await send(
			{
				userId: '={{ $json.user }}',
				dataMode: 'pairs',
				dataPairs: { pair: [{ key: 'n', value: '={{ $json.n }}' }] },
			},
			{ items: users.map((user, index) => ({ user, n: String(index) })), continueOnFail: true },
		);
		assert.equal(error, undefined);
		assert.equal(output.length, 4);
		assert.deepEqual(
			output.map((item) => item.pairedItem),
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		assert.equal(output[0].json.accepted, true);
		assert.equal(output[2].json.accepted, true);
		assert.match(String(output[1].json.error), /does not know this user ID \(HTTP 404\)/);
		assert.equal((output[1].error as { httpCode?: string }).httpCode, '404');
		assert.match(String(output[1].error?.description), /Request ID: [0-9a-f-]{36}\./);
		assert.match(String(output[3].json.error), /\(HTTP 404\)/);
	});

	it('sends failed items, paired with their input, to the error output when that is chosen', async () => {
		const gone = 'amzn1.ask.account.GONE';
		fake.unknownUsers.add(gone);
		const result = await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
			items: [{ user: 'amzn1.ask.account.OK' }, { user: gone }],
			useErrorOutput: true,
			credential: skillMessagingCredential(fake),
		});
		assert.equal(result.error, undefined);
		assert.equal(result.output.length, 1);
		assert.equal(result.output[0].json.userId, 'amzn1.ask.account.OK');
		assert.equal(result.errorOutput.length, 1);
		assert.deepEqual(
			result.errorOutput[0].pairedItem,
			{ item: 1 },
			'the pairing leads back to the user',
		);
		assert.match(
			String(result.errorOutput[0].json.error),
			/does not know this user ID \(HTTP 404\)/,
		);
	});

	it('keeps an invalid item as an error item and still sends the valid ones', async () => {
		const { output } = await send(
			{ dataMode: 'pairs', dataPairs: { pair: [{ key: 'n', value: '={{ $json.n }}' }] } },
			{ items: [{ n: 'ok' }, { n: 5 }, { n: 'fine' }], continueOnFail: true },
		);
		assert.equal(output.length, 3);
		assert.equal(output[0].json.accepted, true);
		assert.match(
			String(output[1].json.error),
			/^Item 1: Message Data value for key "n" is a number/,
		);
		assert.deepEqual(output[1].pairedItem, { item: 1 });
		assert.equal(output[2].json.accepted, true);
		assert.equal(fake.requestsTo(MESSAGES_PATH).length, 2);
	});
});

describe('Skill Message → Send: validation before sending', () => {
	const bigValue = 'x'.repeat(6144 - '{"k":""}'.length);
	const cases: Array<{ name: string; parameters: INodeParameters; message: RegExp }> = [
		{
			name: 'a user ID expression that yields nothing',
			parameters: { userId: '={{ $json.missing }}' },
			message: /^Item 0: User ID is empty; it is required/,
		},
		{
			name: 'a blank user ID',
			parameters: { userId: '   ' },
			message: /^Item 0: User ID is empty/,
		},
		{
			name: 'a number as a value',
			parameters: { dataMode: 'json', dataJson: '{"count": 3}' },
			message:
				/^Item 0: Message Data value for key "count" is a number; Alexa accepts only string values/,
		},
		{
			name: 'an object as a value',
			parameters: { dataMode: 'json', dataJson: '{"nested": {"a": "b"}}' },
			message: /value for key "nested" is a object/,
		},
		{
			name: 'null as a value',
			parameters: { dataMode: 'json', dataJson: '{"gone": null}' },
			message: /value for key "gone" is null/,
		},
		{
			name: 'an expression that yields a number in a pair',
			parameters: { dataMode: 'pairs', dataPairs: { pair: [{ key: 'n', value: '={{ 42 }}' }] } },
			message: /value for key "n" is a number/,
		},
		{
			name: 'a key given twice',
			parameters: {
				dataMode: 'pairs',
				dataPairs: {
					pair: [
						{ key: 'a', value: '1' },
						{ key: 'a', value: '2' },
					],
				},
			},
			message: /Message Data has the key "a" twice/,
		},
		{
			name: 'JSON that does not parse',
			parameters: { dataMode: 'json', dataJson: '{"a": ' },
			message: /^Item 0: Message Data \(JSON\) is not valid JSON/,
		},
		{
			name: 'a JSON array',
			parameters: { dataMode: 'json', dataJson: '["a"]' },
			message: /Message Data \(JSON\) must be a JSON object; it is an array/,
		},
		{
			name: 'data one byte over 6144 bytes',
			parameters: { dataMode: 'json', dataJson: JSON.stringify({ k: `${bigValue}y` }) },
			message:
				/^Item 0: Message Data is 6145 bytes as compact JSON; Alexa accepts at most 6144 bytes/,
		},
		{
			name: 'data over the limit only when counted in UTF-8 bytes',
			parameters: { dataMode: 'json', dataJson: JSON.stringify({ k: 'é'.repeat(3100) }) },
			message: /Message Data is 6208 bytes/,
		},
		{
			name: 'Expires After Seconds below 60',
			parameters: { expiresAfterSeconds: 59 },
			message: /^Item 0: Expires After Seconds is 59; it must be a whole number from 60 to 86400/,
		},
		{
			name: 'Expires After Seconds above 86400',
			parameters: { expiresAfterSeconds: 86401 },
			message: /Expires After Seconds is 86401; it must be a whole number from 60 to 86400/,
		},
		{
			name: 'a fractional Expires After Seconds',
			parameters: { expiresAfterSeconds: 90.5 },
			message: /Expires After Seconds is 90.5/,
		},
		{
			name: 'Expires After Seconds as text',
			parameters: { expiresAfterSeconds: '={{ "600" }}' },
			message: /Expires After Seconds is "600"/,
		},
	];
	for (const { name, parameters, message } of cases) {
		it(`rejects ${name} and sends nothing, not even a token request`, async () => {
			const { error } = await send(parameters);
			assert.ok(error, 'the node should fail');
			assert.match(error.message, message);
			assert.match(String(error.description), /Nothing was sent for this item\./);
			assert.equal(fake.requests.length, 0, 'no request may reach the fake');
		});
	}

	it('leaves an empty User ID field to n8n, which refuses to run the node, so nothing is sent', async () => {
		const { error } = await send({ userId: '' });
		assert.match(String(error?.message), /Parameter "User ID" is required/);
		assert.equal(fake.requests.length, 0);
	});

	it('accepts data of exactly 6144 bytes and the limits 60 and 86400', async () => {
		const { error } = await send({
			dataMode: 'json',
			dataJson: JSON.stringify({ k: bigValue }),
			expiresAfterSeconds: 60,
		});
		assert.equal(error, undefined);
		const second = await send({ expiresAfterSeconds: 86400 });
		assert.equal(second.error, undefined);
		assert.equal(fake.requestsTo(MESSAGES_PATH).length, 2);
	});

	it('holds back every item of the run when one item is invalid, and names that item', async () => {
		const items = Array.from({ length: 10 }, (_, index) => ({
			text: index === 7 ? 7 : `text ${index}`,
		}));
		const { error } = await send(
			{ dataMode: 'pairs', dataPairs: { pair: [{ key: 'text', value: '={{ $json.text }}' }] } },
			{ items },
		);
		assert.ok(error);
		assert.match(error.message, /Item 7: Message Data value for key "text" is a number/);
		assert.equal(fake.requests.length, 0, 'no item may be sent');
	});
});

describe('Skill Message → Send: Message Data the same in both modes', () => {
	/** The same data, as Key-Value Pairs and as JSON. */
	function bothWays(
		entries: Array<[string, string]>,
		json = JSON.stringify(Object.fromEntries(entries)),
	) {
		return [
			{ dataMode: 'pairs', dataPairs: { pair: entries.map(([key, value]) => ({ key, value })) } },
			{ dataMode: 'json', dataJson: json },
		];
	}

	it('sends the same data given as pairs or as JSON, an empty key and an empty value included', async () => {
		const entries: Array<[string, string]> = [
			['', 'empty key'],
			['note', ''],
			['toString', 'an ordinary key'],
		];
		for (const parameters of bothWays(entries)) {
			const { output, error } = await send(parameters);
			assert.equal(error, undefined, `${parameters.dataMode}: ${error?.message}`);
			assert.equal(output[0].json.accepted, true);
		}
		const [fromPairs, fromJson] = fake.requestsTo(MESSAGES_PATH).map((request) => request.rawBody);
		assert.equal(fromPairs, fromJson, 'both modes send the very same body');
		assert.equal(
			fromPairs,
			'{"data":{"":"empty key","note":"","toString":"an ordinary key"},"expiresAfterSeconds":3600}',
		);
	});

	/** Each mode's error message for the same data, and that nothing was sent. */
	async function messagesBothWays(entries: Array<[string, string]>, json?: string) {
		const messages = [];
		for (const parameters of bothWays(entries, json))
			messages.push((await send(parameters)).error?.message);
		assert.equal(fake.requests.length, 0, 'nothing was sent');
		return messages;
	}

	it('rejects a key given twice in JSON as it does in pairs, with the same message', async () => {
		// The JSON's second value holds quotes, braces and an "a" of its own: only top-level keys count.
		const json = '{"a": "1", "b": "{\\"a\\": [\\"x\\"]}", "a": "2"}';
		assert.deepEqual(JSON.parse(json), { a: '2', b: '{"a": ["x"]}' });
		assert.deepEqual(
			await messagesBothWays(
				[
					['a', '1'],
					['b', 'x'],
					['a', '2'],
				],
				json,
			),
			['Item 0: Message Data has the key "a" twice', 'Item 0: Message Data has the key "a" twice'],
		);
	});

	for (const key of ['__proto__', 'constructor', 'prototype']) {
		it(`rejects the key "${key}" in both modes, since n8n's HTTP client would leave it out`, async () => {
			const expected = `Item 0: Message Data has the key "${key}", which n8n's HTTP client leaves out of every request body`;
			assert.deepEqual(
				await messagesBothWays([
					[key, 'v'],
					['z', 'w'],
				]),
				[expected, expected],
			);
		});
	}

	it('rejects a value that is not a string in both modes with the same message', async () => {
		const messages = [];
		for (const parameters of [
			{ dataMode: 'pairs', dataPairs: { pair: [{ key: 'n', value: '={{ 3 }}' }] } },
			{ dataMode: 'json', dataJson: '{"n": 3}' },
		]) {
			const { error } = await send(parameters);
			messages.push(error?.message);
		}
		assert.equal(messages[0], messages[1]);
		assert.match(
			String(messages[0]),
			/^Item 0: Message Data value for key "n" is a number; Alexa accepts only string values$/,
		);
		assert.equal(fake.requests.length, 0);
	});
});

describe('Skill Message → Send: secrets', () => {
	it('keeps the client secret and every access token out of outputs, errors and logs', async () => {
		const results = [];
		results.push(await send({}));
		fake.inject(MESSAGES_PATH, { status: 401 }, { status: 401 });
		results.push(await send({}));
		fake.inject(MESSAGES_PATH, { status: 500 });
		results.push(await send({}, { continueOnFail: true }));
		lwa.forgetAllTokens();
		fake.lwaRefusal = {
			status: 401,
			error: 'invalid_client',
			description: 'Client authentication failed',
		};
		results.push(await send({}));
		assert.match(String(results[3].error?.message), /invalid_client/);
		const secrets = [CLIENT_SECRET, ...issuedTokens(fake)];
		assert.ok(secrets.length >= 3, 'the scan needs tokens to look for');
		assertNoSecrets(
			results.flatMap((result) => [result.output, result.error, result.run.data.resultData]),
			secrets,
		);
	});
});
