import type { IExecuteSingleFunctions } from 'n8n-workflow';

import { clock } from './clock';

/**
 * Limits how many requests of one node run are in flight, and slows the whole run down when
 * Alexa throttles it.
 *
 * n8n's declarative engine starts every item's request at once; each item waits here for a
 * slot instead. On a 429 the run's limit is halved and, if Alexa named a time, no new request
 * starts before it; every `limit` successes in a row raise the limit by one again, up to the
 * user's maximum (additive increase, multiplicative decrease, as TCP does).
 */
export class RunLimiter {
	private active = 0;
	private limit: number;
	private successesInARow = 0;
	private resumeAt = 0;
	private readonly waiting: Array<() => void> = [];
	/** The most requests that were in flight at once, for tests and the benchmark. */
	peakInFlight = 0;

	constructor(readonly maxInFlight: number) {
		this.limit = maxInFlight;
	}

	get currentLimit(): number {
		return this.limit;
	}

	async acquire(): Promise<void> {
		for (;;) {
			const pause = this.resumeAt - clock.now();
			if (pause > 0) {
				await clock.sleep(pause);
				continue;
			}
			if (this.active < this.limit) {
				this.active++;
				this.peakInFlight = Math.max(this.peakInFlight, this.active);
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
		this.limit = Math.max(1, Math.floor(this.limit / 2));
		this.successesInARow = 0;
		if (retryAfterMs !== undefined) this.resumeAt = Math.max(this.resumeAt, clock.now() + retryAfterMs);
	}

	succeeded(): void {
		if (this.limit >= this.maxInFlight) return;
		if (++this.successesInARow >= this.limit) {
			this.limit++;
			this.successesInARow = 0;
			this.waiting.shift()?.();
		}
	}
}

const limiters = new WeakMap<object, RunLimiter>();

/** The limiter of the node run this item belongs to (one per node execution). */
export function runLimiterFor(context: IExecuteSingleFunctions, maxInFlight: number): RunLimiter {
	const run = context.getExecuteData();
	let limiter = limiters.get(run);
	if (!limiter) {
		limiter = new RunLimiter(maxInFlight);
		limiters.set(run, limiter);
	}
	return limiter;
}

/** For tests and the benchmark: the limiter of a finished run, found by its execute data. */
export function runLimiterOf(run: object): RunLimiter | undefined {
	return limiters.get(run);
}
