import { WaitedTooLong } from '../errors/waitedTooLong';
import { clock } from '../util/clock';

/**
 * Where slow start begins: a few requests, so that a throttled API sees a small first burst (two
 * queue-mode workers at once are still 8). Doubling each round trip, 200 in flight is reached in
 * six round trips.
 */
const INITIAL_LIMIT = 4;
/** 429s within this time of the last slow-down answer requests sent before it: they do not count again. */
const THROTTLING_EPISODE_MS = 1000;
/** After a 429 the run is paced at this share of the rate Alexa was accepting. */
const RATE_AFTER_THROTTLING = 0.8;
/**
 * The lowest pace after 429s: one request every 5 s. Each queue-mode worker (and each n8n
 * process) paces itself (decision 6), so the floor times the number of processes must stay under
 * Alexa's limit: at a floor of 1 a second, four workers against an Event Gateway taking 5 a second
 * were refused often enough that an event could be refused four times and fail (issue 26).
 */
const MIN_RATE = 0.2;
/**
 * Each second without a 429, the pace may rise by this share, and at least by one request a
 * second, while nothing is known of what Alexa accepts (a storm of 429s that let nothing through,
 * so a lone process recovers within seconds)...
 */
const RATE_PROBE = 0.05;
/**
 * ...or only by this share (and at least this much) while the pace is near the rate Alexa last
 * accepted before a 429: a limit is probed gently, where +1 a second at 5/s would overshoot every
 * other second, and the workers sharing one limit each probe it (four workers probing at +1 a
 * second each raise the sum by 4 a second). Below that, the pace rises by at most one a second
 * and only up to "near" it.
 */
const RATE_PROBE_NEAR_LIMIT_SHARE = 0.02;
const RATE_PROBE_NEAR_LIMIT = 0.05;
/** "Near" the rate Alexa last accepted: from this share of it... */
const NEAR_LIMIT = 0.8;
/**
 * ...to this share. Past it without a 429, Alexa evidently accepts more than it did: the pace
 * then rises by RATE_CLIMB a second.
 */
const PAST_LIMIT = 1.2;
const RATE_CLIMB = 0.25;
/** ...once no 429 came for this long: two workers sharing one limit each see only their share. */
const CLIMB_AFTER_QUIET_MS = 30_000;
/**
 * A pace (and a grown limit) with no 429 for this long, and nothing sent for as long, is
 * forgotten: the next request starts with slow start, as what was learnt was for an earlier burst.
 */
const FORGET_PACE_AFTER_MS = 30_000;

/**
 * The pace of one credential's requests to one API on one host, shared by every execution and
 * node run of this n8n process (decision 6): Alexa throttles a skill, not a workflow run, so 200
 * webhook executions that each send one Change Report must slow down together.
 *
 * Every attempt waits here for a slot (after its run's own Max Requests in Flight, see `RunSlots`).
 * - In flight: at most PROCESS_MAX_IN_FLIGHT. The limit starts small and grows by one with
 *   every success (doubling each round trip, as TCP's slow start), so an API that throttles sees
 *   a small first burst, and an API that does not is at full speed within a few round trips.
 * - Pace: after a 429 the requests go at 80% of the rate Alexa accepted in the second before,
 *   wait for Retry-After when Alexa named a time (no longer than the sender's Max Back-Off),
 *   never below MIN_RATE, then rise each quiet second: back towards the rate Alexa last accepted
 *   (at most 1 a second more), only 2% a second near it, 25% once well past it; 5% (at least 1
 *   a second) when nothing was accepted to go by. A pace nothing needed for 30 s is forgotten.
 *   A rate limit is per second, so a pace (not fewer requests in flight) is what keeps 429s rare.
 * - In turn: attempts get their slots in the order they asked for them. An attempt sent again
 *   after a 429 asks anew, behind everyone who was already waiting, so a throttled run sends each
 *   waiting item once before it sends any of them back into the same storm (with no order, the
 *   item just refused could win the race after each pause and spend its Max Retries while the
 *   others waited).
 * - A wait is not an attempt: an item that has waited its run's Max Wait without getting a slot
 *   fails with `WaitedTooLong`, unsent.
 */
export class Pacer {
	private active = 0;
	private limit: number;
	/** Settles when the attempt last in line has taken its slot or given up: the next to ask waits for it. */
	private lineEnd: Promise<void> = Promise.resolve();
	/** Wakes the attempt first in line when it waits for a free slot. */
	private slotFreed?: () => void;
	/** Attempts waiting for a slot, whatever they wait for (their turn, the pace, a pause, or a free slot). */
	private waiters = 0;
	/** When a request last started or ended: an idle pacer is forgotten (see `pacerFor`). */
	lastUsedAt = clock.now();
	/** Requests a second once Alexa has throttled the run; undefined until then. */
	private rate?: number;
	private nextStartAt = 0;
	private resumeAt = 0;
	/** When the pace was last lowered for a 429: later 429s within THROTTLING_EPISODE_MS answer requests sent before it. */
	private lastThrottledAt = 0;
	/** When the pace was last raised: it rises at most once a second, and not within a second of a 429. */
	private lastRaisedAt = 0;
	/**
	 * What Alexa accepted in the second before the last 429 that followed any success; a 429 after
	 * a second with none (a pause, a storm) keeps the earlier figure.
	 */
	private acceptedBeforeThrottling?: number;
	private readonly recentSuccesses: number[] = [];

	constructor(readonly maxInFlight = PROCESS_MAX_IN_FLIGHT) {
		this.limit = Math.min(maxInFlight, INITIAL_LIMIT);
	}

	/**
	 * A slot, in the order the attempts asked for one, or `WaitedTooLong` once the clock passes
	 * `deadline`. Only the attempt first in line waits for the pause, the pace and a free slot; the
	 * others wait for their turn, and check their deadline when it comes.
	 */
	async acquire(deadline = Infinity): Promise<void> {
		const askedAt = clock.now();
		this.forgetOldPace(askedAt);
		this.waiters++;
		const turn = this.lineEnd;
		let leaveLine!: () => void;
		this.lineEnd = new Promise<void>((resolve) => (leaveLine = resolve));
		try {
			await turn;
			for (;;) {
				const now = clock.now();
				if (now > deadline) throw new WaitedTooLong(now - askedAt, this.waiters);
				const wait = Math.max(this.resumeAt, this.nextStartAt) - now;
				if (wait > 0) {
					await clock.sleep(Math.min(wait, Math.max(1, deadline - now + 1)));
					continue;
				}
				if (this.active < this.limit) {
					this.active++;
					this.lastUsedAt = now;
					if (this.rate !== undefined)
						this.nextStartAt = Math.max(now, this.nextStartAt) + 1000 / this.rate;
					return;
				}
				await new Promise<void>((resolve) => (this.slotFreed = resolve));
			}
		} finally {
			this.waiters--;
			leaveLine();
		}
	}

	/** A slot came free, or the limit grew: the attempt first in line may take it. */
	private wakeFirstInLine(): void {
		const wake = this.slotFreed;
		this.slotFreed = undefined;
		wake?.();
	}

	/** Requests a second since Alexa last throttled these requests, or undefined: not paced. */
	get pace(): number | undefined {
		return this.rate;
	}

	/** Nothing in flight and nobody waiting. */
	get idle(): boolean {
		return this.active === 0 && this.waiters === 0;
	}

	release(): void {
		this.active--;
		this.lastUsedAt = clock.now();
		this.wakeFirstInLine();
	}

	throttled(retryAfterMs?: number): void {
		const now = clock.now();
		if (retryAfterMs !== undefined) this.resumeAt = Math.max(this.resumeAt, now + retryAfterMs);
		if (this.rate !== undefined && now - this.lastThrottledAt < THROTTLING_EPISODE_MS) return;
		this.forgetSuccessesBefore(now - 1000);
		const accepted = Math.max(1, this.recentSuccesses.length);
		if (this.recentSuccesses.length > 0)
			this.acceptedBeforeThrottling = this.recentSuccesses.length;
		this.rate = Math.max(
			MIN_RATE,
			Math.min(this.rate ?? Infinity, accepted) * RATE_AFTER_THROTTLING,
		);
		this.limit = Math.max(1, Math.min(this.limit, Math.ceil(this.rate)));
		this.lastThrottledAt = now;
	}

	succeeded(): void {
		const now = clock.now();
		this.recentSuccesses.push(now);
		if (this.recentSuccesses.length > 2 * this.maxInFlight + 1000)
			this.forgetSuccessesBefore(now - 1000);
		if (this.rate === undefined) {
			// Slow start: one more request in flight for every success.
			if (this.limit < this.maxInFlight) {
				this.limit++;
				this.wakeFirstInLine();
			}
			return;
		}
		if (now - this.lastRaisedAt >= 1000 && now - this.lastThrottledAt >= 1000) {
			this.rate += this.rateIncrease(this.rate);
			this.limit = Math.min(this.maxInFlight, Math.max(this.limit, Math.ceil(this.rate)));
			this.lastRaisedAt = now;
			this.wakeFirstInLine();
		}
	}

	/** How much the pace rises after a quiet second, by how far it is from the rate Alexa last accepted. */
	private rateIncrease(rate: number): number {
		const limit = this.acceptedBeforeThrottling;
		const quietForLong = clock.now() - this.lastThrottledAt >= CLIMB_AFTER_QUIET_MS;
		if (limit === undefined) return Math.max(1, rate * RATE_PROBE);
		if (rate >= PAST_LIMIT * limit && quietForLong)
			return Math.max(RATE_PROBE_NEAR_LIMIT, rate * RATE_CLIMB);
		if (rate >= NEAR_LIMIT * limit)
			return Math.max(RATE_PROBE_NEAR_LIMIT, rate * RATE_PROBE_NEAR_LIMIT_SHARE);
		return Math.min(Math.max(1, rate * RATE_PROBE), NEAR_LIMIT * limit - rate);
	}

	/**
	 * After FORGET_PACE_AFTER_MS with nothing sent (and no 429), starts again with slow start: what
	 * was learnt belonged to an earlier burst.
	 */
	private forgetOldPace(now: number): void {
		if (this.active > 0 || (this.rate === undefined && this.limit <= INITIAL_LIMIT)) return;
		if (
			now - this.lastThrottledAt < FORGET_PACE_AFTER_MS ||
			now - this.lastUsedAt < FORGET_PACE_AFTER_MS
		)
			return;
		this.rate = undefined;
		this.acceptedBeforeThrottling = undefined;
		this.limit = Math.min(this.maxInFlight, INITIAL_LIMIT);
		this.nextStartAt = 0;
	}

	private forgetSuccessesBefore(time: number): void {
		while (this.recentSuccesses.length > 0 && this.recentSuccesses[0] < time)
			this.recentSuccesses.shift();
	}
}

/** The most requests in flight for one credential, API and host in one process: the most Max Requests in Flight allows. */
export const PROCESS_MAX_IN_FLIGHT = 200;
/** A pacer nobody used for this long is dropped: its next request starts afresh, with slow start. */
const IDLE_MS = 10 * 60_000;

const pacers = new Map<string, Pacer>();
let lastSweepAt = 0;

/**
 * The pacer of one credential's requests to one API at one base URL, in this process. Pacers
 * nobody has used for IDLE_MS are dropped as others are looked up, so memory does not grow with
 * the number of credentials ever used.
 */
export function pacerFor(key: string): Pacer {
	const now = clock.now();
	if (now - lastSweepAt >= 60_000) {
		lastSweepAt = now;
		for (const [other, pacer] of pacers)
			if (pacer.idle && now - pacer.lastUsedAt >= IDLE_MS) pacers.delete(other);
	}
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(key, pacer);
	}
	return pacer;
}

/** For tests: how many pacers this process holds, each one's pace, and a clean slate. */
export function pacerCount(): number {
	return pacers.size;
}

export function paces(): Array<{ key: string; pace?: number }> {
	return [...pacers].map(([key, pacer]) => ({ key, pace: pacer.pace }));
}

export function forgetAllPacers(): void {
	pacers.clear();
	lastSweepAt = 0;
}
