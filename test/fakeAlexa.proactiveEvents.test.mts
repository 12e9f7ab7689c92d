/**
 * The fake's Proactive Events API itself, over HTTP: it must refuse what Amazon's rules refuse
 * (test/fixtures/proactive-events/schemas.json), or the engine tests prove nothing.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { PROACTIVE_RULES } from './fake-alexa/proactiveEvents.mts';
import { startFakeAlexa, type FakeAlexa } from './fake-alexa/server.mts';

const DEVELOPMENT = '/v1/proactiveEvents/stages/development';
let fake: FakeAlexa;
let accessToken: string;
before(async () => {
	fake = await startFakeAlexa();
});
after(async () => {
	await fake.close();
});
beforeEach(async () => {
	fake.reset();
	fake.addClient('client', 'secret', {
		scopes: ['alexa::proactive_events', 'alexa:skill_messaging'],
	});
	accessToken = await token('alexa::proactive_events');
});

async function token(scope: string): Promise<string> {
	const response = await fetch(fake.tokenUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: 'client',
			client_secret: 'secret',
			scope,
		}).toString(),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}

async function post(body: unknown, path = DEVELOPMENT, bearer = accessToken) {
	const response = await fetch(`${fake.url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
}

/** A payload that satisfies every rule of the schema, optional fields included. */
function validPayload(eventName: string): Record<string, any> {
	const payload: Record<string, any> = {};
	for (const rule of PROACTIVE_RULES.schemas[eventName]) {
		const value =
			rule.type === 'enum'
				? rule.values![0]
				: rule.type === 'enumList'
					? [rule.values![0]]
					: rule.type === 'integer'
						? 1
						: rule.type === 'dateTime'
							? '2026-11-23T10:00:00Z'
							: rule.localizable
								? `localizedattribute:k${rule.path.replace(/\W/g, '')}`
								: 'text';
		const keys = rule.path.split('.');
		let target = payload;
		for (const key of keys.slice(0, -1)) target = target[key] ??= {};
		target[keys[keys.length - 1]] = value;
	}
	return payload;
}

function request(
	eventName: string,
	payload = validPayload(eventName),
	rest: Record<string, unknown> = {},
) {
	const keys = JSON.stringify(payload).match(/localizedattribute:(\w+)/g) ?? [];
	const now = Date.now();
	return {
		timestamp: new Date(now).toISOString(),
		referenceId: `ref-${Math.random().toString(36).slice(2)}`,
		expiryTime: new Date(now + 3600_000).toISOString(),
		event: { name: eventName, payload },
		localizedAttributes: [
			Object.fromEntries([
				['locale', 'en-US'],
				...keys.map((key) => [key.slice('localizedattribute:'.length), 'Text']),
			]),
		],
		relevantAudience: { type: 'Unicast', payload: { user: 'amzn1.ask.account.U' } },
		...rest,
	};
}

describe('fake Proactive Events API', () => {
	for (const eventName of Object.keys(PROACTIVE_RULES.schemas)) {
		it(`accepts a complete ${eventName}, and refuses it without each required field or with a wrong value`, async () => {
			assert.equal((await post(request(eventName))).status, 202);
			for (const rule of PROACTIVE_RULES.schemas[eventName]) {
				const keys = rule.path.split('.');
				const without = validPayload(eventName);
				let target = without;
				for (const key of keys.slice(0, -1)) target = target[key];
				delete target[keys[keys.length - 1]];
				const expected = rule.required === false ? 202 : 400;
				assert.equal(
					(await post(request(eventName, without))).status,
					expected,
					`${eventName} without ${rule.path}`,
				);
				const wrong = validPayload(eventName);
				target = wrong;
				for (const key of keys.slice(0, -1)) target = target[key];
				target[keys[keys.length - 1]] =
					rule.type === 'integer' ? 'one' : rule.type === 'string' ? 7 : 'NOT_A_VALUE';
				assert.equal(
					(await post(request(eventName, wrong))).status,
					400,
					`${eventName} with a wrong ${rule.path}`,
				);
			}
		});
	}

	it('refuses a text for a localized key that no locale gives', async () => {
		const body = request('AMAZON.OrderStatus.Updated');
		body.localizedAttributes = [{ locale: 'en-US' }];
		assert.match((await post(body)).body, /localizedAttributes for en-US has no kordersellername/);
	});

	it('checks the audience: Unicast needs a user, Multicast takes none', async () => {
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						relevantAudience: { type: 'Unicast', payload: {} },
					}),
				)
			).status,
			400,
		);
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						relevantAudience: { type: 'Multicast', payload: { user: 'x' } },
					}),
				)
			).status,
			400,
		);
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						relevantAudience: { type: 'Multicast', payload: {} },
					}),
				)
			).status,
			202,
		);
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						relevantAudience: { type: 'Broadcast', payload: {} },
					}),
				)
			).status,
			400,
		);
	});

	it('checks the expiry window: 5 minutes to 24 hours from now', async () => {
		const at = (ms: number) => new Date(Date.now() + ms).toISOString();
		assert.equal(
			(await post(request('AMAZON.OrderStatus.Updated', undefined, { expiryTime: at(4 * 60_000) })))
				.status,
			400,
		);
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, { expiryTime: at(25 * 3600_000) }),
				)
			).status,
			400,
		);
		assert.equal(
			(await post(request('AMAZON.OrderStatus.Updated', undefined, { expiryTime: at(6 * 60_000) })))
				.status,
			202,
		);
	});

	it('checks the expiry window from the timestamp too: 5 minutes to 24 hours after it', async () => {
		const at = (ms: number) => new Date(Date.now() + ms).toISOString();
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						timestamp: at(-2 * 3600_000),
						expiryTime: at(23 * 3600_000),
					}),
				)
			).status,
			400,
		);
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						timestamp: at(3600_000),
						expiryTime: at(3600_000 + 4 * 60_000),
					}),
				)
			).status,
			400,
		);
		assert.match(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						timestamp: at(3600_000),
						expiryTime: at(30 * 60_000),
					}),
				)
			).body,
			/after the timestamp/,
		);
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, {
						timestamp: at(-2 * 3600_000),
						expiryTime: at(21 * 3600_000),
					}),
				)
			).status,
			202,
		);
	});

	it('takes a referenceId of alphanumeric characters, - and ~ only', async () => {
		for (const referenceId of ['order_1234', 'order.1234', 'order 1234', 'bestellung-ä']) {
			assert.equal(
				(await post(request('AMAZON.OrderStatus.Updated', undefined, { referenceId }))).status,
				400,
				referenceId,
			);
		}
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, { referenceId: 'Order-1234~shipped' }),
				)
			).status,
			202,
		);
	});

	it('refuses a referenceId over 100 characters, and one the same user already got (409)', async () => {
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated', undefined, { referenceId: 'r'.repeat(101) }),
				)
			).status,
			400,
		);
		const body = request('AMAZON.OrderStatus.Updated', undefined, { referenceId: 'same' });
		assert.equal((await post(body)).status, 202);
		assert.equal((await post(body)).status, 409);
		assert.equal(
			(
				await post({
					...body,
					relevantAudience: { type: 'Unicast', payload: { user: 'amzn1.ask.account.OTHER' } },
				})
			).status,
			202,
			'another user',
		);
	});

	it('answers on the live path and the development path, 404 elsewhere, and only to a Proactive Events token', async () => {
		assert.equal(
			(await post(request('AMAZON.OrderStatus.Updated'), '/v1/proactiveEvents')).status,
			202,
		);
		assert.equal(
			(await post(request('AMAZON.OrderStatus.Updated'), '/v1/proactiveEvents/stages/live')).status,
			404,
		);
		assert.equal(
			(
				await post(
					request('AMAZON.OrderStatus.Updated'),
					DEVELOPMENT,
					await token('alexa:skill_messaging'),
				)
			).status,
			403,
		);
		assert.equal(
			(await post(request('AMAZON.OrderStatus.Updated'), DEVELOPMENT, 'Atc|unknown')).status,
			403,
		);
		assert.equal(
			(await post(request('AMAZON.OrderStatus.Updated'), `/api.fe.amazon.com${DEVELOPMENT}`))
				.status,
			404,
			'not a Proactive Events host',
		);
	});
});
