import { TRY_LATER, type AlexaApi } from '../alexa/apis';
import { httpStatusOf, isAlexaApiError } from '../errors/alexaApiError';
import { GRANT_CODE_NOT_RESENT } from '../errors/catalogue/loginWithAmazon';
import { REMINDER_NOT_CREATED_TWICE } from '../errors/catalogue/reminders';
import { isTransientLwaError, LwaError } from '../lwa/tokenRequest';
import { clock } from '../util/clock';
import { networkErrorCode } from '../util/network';

/**
 * Everything the node knows about sending again, in one place: how each API wants failures
 * handled (as data, from Amazon's pages), and the one decision the attempt loop asks after every
 * failure: "refresh the token and resend, resend after a wait (and pause the whole run how
 * long), or give up (and say why)".
 *
 * - `tokenRejectedStatuses`: answers that mean "this access token is no good". The message is
 *   sent once more with a fresh token; if that is refused too, the error stands. Skill
 *   Messaging lists 403 as well: its guide documents 403 for an expired or invalid token, and
 *   Alexa can send it before our own clock says the token has expired. `tokenRejectedCodes`:
 *   the Event Gateway's INVALID_ACCESS_TOKEN_EXCEPTION, which Amazon's own example sends with
 *   HTTP 400 although its table lists it under 401.
 * - `resendStatuses`, `maxResends`, `minDelayMs`, `backoff`: which answers mean
 *   "send the same message again later", how often, and how far apart. (The node's option for
 *   `maxResends` is called Max Retries, as n8n's users know it; here it is always "resend".) Skill Messaging and
 *   Skill Enablement say "retry with exponential back-off" for 429 and 500; the Event Gateway
 *   says "resend up to three times, at least one second apart" for 429, 500 and 503.
 * - `resendAfterAmbiguousFailure`: whether a POST whose request may have reached Alexa (the
 *   connection broke or timed out after sending) may go again. Skill Messaging leaves
 *   duplicates to the caller, and an event resent keeps its messageId; enabling a skill with an
 *   account link is not repeatable, so it is not resent. A connection that was never made
 *   (refused, host not found) is always safe to retry, and so is any GET, PUT or DELETE.
 * - `singleUse`: kinds of request that work once (the kind the item's plan names), with what the
 *   item's error says when one is not sent again. Such a request is never resent after a failure
 *   where it may have reached the server and been used, a 5xx or a connection that broke or timed
 *   out after sending: the resend would only be refused. LWA's
 *   authorization_code grant: a code works once (RFC 6749 §4.1.2), and a second exchange gets
 *   invalid_grant. A 429, or a connection never made, left the code unused: resent as usual.
 * - A `Retry-After` header, in seconds or as an HTTP date, replaces the computed delay (never
 *   below the policy's shortest wait), with no jitter: the server named a time, as ky does. The user's Max Back-Off caps
 *   every wait: the item's, and the pause of the whole run after a 429.
 */
export interface RetryPolicy {
	tokenRejectedStatuses: number[];
	tokenRejectedCodes: string[];
	resendStatuses: number[];
	/** Amazon's own cap on resends, where it sets one (or the package's, where its row says why); the node's Max Retries option applies below it. */
	maxResends: number;
	minDelayMs: number;
	backoff: 'fixed' | 'exponential';
	resendAfterAmbiguousFailure: boolean;
	singleUse: Readonly<Record<string, string>>;
}

/** A policy with the user's limits applied (see `withUserLimits`). */
export interface EffectivePolicy extends RetryPolicy {
	/** No wait is longer than this, whatever Retry-After says: the node's Max Back-Off option. */
	maxDelayMs: number;
}

/** "Retry with exponential back-off" after TRY_LATER, as Skill Messaging, Skill Enablement, Proactive Events and LWA say. */
const BACK_OFF = {
	resendStatuses: TRY_LATER,
	maxResends: Infinity,
	minDelayMs: 1000,
	backoff: 'exponential',
} as const;

/**
 * Progressive responses ("Progressive Response REST API Reference" and "Send the User a
 * Progressive Response", docs/alexa-facts.md): the token is the one Alexa sent with its request,
 * which the node cannot replace, so no status counts as a refused token to refresh: a 401 is
 * final, with its catalogue entry's advice. 403 means "not allowed at the moment" (the request
 * is answered, or is not a LaunchRequest or IntentRequest): final too. Amazon's pages document
 * neither 429 nor 5xx here; they are resent as on Alexa's other APIs (BACK_OFF), but at most
 * twice (the package's own cap, waits of 1 s and 2 s): Alexa waits about 8 s for the skill's
 * whole answer, so a later resend would only be refused. A resend after a lost answer could
 * make Alexa speak twice, so none.
 */
const WITH_THE_REQUESTS_TOKEN: RetryPolicy = {
	tokenRejectedStatuses: [],
	tokenRejectedCodes: [],
	...BACK_OFF,
	maxResends: 2,
	resendAfterAmbiguousFailure: false,
	singleUse: {},
};

/** One row per API of ALEXA_APIS (shared/alexa/apis.ts): the compiler refuses a missing or an unknown one. */
export const RETRY_POLICY: Record<AlexaApi, RetryPolicy> = {
	skillMessaging: {
		tokenRejectedStatuses: [401, 403],
		tokenRejectedCodes: [],
		...BACK_OFF,
		resendAfterAmbiguousFailure: true,
		singleUse: {},
	},
	eventGateway: {
		tokenRejectedStatuses: [401],
		tokenRejectedCodes: ['INVALID_ACCESS_TOKEN_EXCEPTION'],
		resendStatuses: [429, 500, 503],
		maxResends: 3,
		minDelayMs: 1000,
		backoff: 'fixed',
		resendAfterAmbiguousFailure: true,
		singleUse: {},
	},
	skillEnablement: {
		tokenRejectedStatuses: [401],
		tokenRejectedCodes: [],
		...BACK_OFF,
		resendAfterAmbiguousFailure: false,
		singleUse: {},
	},
	// Proactive Events ("Proactive Events REST API Reference",
	// https://developer.amazon.com/docs/alexa/smapi/proactive-events-api-reference.html, and the ASK
	// SDK's ProactiveEventsServiceClient): 403 is "the authentication token is invalid", so a 403
	// gets one fresh token like a 401. 429 "more calls than the allowed limit" and 500 are resent
	// with back-off; 432, a live skill over its notification limits, is not (a resend counts
	// against the same limit). A resend after a lost answer is harmless: it carries the same
	// referenceId, and Alexa answers 409 to "duplicate events using the same referenceId for the
	// same customer" instead of notifying twice (the operation reports that 409 as accepted).
	proactiveEvents: {
		tokenRejectedStatuses: [401, 403],
		tokenRejectedCodes: [],
		...BACK_OFF,
		resendAfterAmbiguousFailure: true,
		singleUse: {},
	},
	// Progressive responses ("Progressive Response REST API Reference" and "Send the User a
	// Progressive Response", docs/alexa-facts.md): the token is the one Alexa sent with its request,
	// which the node cannot replace, so no status counts as a refused token to refresh: a 401 is
	// final, with its catalogue entry's advice. 403 means "not allowed at the moment" (the request
	// is answered, or is not a LaunchRequest or IntentRequest): final too. Amazon's pages document
	// neither 429 nor 5xx here; they are resent as on Alexa's other APIs (BACK_OFF), but at most
	// twice (the package's own cap, waits of 1 s and 2 s): Alexa waits about 8 s for the skill's
	// whole answer, so a later resend would only be refused. A resend after a lost answer could
	// make Alexa speak twice, so none.
	progressiveResponse: WITH_THE_REQUESTS_TOKEN,
	// The Reminders, Alexa Settings, Customer Profile and Device Address APIs take the same token,
	// Alexa's request's, while Alexa waits: the same rules (docs/alexa-facts.md, "In-session APIs"). Their pages
	// list 429 and 5xx without a retry rule of their own. A GET, PUT or DELETE is repeatable; a
	// reminder created is not (a second POST makes a second reminder), so Create Reminder is
	// never resent after an answer that may have been lost, a 5xx or a broken connection.
	reminders: {
		...WITH_THE_REQUESTS_TOKEN,
		singleUse: { createReminder: REMINDER_NOT_CREATED_TWICE },
	},
	deviceSettings: WITH_THE_REQUESTS_TOKEN,
	customerProfile: WITH_THE_REQUESTS_TOKEN,
	deviceAddress: WITH_THE_REQUESTS_TOKEN,
	// LWA token requests: a refused grant is final; LWA's own trouble is retried like the APIs'
	// (a refresh token may be used again), except for a grant code that may have been used.
	loginWithAmazon: {
		tokenRejectedStatuses: [],
		tokenRejectedCodes: [],
		...BACK_OFF,
		resendAfterAmbiguousFailure: true,
		singleUse: { authorization_code: GRANT_CODE_NOT_RESENT },
	},
};

/** Network failures where the request never left: safe to retry for any method. */
export const NEVER_SENT_FAILURES = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
];

/** Methods Alexa treats as repeatable. */
const IDEMPOTENT_METHODS = ['GET', 'PUT', 'DELETE', 'HEAD'];

/** The user's limits from the node's Delivery options, applied on top of an API's policy. */
export function withUserLimits(
	policy: RetryPolicy,
	maxRetries: number,
	maxBackoffMs: number,
): EffectivePolicy {
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

/** Where one message's attempts stand when a failure comes in. */
export interface AttemptState {
	/** Resends so far (the first send is not one). */
	resends: number;
	/** Whether the token was already replaced once for this message. */
	tokenRefreshed: boolean;
	/** Whether the node may get a fresh token: not for a token taken from the input. */
	canRefreshToken: boolean;
	method: string;
	/** The kind of request, where the policy tells kinds apart (`singleUse`): LWA's grant type. */
	requestKind?: string;
}

export type RetryDecision =
	| { kind: 'refreshToken' }
	/** `runPauseMs`: how long the whole run holds its new requests (after a 429 with Retry-After). */
	| { kind: 'resend'; delayMs: number; runPauseMs?: number; throttled: boolean }
	/** `note`: what the node did or did not do, where the attempts alone do not say. */
	| { kind: 'giveUp'; note?: string };

/** After a failed attempt: may the node send this message again, and when? */
export function decideAfterFailure(
	policy: EffectivePolicy,
	failure: unknown,
	state: AttemptState,
): RetryDecision {
	if (isTokenRefusal(policy, failure)) {
		if (state.canRefreshToken && !state.tokenRefreshed) return { kind: 'refreshToken' };
		return {
			kind: 'giveUp',
			note: state.canRefreshToken
				? 'A freshly requested token was refused too.'
				: 'The node does not refresh an access token taken from the input: refresh it with Authorization → Refresh Access Token, store the new one, and send the item again.',
		};
	}
	const singleUse =
		state.requestKind !== undefined ? policy.singleUse[state.requestKind] : undefined;
	if (typeof singleUse === 'string' && mayHaveReachedServer(failure))
		return { kind: 'giveUp', note: singleUse };
	const resendable = mayResend(policy, failure, state.method);
	if (!resendable || state.resends >= policy.maxResends) {
		return {
			kind: 'giveUp',
			note:
				resendable && policy.maxResends === 0 ? 'Not resent, because Max Retries is 0.' : undefined,
		};
	}
	const status = isAlexaApiError(failure) ? httpStatusOf(failure) : undefined;
	const retryAfter = isAlexaApiError(failure)
		? retryAfterMs(failure.context.retryAfter as string | undefined)
		: undefined;
	const delayMs = resendDelayMs(policy, state.resends + 1, retryAfter);
	const throttled = status === 429;
	// The run pauses for Retry-After only as long as this resend waits: Max Back-Off for both.
	return {
		kind: 'resend',
		delayMs,
		throttled,
		runPauseMs: throttled && retryAfter !== undefined ? delayMs : undefined,
	};
}

/** Whether Alexa refused the token itself: by status, or by an error code that means it whatever the status. */
function isTokenRefusal(policy: EffectivePolicy, failure: unknown): boolean {
	if (!isAlexaApiError(failure)) return false;
	const code = failure.context.alexaCode;
	return (
		policy.tokenRejectedStatuses.includes(httpStatusOf(failure) ?? 0) ||
		(typeof code === 'string' && policy.tokenRejectedCodes.includes(code))
	);
}

/** A failure after which the server may still have acted on the request: no answer on a connection that was made, or a 5xx. */
export function mayHaveReachedServer(failure: unknown): boolean {
	if (isAlexaApiError(failure)) return (httpStatusOf(failure) ?? 0) >= 500;
	const network = networkErrorCode(failure);
	return network !== undefined && !NEVER_SENT_FAILURES.includes(network);
}

/** Whether the policy allows sending this message again after this failure. */
function mayResend(policy: EffectivePolicy, failure: unknown, method: string): boolean {
	if (isAlexaApiError(failure)) return policy.resendStatuses.includes(httpStatusOf(failure) ?? 0);
	if (failure instanceof LwaError) return isTransientLwaError(failure);
	const network = networkErrorCode(failure);
	if (!network) return false;
	// A request that never left may go again; one that may have reached Alexa only if a
	// duplicate is harmless.
	return (
		NEVER_SENT_FAILURES.includes(network) ||
		IDEMPOTENT_METHODS.includes(method.toUpperCase()) ||
		policy.resendAfterAmbiguousFailure
	);
}

/** How long to wait before resend number `resend` (1 for the first resend). */
export function resendDelayMs(
	policy: EffectivePolicy,
	resend: number,
	retryAfter?: number,
): number {
	const computed =
		policy.backoff === 'exponential' ? policy.minDelayMs * 2 ** (resend - 1) : policy.minDelayMs;
	const wanted = retryAfter !== undefined ? Math.max(policy.minDelayMs, retryAfter) : computed;
	return Math.min(wanted, policy.maxDelayMs);
}
