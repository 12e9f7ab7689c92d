import type { AlexaApi } from './apis';
import { clock } from './clock';

/**
 * How each API wants failures handled, as data, from Amazon's pages.
 *
 * - `tokenRejectedStatuses`: answers that mean "this access token is no good". The message is
 *   sent once more with a fresh token; if that is refused too, the error stands. Skill
 *   Messaging lists 403 as well: its guide documents 403 for an expired or invalid token, and
 *   Alexa can send it before our own clock says the token has expired.
 * - `retryStatuses`, `maxResends`, `minDelayMs`, `backoff`: which answers mean "send the same
 *   message again later", how often, and how far apart. The Event Gateway page says: resend
 *   up to three times, at least one second apart, for 429, 500 and 503.
 * - A `Retry-After` header, in seconds or as an HTTP date, replaces the computed delay when it
 *   asks for longer, with no jitter (the server named a time).
 */
export interface RetryPolicy {
	tokenRejectedStatuses: number[];
	retryStatuses: number[];
	maxResends: number;
	minDelayMs: number;
	backoff: 'fixed' | 'exponential';
	/** No wait is longer than this, whatever Retry-After says. */
	maxDelayMs: number;
}

function noResends(): Omit<RetryPolicy, 'tokenRejectedStatuses'> {
	return { retryStatuses: [], maxResends: 0, minDelayMs: 0, backoff: 'fixed', maxDelayMs: 0 };
}

export const RETRY_POLICY: Record<AlexaApi, RetryPolicy> = {
	skillMessaging: { tokenRejectedStatuses: [401, 403], ...noResends() },
	eventGateway: {
		tokenRejectedStatuses: [401],
		retryStatuses: [429, 500, 503],
		maxResends: 3,
		minDelayMs: 1000,
		backoff: 'fixed',
		maxDelayMs: 60_000,
	},
	// "Retry the request by using exponential back-off" (Skill Enablement reference, 429 and 500).
	skillEnablement: {
		tokenRejectedStatuses: [401],
		retryStatuses: [429, 500, 502, 503, 504],
		maxResends: 3,
		minDelayMs: 1000,
		backoff: 'exponential',
		maxDelayMs: 30_000,
	},
	loginWithAmazon: { tokenRejectedStatuses: [], ...noResends() },
};

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
export function resendDelayMs(policy: RetryPolicy, resend: number, retryAfter?: number): number {
	const computed =
		policy.backoff === 'exponential' ? policy.minDelayMs * 2 ** (resend - 1) : policy.minDelayMs;
	const wanted = retryAfter !== undefined ? Math.max(policy.minDelayMs, retryAfter) : computed;
	return Math.min(wanted, policy.maxDelayMs);
}
