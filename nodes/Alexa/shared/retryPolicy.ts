import type { AlexaApi } from './apis';
import { clock } from './clock';

/**
 * How each API wants failures handled, as data, from Amazon's pages.
 *
 * - `tokenRejectedStatuses`: answers that mean "this access token is no good". The message is
 *   sent once more with a fresh token; if that is refused too, the error stands. Skill
 *   Messaging lists 403 as well: its guide documents 403 for an expired or invalid token, and
 *   Alexa can send it before our own clock says the token has expired. `tokenRejectedCodes`:
 *   the Event Gateway's INVALID_ACCESS_TOKEN_EXCEPTION, which Amazon's own example sends with
 *   HTTP 400 although its table lists it under 401.
 * - `retryStatuses`, `maxResends`, `minDelayMs`, `backoff`: which answers mean
 *   "send the same message again later", how often, and how far apart. Skill Messaging and
 *   Skill Enablement say "retry with exponential back-off" for 429 and 500; the Event Gateway
 *   says "resend up to three times, at least one second apart" for 429, 500 and 503.
 * - `resendAfterAmbiguousFailure`: whether a POST whose request may have reached Alexa (the
 *   connection broke or timed out after sending) may go again. Skill Messaging leaves
 *   duplicates to the caller, and an event resent keeps its messageId; enabling a skill with an
 *   account link is not repeatable, so it is not resent. A connection that was never made
 *   (refused, host not found) is always safe to retry, and so is any GET, PUT or DELETE.
 * - A `Retry-After` header, in seconds or as an HTTP date, replaces the computed delay when it
 *   asks for longer, with no jitter (the server named a time).
 */
export interface RetryPolicy {
	tokenRejectedStatuses: number[];
	/** Alexa's error codes that mean the same, whatever the status they come with. */
	tokenRejectedCodes: string[];
	retryStatuses: number[];
	/** Amazon's own cap on resends, where it sets one; the node's Max Retries option applies below it. */
	maxResends: number;
	minDelayMs: number;
	backoff: 'fixed' | 'exponential';
	resendAfterAmbiguousFailure: boolean;
}

/** A policy with the user's limits applied (see `withUserLimits`). */
export interface EffectivePolicy extends RetryPolicy {
	/** No wait is longer than this, whatever Retry-After says: the node's Max Back-Off option. */
	maxDelayMs: number;
}

export const RETRY_POLICY: Record<AlexaApi, RetryPolicy> = {
	skillMessaging: {
		tokenRejectedStatuses: [401, 403],
		tokenRejectedCodes: [],
		retryStatuses: [429, 500, 502, 503, 504],
		maxResends: Infinity,
		minDelayMs: 1000,
		backoff: 'exponential',
		resendAfterAmbiguousFailure: true,
	},
	eventGateway: {
		tokenRejectedStatuses: [401],
		tokenRejectedCodes: ['INVALID_ACCESS_TOKEN_EXCEPTION'],
		retryStatuses: [429, 500, 503],
		maxResends: 3,
		minDelayMs: 1000,
		backoff: 'fixed',
		resendAfterAmbiguousFailure: true,
	},
	skillEnablement: {
		tokenRejectedStatuses: [401],
		tokenRejectedCodes: [],
		retryStatuses: [429, 500, 502, 503, 504],
		maxResends: Infinity,
		minDelayMs: 1000,
		backoff: 'exponential',
		resendAfterAmbiguousFailure: false,
	},
	// LWA token requests: a refused grant is final; a failure to reach LWA is retried like the API's own.
	loginWithAmazon: {
		tokenRejectedStatuses: [],
		tokenRejectedCodes: [],
		retryStatuses: [429, 500, 502, 503, 504],
		maxResends: Infinity,
		minDelayMs: 1000,
		backoff: 'exponential',
		resendAfterAmbiguousFailure: true,
	},
};

/** Network failures where the request never left: safe to retry for any method. */
export const NEVER_SENT_FAILURES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** Methods Alexa treats as repeatable. */
export const IDEMPOTENT_METHODS = ['GET', 'PUT', 'DELETE', 'HEAD'];

/** The user's limits from the node's Delivery options, applied on top of an API's policy. */
export function withUserLimits(policy: RetryPolicy, maxRetries: number, maxBackoffMs: number): EffectivePolicy {
	return {
		...policy,
		maxResends: Math.min(maxRetries, policy.maxResends),
		maxDelayMs: Math.max(policy.minDelayMs, maxBackoffMs),
	};
}

/** Milliseconds until the time a Retry-After header names, or undefined if it names none. */
export function retryAfterMs(header: string | undefined): number | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	const text = header.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - clock.now());
}

/** How long to wait before resend number `resend` (1 for the first resend). */
export function resendDelayMs(policy: EffectivePolicy, resend: number, retryAfter?: number): number {
	const computed =
		policy.backoff === 'exponential' ? policy.minDelayMs * 2 ** (resend - 1) : policy.minDelayMs;
	const wanted = retryAfter !== undefined ? Math.max(policy.minDelayMs, retryAfter) : computed;
	return Math.min(wanted, policy.maxDelayMs);
}
