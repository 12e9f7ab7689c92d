import { sleep } from 'n8n-workflow';

/**
 * Time as the node sees it. Token expiry and retry spacing read it here, so that tests can
 * swap in a clock they move by hand instead of waiting real seconds.
 */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

let current: Clock = systemClock;

export const clock: Clock = {
	now: () => current.now(),
	sleep: async (ms) => await current.sleep(ms),
};

/** For tests: install another clock; call with no argument to go back to the real one. */
export function useClock(replacement?: Clock): void {
	current = replacement ?? systemClock;
}
