/**
 * The retry decision (nodes/Alexa/shared/delivery/retry.ts): after each failed attempt,
 * "refresh the token and resend", "resend after a wait", or "give up, and why". The policies are
 * Amazon's, per API (docs/alexa-facts.md and the pages it cites):
 * - Skill Messaging, Skill Enablement, Proactive Events, LWA: "retry with exponential back-off"
 *   for 429 and 5xx; Skill Messaging and Proactive Events also list 403 for a bad token.
 * - Event Gateway ("Send Events to the Alexa Event Gateway"): resend up to three times, at least
 *   one second apart, for 429, 500 and 503; INVALID_ACCESS_TOKEN_EXCEPTION may come with HTTP 400.
 * - LWA's authorization_code grant: a code works once (RFC 6749 §4.1.2), so an exchange that may
 *   have reached LWA (a 5xx, a connection broken after sending) is not sent again
 *   (docs/alexa-facts.md, "Exchanging an authorization code").
 * The clock is fixed, so that a Retry-After given as an HTTP date is a known number of seconds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { UNIT_NODE } from './unitNode.mts';

import type { AlexaApi } from '../../nodes/Alexa/shared/alexa/apis.ts';
import { alexaApiError } from '../../nodes/Alexa/shared/errors/alexaApiError.ts';
import { GRANT_CODE_NOT_RESENT } from '../../nodes/Alexa/shared/errors/catalogue/loginWithAmazon.ts';
import {
	decideAfterFailure,
	mayHaveReachedServer,
	resendDelayMs,
	RETRY_POLICY,
	retryAfterMs,
	withUserLimits,
	type AttemptState,
	type EffectivePolicy,
	type RetryDecision,
} from '../../nodes/Alexa/shared/delivery/retry.ts';
import { isTransientLwaError, LwaError } from '../../nodes/Alexa/shared/lwa/tokenRequest.ts';
import { useClock } from '../../nodes/Alexa/shared/util/clock.ts';

const NOW = Date.UTC(2026, 11, 6, 7, 0, 0);
before(() =>
	useClock({
		now: () => NOW,
		sleep: async () => {},
	}),
);
after(() => useClock());

const NODE = UNIT_NODE;

/** Alexa's answer as the node's error for it, as the response hook builds it. */
function answer(
	api: AlexaApi,
	statusCode: number,
	options: { code?: string; retryAfter?: string } = {},
) {
	const headers = options.retryAfter === undefined ? {} : { 'retry-after': options.retryAfter };
	return alexaApiError(NODE, api, { statusCode, headers, body: {} }, 0, options.code);
}

/** A request that failed on the wire, with Node's error code, as the HTTP client throws it. */
function network(code: string, nested = false): Error {
	const error = Object.assign(new Error(`request failed: ${code}`), { code });
	return nested ? Object.assign(new Error('fetch failed'), { cause: error }) : error;
}

/** The user's Delivery options as the node's defaults would give them: plenty of retries, a minute's back-off. */
const policyOf = (api: AlexaApi, maxRetries = 5, maxBackoffMs = 60_000) =>
	withUserLimits(RETRY_POLICY[api], maxRetries, maxBackoffMs);

const first: AttemptState = {
	resends: 0,
	tokenRefreshed: false,
	canRefreshToken: true,
	method: 'POST',
};

interface Case {
	name: string;
	policy: EffectivePolicy;
	failure: unknown;
	state?: Partial<AttemptState>;
	decision: RetryDecision;
}

const resend = (
	delayMs: number,
	extra: { runPauseMs?: number; throttled?: boolean } = {},
): RetryDecision => ({
	kind: 'resend',
	delayMs,
	throttled: extra.throttled ?? false,
	runPauseMs: extra.runPauseMs,
});
const giveUp = (note?: string): RetryDecision => ({ kind: 'giveUp', note });
const REFRESH: RetryDecision = { kind: 'refreshToken' };

const token: Case[] = [
	{
		name: 'Skill Messaging 401: a fresh token, then one resend',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 401),
		decision: REFRESH,
	},
	{
		name: 'Skill Messaging 403 also means a bad token (its guide lists 403 for an expired token)',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 403),
		decision: REFRESH,
	},
	{
		name: 'Proactive Events 403 is "the authentication token is invalid": a fresh token',
		policy: policyOf('proactiveEvents'),
		failure: answer('proactiveEvents', 403),
		decision: REFRESH,
	},
	{
		name: 'Event Gateway 403 is not a token refusal and not resent',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 403),
		decision: giveUp(),
	},
	{
		name: "Event Gateway 400 INVALID_ACCESS_TOKEN_EXCEPTION is a token refusal by its code (Amazon's own example sends 400)",
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 400, { code: 'INVALID_ACCESS_TOKEN_EXCEPTION' }),
		decision: REFRESH,
	},
	{
		name: 'a second refusal after a fresh token gives up, saying the fresh token was refused too',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 401),
		state: { tokenRefreshed: true },
		decision: giveUp('A freshly requested token was refused too.'),
	},
	{
		name: 'a refused token taken from the input is not refreshed: give up, telling how to refresh it',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 401),
		state: { canRefreshToken: false },
		decision: giveUp(
			'The node does not refresh an access token taken from the input: refresh it with Authorization → Refresh Access Token, store the new one, and send the item again.',
		),
	},
	{
		name: 'LWA has no token to refresh: its 401 invalid_client gives up',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 401, { code: 'invalid_client' }),
		decision: giveUp(),
	},
];

const statuses: Case[] = [
	{
		name: 'Skill Messaging 429: resend after 1 s, throttled',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 429),
		decision: resend(1000, { throttled: true }),
	},
	...[500, 502, 503, 504].map(
		(status): Case => ({
			name: `Skill Messaging ${status}: resend after 1 s, not throttled`,
			policy: policyOf('skillMessaging'),
			failure: answer('skillMessaging', status),
			decision: resend(1000),
		}),
	),
	{
		name: 'Skill Messaging 400: the message is wrong, give up',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 400),
		decision: giveUp(),
	},
	{
		name: 'Skill Messaging 404: give up',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 404),
		decision: giveUp(),
	},
	{
		name: 'Event Gateway 503: resend after 1 s',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 503),
		decision: resend(1000),
	},
	{
		name: 'Event Gateway 502 is not among its three resend statuses: give up',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 502),
		decision: giveUp(),
	},
	{
		name: 'Event Gateway 504 is not among its three resend statuses: give up',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 504),
		decision: giveUp(),
	},
	{
		name: 'Proactive Events 432 (over the notification limits) is not resent: a resend counts against the same limit',
		policy: policyOf('proactiveEvents'),
		failure: answer('proactiveEvents', 432),
		decision: giveUp(),
	},
	{
		name: 'Proactive Events 409 (duplicate referenceId) is not resent',
		policy: policyOf('proactiveEvents'),
		failure: answer('proactiveEvents', 409),
		decision: giveUp(),
	},
	{
		name: 'LWA 400 invalid_grant is final',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 400, { code: 'invalid_grant' }),
		decision: giveUp(),
	},
];

const counting: Case[] = [
	{
		name: 'exponential back-off doubles: the second resend waits 2 s',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 500),
		state: { resends: 1 },
		decision: resend(2000),
	},
	{
		name: 'exponential back-off doubles: the fourth resend waits 8 s',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 500),
		state: { resends: 3 },
		decision: resend(8000),
	},
	{
		name: 'Max Back-Off caps the exponential back-off (the sixth would wait 32 s; capped at 10 s)',
		policy: policyOf('skillMessaging', 10, 10_000),
		failure: answer('skillMessaging', 500),
		state: { resends: 5 },
		decision: resend(10_000),
	},
	{
		name: 'the Event Gateway waits a fixed 1 s, also before its third resend',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 500),
		state: { resends: 2 },
		decision: resend(1000),
	},
	{
		name: "the Event Gateway gives up after three resends, even when Max Retries allows ten (Amazon's cap)",
		policy: policyOf('eventGateway', 10),
		failure: answer('eventGateway', 500),
		state: { resends: 3 },
		decision: giveUp(),
	},
	{
		name: 'give up once Max Retries resends were made',
		policy: policyOf('skillMessaging', 2),
		failure: answer('skillMessaging', 500),
		state: { resends: 2 },
		decision: giveUp(),
	},
	{
		name: 'Max Retries 0: give up at once, saying so',
		policy: policyOf('skillMessaging', 0),
		failure: answer('skillMessaging', 429),
		decision: giveUp('Not resent, because Max Retries is 0.'),
	},
	{
		name: 'Max Retries 0 says nothing about a failure that is never resent anyway',
		policy: policyOf('skillMessaging', 0),
		failure: answer('skillMessaging', 400),
		decision: giveUp(),
	},
];

const retryAfter: Case[] = [
	{
		name: 'a 429 with Retry-After in seconds waits that long and pauses the whole run as long',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 429, { retryAfter: '7' }),
		decision: resend(7000, { throttled: true, runPauseMs: 7000 }),
	},
	{
		name: 'a 429 with Retry-After as an HTTP date waits until that time',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 429, { retryAfter: new Date(NOW + 30_000).toUTCString() }),
		decision: resend(30_000, { throttled: true, runPauseMs: 30_000 }),
	},
	{
		name: 'Max Back-Off caps a long Retry-After, for the item and for the pause of the run',
		policy: policyOf('skillMessaging', 5, 5000),
		failure: answer('skillMessaging', 429, { retryAfter: '86400' }),
		decision: resend(5000, { throttled: true, runPauseMs: 5000 }),
	},
	{
		name: 'Max Back-Off caps an HTTP-date Retry-After too',
		policy: policyOf('skillMessaging', 5, 5000),
		failure: answer('skillMessaging', 429, { retryAfter: new Date(NOW + 120_000).toUTCString() }),
		decision: resend(5000, { throttled: true, runPauseMs: 5000 }),
	},
	{
		name: "Retry-After 0 still waits the policy's minimum of 1 s",
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 429, { retryAfter: '0' }),
		decision: resend(1000, { throttled: true, runPauseMs: 1000 }),
	},
	{
		name: 'an HTTP date in the past waits the minimum of 1 s',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 429, { retryAfter: new Date(NOW - 60_000).toUTCString() }),
		decision: resend(1000, { throttled: true, runPauseMs: 1000 }),
	},
	{
		name: 'an unreadable Retry-After is ignored: the computed back-off, and no pause of the run',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 429, { retryAfter: 'soon' }),
		state: { resends: 1 },
		decision: resend(2000, { throttled: true }),
	},
	{
		name: 'a Retry-After longer than the back-off replaces it',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 500, { retryAfter: '3' }),
		decision: resend(3000),
	},
	{
		name: 'a Retry-After on a 503 sets the wait but pauses only this item: only a 429 slows the run',
		policy: policyOf('eventGateway'),
		failure: answer('eventGateway', 503, { retryAfter: '4' }),
		decision: resend(4000),
	},
];

const ambiguous: Case[] = [
	{
		name: "Skill Messaging POST, connection reset after sending: resent (duplicates are the caller's)",
		policy: policyOf('skillMessaging'),
		failure: network('ECONNRESET'),
		decision: resend(1000),
	},
	{
		name: 'Event Gateway POST timed out: resent (the same messageId)',
		policy: policyOf('eventGateway'),
		failure: network('ETIMEDOUT'),
		decision: resend(1000),
	},
	{
		name: 'Skill Enablement POST, connection reset after sending: not resent (enabling with a link is not repeatable)',
		policy: policyOf('skillEnablement'),
		failure: network('ECONNRESET'),
		decision: giveUp(),
	},
	{
		name: 'Skill Enablement GET, connection reset: resent (a GET repeats safely)',
		policy: policyOf('skillEnablement'),
		failure: network('ECONNRESET'),
		state: { method: 'GET' },
		decision: resend(1000),
	},
	{
		name: 'Skill Enablement DELETE in lower case, timed out: resent',
		policy: policyOf('skillEnablement'),
		failure: network('ETIMEDOUT'),
		state: { method: 'delete' },
		decision: resend(1000),
	},
	{
		name: 'Skill Enablement POST, connection refused (never sent): resent',
		policy: policyOf('skillEnablement'),
		failure: network('ECONNREFUSED'),
		decision: resend(1000),
	},
	{
		name: 'Skill Enablement POST, host not found (never sent): resent',
		policy: policyOf('skillEnablement'),
		failure: network('ENOTFOUND'),
		decision: resend(1000),
	},
	{
		name: "a network code found in the error's cause counts",
		policy: policyOf('skillEnablement'),
		failure: network('ECONNREFUSED', true),
		decision: resend(1000),
	},
	{
		name: 'an error that is no answer and no network failure: give up',
		policy: policyOf('skillMessaging'),
		failure: new Error('something else'),
		decision: giveUp(),
	},
	{
		name: 'a transient LWA error while getting the token: resent',
		policy: policyOf('skillMessaging'),
		failure: new LwaError('server_error', undefined, 500, 'LWA failed'),
		decision: resend(1000),
	},
	{
		name: 'a refused LWA grant while getting the token: give up',
		policy: policyOf('skillMessaging'),
		failure: new LwaError('invalid_client', undefined, 401, 'refused'),
		decision: giveUp(),
	},
];

const code = { requestKind: 'authorization_code' };
const singleUse: Case[] = [
	{
		name: 'authorization_code after a 500: not resent, the code may have been used',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 500),
		state: code,
		decision: giveUp(GRANT_CODE_NOT_RESENT),
	},
	{
		name: 'authorization_code after a 503: not resent',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 503),
		state: code,
		decision: giveUp(GRANT_CODE_NOT_RESENT),
	},
	{
		name: 'authorization_code after a connection broken after sending: not resent',
		policy: policyOf('loginWithAmazon'),
		failure: network('ECONNRESET'),
		state: code,
		decision: giveUp(GRANT_CODE_NOT_RESENT),
	},
	{
		name: 'authorization_code after a timeout: not resent',
		policy: policyOf('loginWithAmazon'),
		failure: network('ETIMEDOUT'),
		state: code,
		decision: giveUp(GRANT_CODE_NOT_RESENT),
	},
	{
		name: 'authorization_code after a 429: resent, LWA did not use the code',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 429),
		state: code,
		decision: resend(1000, { throttled: true }),
	},
	{
		name: 'authorization_code after a refused connection (never sent): resent',
		policy: policyOf('loginWithAmazon'),
		failure: network('ECONNREFUSED'),
		state: code,
		decision: resend(1000),
	},
	{
		name: 'authorization_code after invalid_grant: give up without the "may have been used" note',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 400, { code: 'invalid_grant' }),
		state: code,
		decision: giveUp(),
	},
	{
		name: 'refresh_token after a 500: resent, a refresh token may be used again',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 500),
		state: { requestKind: 'refresh_token' },
		decision: resend(1000),
	},
	{
		name: 'an LWA request of no named kind after a 500: resent',
		policy: policyOf('loginWithAmazon'),
		failure: answer('loginWithAmazon', 500),
		decision: resend(1000),
	},
	{
		name: 'a kind named "authorization_code" means nothing on an API without single-use requests',
		policy: policyOf('skillMessaging'),
		failure: answer('skillMessaging', 500),
		state: code,
		decision: resend(1000),
	},
];

describe('Retry decision after a failed attempt', () => {
	for (const [title, cases] of [
		['token refused', token],
		['status answers', statuses],
		['resend counts and back-off', counting],
		['Retry-After and Max Back-Off', retryAfter],
		['no answer: may the request have reached Alexa?', ambiguous],
		['singleUse: LWA authorization_code', singleUse],
	] as const) {
		describe(title, () => {
			for (const { name, policy, failure, state, decision } of cases) {
				it(name, () => {
					assert.deepEqual(decideAfterFailure(policy, failure, { ...first, ...state }), decision);
				});
			}
		});
	}

	describe("Retry-After is the server's time", () => {
		// The server named a time: it replaces the exponential back-off, shorter or longer
		// (retry.ts's header comment), as ky does.
		it('a Retry-After shorter than the back-off is what the resend waits (the fourth resend waits 2 s, not 8 s)', () => {
			const decision = decideAfterFailure(
				policyOf('skillMessaging'),
				answer('skillMessaging', 500, { retryAfter: '2' }),
				{ ...first, resends: 3 },
			);
			assert.deepEqual(decision, resend(2000));
		});
	});
});

describe('retryAfterMs (clock fixed)', () => {
	const cases: Array<{ name: string; header: string | undefined; ms: number | undefined }> = [
		{ name: 'seconds', header: '120', ms: 120_000 },
		{ name: 'seconds with spaces around', header: ' 5 ', ms: 5000 },
		{ name: 'zero seconds', header: '0', ms: 0 },
		{ name: 'an HTTP date 90 s ahead', header: new Date(NOW + 90_000).toUTCString(), ms: 90_000 },
		{
			name: 'an HTTP date in the past is no wait',
			header: new Date(NOW - 90_000).toUTCString(),
			ms: 0,
		},
		{ name: 'no header', header: undefined, ms: undefined },
		{ name: 'an empty header', header: '  ', ms: undefined },
		{ name: 'words', header: 'later', ms: undefined },
		// Not the header's forms, but V8's Date.parse reads both as dates long past (1.5 is
		// 5 January 2001): no wait beyond the policy's minimum. Reported as a quirk, not a risk.
		{ name: 'a fraction of seconds is read as a past date', header: '1.5', ms: 0 },
		{ name: 'a negative number is read as a past date', header: '-5', ms: 0 },
	];
	for (const { name, header, ms } of cases) {
		it(`${name}: ${ms === undefined ? 'none' : `${ms} ms`}`, () => {
			assert.equal(retryAfterMs(header), ms);
		});
	}
});

describe('resendDelayMs and withUserLimits', () => {
	it("the user's Max Retries applies below Amazon's cap, never above it", () => {
		assert.equal(policyOf('eventGateway', 2).maxResends, 2);
		assert.equal(policyOf('eventGateway', 10).maxResends, 3);
		assert.equal(policyOf('skillMessaging', 10).maxResends, 10);
	});
	it("a Max Back-Off below the policy's minimum wait is raised to it: waits stay at least 1 s apart", () => {
		assert.equal(policyOf('eventGateway', 3, 0).maxDelayMs, 1000);
	});
	const cases: Array<{
		name: string;
		policy: EffectivePolicy;
		resend: number;
		retryAfter?: number;
		ms: number;
	}> = [
		{
			name: 'first exponential resend: 1 s',
			policy: policyOf('skillMessaging'),
			resend: 1,
			ms: 1000,
		},
		{
			name: 'third exponential resend: 4 s',
			policy: policyOf('skillMessaging'),
			resend: 3,
			ms: 4000,
		},
		{
			name: 'seventh exponential resend capped by Max Back-Off 60 s',
			policy: policyOf('skillMessaging'),
			resend: 7,
			ms: 60_000,
		},
		{ name: 'fixed: every resend 1 s', policy: policyOf('eventGateway'), resend: 3, ms: 1000 },
		{
			name: 'Retry-After below the minimum is raised to it',
			policy: policyOf('eventGateway'),
			resend: 1,
			retryAfter: 200,
			ms: 1000,
		},
		{
			name: 'Retry-After above Max Back-Off is capped',
			policy: policyOf('eventGateway', 3, 2000),
			resend: 1,
			retryAfter: 9000,
			ms: 2000,
		},
	];
	for (const { name, policy, resend: number, retryAfter: after, ms } of cases) {
		it(name, () => {
			assert.equal(resendDelayMs(policy, number, after), ms);
		});
	}
});

describe('mayHaveReachedServer and isTransientLwaError', () => {
	const reached: Array<{ name: string; failure: unknown; reached: boolean }> = [
		{
			name: 'a 500 may have been acted on',
			failure: answer('loginWithAmazon', 500),
			reached: true,
		},
		{ name: 'a 429 was not acted on', failure: answer('loginWithAmazon', 429), reached: false },
		{ name: 'a 400 was not acted on', failure: answer('loginWithAmazon', 400), reached: false },
		{
			name: 'a connection reset may have been acted on',
			failure: network('ECONNRESET'),
			reached: true,
		},
		{
			name: 'a broken pipe while sending may have been acted on',
			failure: network('EPIPE'),
			reached: true,
		},
		{
			name: 'a refused connection never reached the server',
			failure: network('ECONNREFUSED'),
			reached: false,
		},
		{
			name: 'an unreachable network never reached the server',
			failure: network('ENETUNREACH'),
			reached: false,
		},
		{
			name: 'an error that says nothing of the network did not',
			failure: new Error('bug'),
			reached: false,
		},
	];
	for (const { name, failure, reached: expected } of reached) {
		it(name, () => {
			assert.equal(mayHaveReachedServer(failure), expected);
		});
	}

	const lwa: Array<{ name: string; error: LwaError; transient: boolean }> = [
		{
			name: "server_error is LWA's trouble",
			error: new LwaError('server_error', undefined, 500, ''),
			transient: true,
		},
		{
			name: "temporarily_unavailable is LWA's trouble",
			error: new LwaError('temporarily_unavailable', undefined, 503, ''),
			transient: true,
		},
		{
			name: "no answer at all (unreachable) is LWA's trouble",
			error: new LwaError('unreachable', undefined, undefined, ''),
			transient: true,
		},
		{
			name: "a 429 is LWA's trouble whatever its code",
			error: new LwaError('too_many', undefined, 429, ''),
			transient: true,
		},
		{
			name: "any 5xx is LWA's trouble, 501 included",
			error: new LwaError('odd', undefined, 501, ''),
			transient: true,
		},
		{
			name: 'invalid_grant is a refusal',
			error: new LwaError('invalid_grant', undefined, 400, ''),
			transient: false,
		},
		{
			name: 'invalid_client is a refusal',
			error: new LwaError('invalid_client', undefined, 401, ''),
			transient: false,
		},
	];
	for (const { name, error, transient } of lwa) {
		it(name, () => {
			assert.equal(isTransientLwaError(error), transient);
		});
	}
});
