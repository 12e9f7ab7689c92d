import { sleep } from 'n8n-workflow';

/**
 * Time as the node sees it. Token expiry and retry spacing read it here, so that tests can
 * swap in a clock they move by hand instead of waiting real seconds.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
	/**
	 * Resolves once `ms` have passed on this clock, without moving it (a test's clock may jump to
	 * the end of a `sleep`): a deadline set while something else goes on. A clock without it never
	 * reaches one.
	 */
	deadline?(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
	deadline: async (ms) => await sleep(ms),
};

let current: Clock = systemClock;

export const clock: Required<Clock> = {
	now: () => current.now(),
	sleep: async (ms) => await current.sleep(ms),
	deadline: async (ms) =>
		current.deadline ? await current.deadline(ms) : await new Promise<void>(() => undefined),
};

/** For tests: install another clock; call with no argument to go back to the real one. */
export function useClock(replacement?: Clock): void {
	current = replacement ?? systemClock;
}
