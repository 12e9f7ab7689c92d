/**
 * The Alexa Smart Home Trigger's check of the relay's request
 * (nodes/AlexaSmartHomeTrigger/verification/verifyRelayRequest.ts, docs/decisions/0010), as a
 * table: each row a request and what the check says, against a clock the table sets.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';

import {
	MAX_BODY_BYTES,
	TIMESTAMP_TOLERANCE_SECONDS,
} from '../../nodes/AlexaSmartHomeTrigger/verification/relayRules.ts';
import {
	forgetSeenMessages,
	SeenMessages,
} from '../../nodes/AlexaSmartHomeTrigger/verification/seenMessages.ts';
import { verifyRelayRequest } from '../../nodes/AlexaSmartHomeTrigger/verification/verifyRelayRequest.ts';

const SECRET = 'unit-relay-secret-0123456789abcdef0123';
/** 600 ms into a second: the relay floors its timestamp, so a fresh request is 0.6 s behind. */
const NOW = Date.UTC(2026, 11, 7, 8, 0, 0) + 600;
const NOW_SECONDS = Math.floor(NOW / 1000);

function body(messageId: string = randomUUID()): string {
	return JSON.stringify({
		directive: {
			header: {
				namespace: 'Alexa.PowerController',
				name: 'TurnOn',
				payloadVersion: '3',
				messageId,
			},
			endpoint: { endpointId: 'lamp-1' },
			payload: {},
		},
	});
}

function signed(text: string, seconds = NOW_SECONDS, secret = SECRET) {
	return {
		'x-alexa-relay-timestamp': String(seconds),
		'x-alexa-relay-signature': `v1=${createHmac('sha256', secret).update(`${seconds}.${text}`).digest('hex')}`,
	};
}

const check = (text: string, headers: Record<string, string>, secret = SECRET, now = NOW) =>
	verifyRelayRequest(Buffer.from(text), headers, { secret, now });

beforeEach(() => forgetSeenMessages());

describe('verifyRelayRequest', () => {
	const rows: Array<{
		title: string;
		run: () => ReturnType<typeof check>;
		status?: 400 | 401;
		reason?: RegExp;
	}> = [
		{
			title: 'a fresh signed directive passes',
			run: () => {
				const text = body();
				return check(text, signed(text));
			},
		},
		{
			title: `a timestamp ${TIMESTAMP_TOLERANCE_SECONDS} s old (0.6 s more by the clock) is refused`,
			run: () => {
				const text = body();
				return check(text, signed(text, NOW_SECONDS - TIMESTAMP_TOLERANCE_SECONDS));
			},
			status: 401,
			reason: /more than 300 s/,
		},
		{
			title: `a timestamp ${TIMESTAMP_TOLERANCE_SECONDS - 1} s old passes`,
			run: () => {
				const text = body();
				return check(text, signed(text, NOW_SECONDS - TIMESTAMP_TOLERANCE_SECONDS + 1));
			},
		},
		{
			title: `a timestamp ${TIMESTAMP_TOLERANCE_SECONDS} s ahead passes (299.4 s by the clock)`,
			run: () => {
				const text = body();
				return check(text, signed(text, NOW_SECONDS + TIMESTAMP_TOLERANCE_SECONDS));
			},
		},
		{
			title: `a timestamp ${TIMESTAMP_TOLERANCE_SECONDS + 1} s ahead is refused`,
			run: () => {
				const text = body();
				return check(text, signed(text, NOW_SECONDS + TIMESTAMP_TOLERANCE_SECONDS + 1));
			},
			status: 401,
			reason: /more than 300 s/,
		},
		{
			title: 'upper-case hex is refused (the relay writes lower case)',
			run: () => {
				const text = body();
				const headers = signed(text);
				headers['x-alexa-relay-signature'] = headers[
					'x-alexa-relay-signature'
				]!.toUpperCase().replace('V1=', 'v1=');
				return check(text, headers);
			},
			status: 401,
			reason: /malformed/,
		},
		{
			title: 'a signature header given twice (an array) is refused',
			run: () => {
				const text = body();
				const headers: Record<string, any> = signed(text);
				headers['x-alexa-relay-signature'] = [
					headers['x-alexa-relay-signature'],
					headers['x-alexa-relay-signature'],
				];
				return check(text, headers);
			},
			status: 401,
			reason: /headers are missing/,
		},
		{
			title: 'a secret of 31 characters refuses everything',
			run: () => {
				const text = body();
				return check(text, signed(text, NOW_SECONDS, SECRET.slice(0, 31)), SECRET.slice(0, 31));
			},
			status: 401,
			reason: /shorter than 32/,
		},
		{
			title: `a body over ${MAX_BODY_BYTES} bytes is refused before its HMAC`,
			run: () => {
				const text = ' '.repeat(MAX_BODY_BYTES + 1);
				return check(text, signed(text));
			},
			status: 400,
			reason: /larger than/,
		},
		{
			title: 'a messageId longer than 256 characters is refused',
			run: () => {
				const text = body('m'.repeat(257));
				return check(text, signed(text));
			},
			status: 400,
			reason: /longer than 256/,
		},
		{
			title: 'a JSON array is no directive',
			run: () => check('[]', signed('[]')),
			status: 400,
			reason: /no Alexa directive/,
		},
	];
	for (const row of rows) {
		it(row.title, () => {
			const result = row.run();
			if (row.status === undefined) {
				assert.equal(result.verified, true, JSON.stringify(result));
				return;
			}
			assert.equal(result.verified, false);
			if (result.verified) return;
			assert.equal(result.status, row.status);
			assert.match(result.reason, row.reason!);
		});
	}

	it('the same messageId is refused until its timestamp leaves the window, then forgotten', () => {
		const memory = new SeenMessages(10);
		const expiresAt = (NOW_SECONDS + TIMESTAMP_TOLERANCE_SECONDS) * 1000;
		assert.equal(memory.admit('m-1', expiresAt, NOW), true);
		assert.equal(memory.admit('m-1', expiresAt, NOW + 200_000), false);
		assert.equal(memory.admit('m-2', expiresAt + 1000, expiresAt + 1), true);
		assert.equal(memory.size, 1, 'm-1 expired and was dropped');
	});

	it('holds at most its capacity, the oldest out first', () => {
		const memory = new SeenMessages(3);
		for (const id of ['a', 'b', 'c', 'd']) memory.admit(id, NOW + 300_000, NOW);
		assert.equal(memory.size, 3);
		assert.equal(memory.admit('a', NOW + 300_000, NOW), true, 'a was let go');
		assert.equal(memory.admit('d', NOW + 300_000, NOW), false);
	});
});
