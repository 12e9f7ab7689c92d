import { httpStatusOf, isAlexaApiError } from '../errors/alexaApiError';
import { WaitedTooLong } from '../errors/waitedTooLong';
import { LwaError } from '../lwa/tokenRequest';
import { clock } from '../util/clock';
import { describeNetworkFailure, networkErrorCode } from '../util/network';
import type { Pacer } from './pacer';
import { decideAfterFailure, mayHaveReachedServer } from './retry';
import type { RunContext } from './runContext';

/** Where an item's tokens come from: the item's own (never refreshed), or the credential's shared cache. */
export interface ItemTokens {
	/** The token for the next attempt; `refused` names one Alexa just refused, so the cache replaces it. */
	tokenFor(refused?: string): Promise<string | undefined>;
	canRefresh: boolean;
}

/**
 * The one attempt loop. Sends one message with `attempt` (given the token for that try), each
 * try within the run's limit of requests in flight and the process's pace for its credential
 * (`pacer`), and after a failure does what the retry module decides: a fresh token and one
 * resend, a resend after a wait (slowing every sender of that credential after a 429), or giving
 * up with every attempt's outcome. Only this message is resent, never
 * one Alexa accepted, and always the same body (the same messageId); only the token may be newer.
 */
export async function sendWithResends<T>(
	run: RunContext,
	pacer: Pacer,
	tokens: ItemTokens,
	request: { method: string; kind?: string },
	attempt: (token: string | undefined) => Promise<T>,
): Promise<T> {
	const { policy } = run;
	const outcomes: string[] = [];
	let token: string | undefined;
	let refused: string | undefined;
	let tokenRefreshed = false;
	let resends = 0;
	/** The last failure of an attempt that was made (sent, or refused a token). */
	let lastAnswer: unknown;
	/** Whether an earlier attempt may have reached Alexa without its answer reaching the node. */
	let answerLost = false;
	for (;;) {
		let failure: unknown;
		try {
			token = await tokens.tokenFor(refused);
			refused = undefined;
			await takeSlot(run, pacer);
			try {
				const result = await attempt(token);
				pacer.succeeded();
				return result;
			} finally {
				pacer.release();
				run.slots.release();
			}
		} catch (error) {
			failure = error;
		}
		outcomes.push(outcomeOf(failure));
		if (failure instanceof WaitedTooLong && lastAnswer !== undefined) {
			// A resend that never got its turn: the item fails with what Alexa last answered.
			throw new FailedAfterAttempts(
				lastAnswer,
				outcomes,
				`Its resend waited ${Math.round(failure.waitedMs / 1000)} s for its turn and was not sent (Delivery Options → Max Wait for a Slot).`,
				answerLost,
			);
		}
		lastAnswer = failure;
		const decision = decideAfterFailure(policy, failure, {
			resends,
			tokenRefreshed,
			canRefreshToken: tokens.canRefresh,
			method: request.method,
			requestKind: request.kind,
		});
		if (decision.kind === 'giveUp')
			throw new FailedAfterAttempts(failure, outcomes, decision.note, answerLost);
		answerLost ||= mayHaveReachedServer(failure);
		if (decision.kind === 'refreshToken') {
			// One fresh token (shared with every other item refused with the same one), one resend.
			tokenRefreshed = true;
			refused = token;
			continue;
		}
		resends++;
		if (decision.throttled) pacer.throttled(decision.runPauseMs);
		await clock.sleep(decision.delayMs);
	}
}

/** The run's slot, then the pacer's; an attempt that waits past Max Wait gets neither and is not sent. */
async function takeSlot(run: RunContext, pacer: Pacer): Promise<void> {
	await run.slots.acquire();
	let taken = false;
	try {
		await pacer.acquire(clock.now() + run.maxWaitMs);
		taken = true;
	} finally {
		if (!taken) run.slots.release();
	}
}

/**
 * A failure after its attempts: what each attempt got, and what the node did about it, for the
 * item's error (deliverItem.ts turns it into a safe node error).
 */
export class FailedAfterAttempts {
	constructor(
		readonly failure: unknown,
		readonly attempts: string[],
		readonly note?: string,
		/** An earlier attempt may have reached Alexa and lost its answer (the connection broke after sending, or a 5xx). */
		readonly answerLost = false,
	) {}
}

/** The failure itself, whether or not it came wrapped with its attempts. */
export function failureOf(error: unknown): unknown {
	return error instanceof FailedAfterAttempts ? error.failure : error;
}

/** What one failed attempt got, in words for the error's description. */
function outcomeOf(failure: unknown): string {
	if (isAlexaApiError(failure)) {
		const code = failure.context.alexaCode;
		return `HTTP ${httpStatusOf(failure)}${code ? ` ${String(code)}` : ''}`;
	}
	if (failure instanceof LwaError) return `no token: ${failure.lwaError}`;
	if (failure instanceof WaitedTooLong)
		return `not sent: no slot in ${Math.round(failure.waitedMs / 1000)} s`;
	const network = networkErrorCode(failure);
	if (network) return `${describeNetworkFailure(network)} (${network})`;
	return 'failed';
}
