import { clock } from '../util/clock';

/** Where slow start begins: a few requests, so that a throttled API sees a small first burst. */
const INITIAL_LIMIT = 8;
/** 429s within this time of the last slow-down answer requests sent before it: they do not count again. */
const THROTTLING_EPISODE_MS = 1000;
/** After a 429 the run is paced at this share of the rate Alexa was accepting. */
const RATE_AFTER_THROTTLING = 0.9;
/** Each second without a 429, the pace may rise by this share (and at least one request a second). */
const RATE_PROBE = 0.05;

/**
 * Limits how many requests of one node run are in flight, and slows the whole run down when
 * Alexa throttles it.
 *
 * The runner (runner.ts) starts up to 250 items at once; each item waits here for a slot.
 * - In flight: at most the user's maximum. The limit starts small and grows by one with every
 *   success (doubling each round trip, as TCP's slow start), so an API that throttles sees a
 *   small first burst, and an API that does not is at full speed within a few round trips.
 * - Pace: after a 429 the run sends at 90% of the rate Alexa accepted in the second before,
 *   waits for Retry-After when Alexa named a time, then probes 5% higher each quiet second. A
 *   rate limit is per second, so a pace (not fewer requests in flight) is what keeps 429s rare.
 */
export class RunLimiter {
	private active = 0;
	private limit: number;
	private readonly waiting: Array<() => void> = [];
	/** Requests a second once Alexa has throttled the run; undefined until then. */
	private rate?: number;
	private nextStartAt = 0;
	private resumeAt = 0;
	private lastChangeAt = 0;
	private readonly recentSuccesses: number[] = [];

	constructor(readonly maxInFlight: number) {
		this.limit = Math.min(maxInFlight, INITIAL_LIMIT);
	}

	async acquire(): Promise<void> {
		for (;;) {
			const now = clock.now();
			const wait = Math.max(this.resumeAt, this.nextStartAt) - now;
			if (wait > 0) {
				await clock.sleep(wait);
				continue;
			}
			if (this.active < this.limit) {
				this.active++;
				if (this.rate !== undefined) this.nextStartAt = Math.max(now, this.nextStartAt) + 1000 / this.rate;
				return;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	release(): void {
		this.active--;
		this.waiting.shift()?.();
	}

	throttled(retryAfterMs?: number): void {
		const now = clock.now();
		if (retryAfterMs !== undefined) this.resumeAt = Math.max(this.resumeAt, now + retryAfterMs);
		if (this.rate !== undefined && now - this.lastChangeAt < THROTTLING_EPISODE_MS) return;
		this.forgetSuccessesBefore(now - 1000);
		const accepted = Math.max(1, this.recentSuccesses.length);
		this.rate = Math.max(1, Math.min(this.rate ?? Infinity, accepted) * RATE_AFTER_THROTTLING);
		this.limit = Math.max(1, Math.min(this.limit, Math.ceil(this.rate)));
		this.lastChangeAt = now;
	}

	succeeded(): void {
		const now = clock.now();
		this.recentSuccesses.push(now);
		if (this.recentSuccesses.length > 2 * this.maxInFlight + 1000) this.forgetSuccessesBefore(now - 1000);
		if (this.rate === undefined) {
			// Slow start: one more request in flight for every success.
			if (this.limit < this.maxInFlight) {
				this.limit++;
				this.waiting.shift()?.();
			}
			return;
		}
		if (now - this.lastChangeAt >= 1000) {
			this.rate += Math.max(1, this.rate * RATE_PROBE);
			this.limit = Math.min(this.maxInFlight, Math.max(this.limit, Math.ceil(this.rate)));
			this.lastChangeAt = now;
			this.waiting.shift()?.();
		}
	}

	private forgetSuccessesBefore(time: number): void {
		while (this.recentSuccesses.length > 0 && this.recentSuccesses[0] < time) this.recentSuccesses.shift();
	}
}
