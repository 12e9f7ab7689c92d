/**
 * The pacer (nodes/Alexa/shared/delivery/pacer.ts) on a clock moved by hand: slow start from 4
 * requests in flight, at most 200, 80 % of the accepted rate after a 429, the Retry-After pause
 * (capped by Max Back-Off in the retry decision), and slots in the order they were asked for.
 * The figures are the package's (decision 6, docs/decisions/0006-pace-per-credential-per-process.md):
 * Amazon says to back off after a 429 but gives no rate (docs/alexa-facts.md). Nothing here
 * sleeps for real: `sleep` moves the clock to the end of the wait and returns.
 */
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';

import { UNIT_NODE } from './unitNode.mts';

import { alexaApiError } from '../../nodes/Alexa/shared/errors/alexaApiError.ts';
import { WaitedTooLong } from '../../nodes/Alexa/shared/errors/waitedTooLong.ts';
import {
	forgetAllPacers,
	Pacer,
	pacerCount,
	pacerFor,
	PROCESS_MAX_IN_FLIGHT,
} from '../../nodes/Alexa/shared/delivery/pacer.ts';
import { RunSlots } from '../../nodes/Alexa/shared/delivery/runSlots.ts';
import {
	decideAfterFailure,
	RETRY_POLICY,
	withUserLimits,
} from '../../nodes/Alexa/shared/delivery/retry.ts';
import { useClock, type Clock } from '../../nodes/Alexa/shared/util/clock.ts';

const NOW = Date.UTC(2026, 11, 6, 7, 0, 0);

class ManualClock implements Clock {
	nowMs = NOW;
	now = (): number => this.nowMs;
	/** Returns at once, the clock moved to the end of the wait (waits that overlap do not add up). */
	sleep = async (ms: number): Promise<void> => {
		const wakeAt = this.nowMs + ms;
		await Promise.resolve();
		this.nowMs = Math.max(this.nowMs, wakeAt);
	};
	advance(ms: number): void {
		this.nowMs += ms;
	}
}

let clock: ManualClock;
beforeEach(() => {
	clock = new ManualClock();
	useClock(clock);
	forgetAllPacers();
});
after(() => useClock());

/** Lets every pending promise run: setImmediate comes after the whole microtask queue. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Ask {
	label: string;
	/** Milliseconds after NOW when the slot was given; undefined while waiting. */
	startedAt?: number;
	failed?: unknown;
}

/** Asks for a slot without waiting for it, and records when it comes. */
function ask(pacer: Pacer, label = '', deadline?: number, order?: string[]): Ask {
	const entry: Ask = { label };
	pacer.acquire(deadline).then(
		() => {
			entry.startedAt = clock.nowMs - NOW;
			order?.push(label);
		},
		(error: unknown) => {
			entry.failed = error;
		},
	);
	return entry;
}

const started = (asks: Ask[]) => asks.filter((entry) => entry.startedAt !== undefined).length;

/** `n` successes at the current time, as requests that went through and were answered 2xx. */
function succeed(pacer: Pacer, n: number): void {
	for (let index = 0; index < n; index++) pacer.succeeded();
}

describe('Pacer', () => {
	describe('slow start and the ceiling of requests in flight', () => {
		it('a new pacer lets 4 requests in flight at once; the 5th waits', async () => {
			const pacer = new Pacer();
			const asks = Array.from({ length: 5 }, (_, index) => ask(pacer, String(index)));
			await settle();
			assert.equal(started(asks), 4);
		});

		it('each success lets one more in, without any release', async () => {
			const pacer = new Pacer();
			const asks = Array.from({ length: 6 }, () => ask(pacer));
			await settle();
			pacer.succeeded();
			await settle();
			assert.equal(started(asks), 5);
			pacer.succeeded();
			await settle();
			assert.equal(started(asks), 6);
		});

		it('a release without a success frees a slot but does not grow the limit', async () => {
			const pacer = new Pacer();
			const asks = Array.from({ length: 6 }, () => ask(pacer));
			await settle();
			pacer.release();
			await settle();
			assert.equal(started(asks), 5, 'one slot freed, one waiter in');
			assert.equal(pacer.pace, undefined, 'no pace before a 429');
		});

		it('one round trip of 4 successes doubles the requests in flight to 8', async () => {
			const pacer = new Pacer();
			const firstRound = Array.from({ length: 4 }, () => ask(pacer));
			await settle();
			assert.equal(started(firstRound), 4);
			for (let index = 0; index < 4; index++) {
				pacer.succeeded();
				pacer.release();
			}
			const secondRound = Array.from({ length: 9 }, () => ask(pacer));
			await settle();
			assert.equal(started(secondRound), 8);
		});

		it('never more than 200 in flight for one credential, API and host, however many succeed', async () => {
			assert.equal(PROCESS_MAX_IN_FLIGHT, 200);
			const pacer = new Pacer();
			for (let index = 0; index < 200; index++) {
				await pacer.acquire();
				pacer.succeeded();
			}
			succeed(pacer, 50);
			const extra = ask(pacer, '201st');
			await settle();
			assert.equal(extra.startedAt, undefined, 'the 201st waits while 200 are in flight');
			pacer.release();
			await settle();
			assert.equal(extra.startedAt, 0, 'and takes the slot the first release frees');
		});

		it('a pacer with a smaller ceiling starts at that ceiling', async () => {
			const pacer = new Pacer(2);
			const asks = Array.from({ length: 3 }, () => ask(pacer));
			await settle();
			assert.equal(started(asks), 2);
		});
	});

	describe('the pace after a 429', () => {
		const cases: Array<{ name: string; accepted: number; pace: number }> = [
			{ name: '10 accepted in the second before: 8 a second (80 %)', accepted: 10, pace: 8 },
			{ name: '5 accepted: 4 a second', accepted: 5, pace: 4 },
			{ name: '1 accepted: 0.8 a second', accepted: 1, pace: 0.8 },
			{ name: 'none accepted: as if 1 had been, 0.8 a second', accepted: 0, pace: 0.8 },
		];
		for (const { name, accepted, pace } of cases) {
			it(name, () => {
				const pacer = new Pacer();
				succeed(pacer, accepted);
				pacer.throttled();
				assert.equal(pacer.pace, pace);
			});
		}

		it('only the successes of the last second count as the accepted rate', () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			clock.advance(1500);
			succeed(pacer, 3);
			pacer.throttled();
			assert.ok(Math.abs(pacer.pace! - 2.4) < 1e-9, `pace ${pacer.pace}`);
		});

		it('paced requests start 1000/pace ms apart (8 a second: 125 ms)', async () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled();
			const times: number[] = [];
			for (let index = 0; index < 4; index++) {
				await pacer.acquire();
				times.push(clock.nowMs - NOW);
				pacer.release();
			}
			assert.deepEqual(times, [0, 125, 250, 375]);
		});

		it('the requests in flight drop to the pace, rounded up (2.4 a second: 3)', async () => {
			const pacer = new Pacer();
			succeed(pacer, 3);
			pacer.throttled();
			const asks = Array.from({ length: 4 }, () => ask(pacer));
			await settle();
			clock.advance(10_000);
			await settle();
			assert.equal(started(asks), 3);
		});

		it('429s within a second of the slow-down answer requests sent before it: the pace is not lowered again', () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled();
			clock.advance(999);
			pacer.throttled();
			assert.equal(pacer.pace, 8);
		});

		it('429s a second apart with nothing accepted lower the pace to the floor of one request every 5 s, no lower', () => {
			// Four queue-mode workers each pace themselves: a floor of 1 a second put four of them
			// past an Event Gateway taking 5 a second (issue 26).
			const pacer = new Pacer();
			const paces: number[] = [];
			for (let index = 0; index < 10; index++) {
				pacer.throttled();
				paces.push(Math.round(pacer.pace! * 1000) / 1000);
				clock.advance(1001);
			}
			assert.deepEqual(paces, [0.8, 0.64, 0.512, 0.41, 0.328, 0.262, 0.21, 0.2, 0.2, 0.2]);
		});

		it('a 429 a second or more after the slow-down lowers the pace again, to 80 % of the lower of pace and accepted', () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled();
			// Past the second: the 10 before the first 429 no longer count.
			clock.advance(1001);
			succeed(pacer, 5);
			pacer.throttled();
			assert.equal(pacer.pace, 4);
		});
	});

	describe('the Retry-After pause', () => {
		it('holds every new request until the pause ends', async () => {
			const pacer = new Pacer();
			pacer.throttled(5000);
			await pacer.acquire();
			assert.equal(clock.nowMs - NOW, 5000);
		});

		it('a later, shorter Retry-After does not shorten it', async () => {
			const pacer = new Pacer();
			pacer.throttled(5000);
			pacer.throttled(1000);
			await pacer.acquire();
			assert.equal(clock.nowMs - NOW, 5000);
		});

		it('a later 429 within the same second still extends it, though the pace stays', async () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled(1000);
			clock.advance(200);
			pacer.throttled(3000);
			assert.equal(pacer.pace, 8);
			await pacer.acquire();
			assert.equal(clock.nowMs - NOW, 3200);
		});

		it('is capped by Max Back-Off: Retry-After one day, Max Back-Off 30 s, the run resumes after 30 s', async () => {
			// The cap is applied by the retry decision (runPauseMs), which the attempt loop hands
			// to the pacer (delivery/attempts.ts): both are pure, so they are joined here.
			const node = UNIT_NODE;
			const throttled = alexaApiError(
				node,
				'eventGateway',
				{ statusCode: 429, headers: { 'retry-after': '86400' }, body: {} },
				0,
			);
			const decision = decideAfterFailure(
				withUserLimits(RETRY_POLICY.eventGateway, 3, 30_000),
				throttled,
				{
					resends: 0,
					tokenRefreshed: false,
					canRefreshToken: true,
					method: 'POST',
				},
			);
			assert.equal(decision.kind, 'resend');
			assert.ok(decision.kind === 'resend' && decision.throttled);
			const pacer = new Pacer();
			pacer.throttled(decision.runPauseMs);
			await pacer.acquire();
			assert.equal(clock.nowMs - NOW, 30_000);
		});

		it('an attempt whose Max Wait ends inside the pause fails with WaitedTooLong, unsent, without waiting out the pause', async () => {
			const pacer = new Pacer();
			pacer.throttled(60_000);
			await assert.rejects(pacer.acquire(NOW + 10_000), (error: unknown) => {
				assert.ok(error instanceof WaitedTooLong);
				assert.equal(error.waiting, 1);
				return true;
			});
			assert.ok(clock.nowMs - NOW <= 10_001, `gave up at ${clock.nowMs - NOW} ms`);
			assert.ok(pacer.idle, 'the failed attempt holds no slot');
		});
	});

	describe('the pace recovering', () => {
		it('with nothing accepted to go by (a storm of 429s), a quiet second raises the pace by 1 a second', () => {
			const pacer = new Pacer();
			pacer.throttled();
			clock.advance(1000);
			pacer.succeeded();
			assert.equal(pacer.pace, 1.8);
		});

		it('near the rate Alexa last accepted the pace rises by 2 % only', () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled();
			clock.advance(1000);
			pacer.succeeded();
			assert.ok(Math.abs(pacer.pace! - 8.16) < 1e-9, `pace ${pacer.pace}`);
		});

		it('1 accepted before the 429 is a rate to go by: the pace rises by 0.05 a second, not by 1 (four workers would add 4 a second)', () => {
			const pacer = new Pacer();
			succeed(pacer, 1);
			pacer.throttled();
			clock.advance(1000);
			pacer.succeeded();
			assert.ok(Math.abs(pacer.pace! - 0.85) < 1e-9, `pace ${pacer.pace}`);
		});

		it('a 429 after a second with no success keeps the rate accepted before it', () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled(1000);
			clock.advance(1001);
			// The first request after the pause is refused again: nothing in the last second.
			pacer.throttled(1000);
			assert.ok(Math.abs(pacer.pace! - 0.8) < 1e-9, `pace ${pacer.pace}`);
			clock.advance(1000);
			pacer.succeeded();
			// Far below the 10 accepted before: back up by 1 a second...
			assert.ok(Math.abs(pacer.pace! - 1.8) < 1e-9, `pace ${pacer.pace}`);
			for (let second = 0; second < 10; second++) {
				clock.advance(1000);
				pacer.succeeded();
			}
			// ...to 80 % of it (8), then by 2 % a second: 8 × 1.02 × 1.02 × 1.02.
			assert.ok(Math.abs(pacer.pace! - 8 * 1.02 ** 3) < 1e-9, `pace ${pacer.pace}`);
		});

		it('past 120 % of the rate last accepted, 30 s after the last 429, the pace climbs by 25 % a second', () => {
			const pacer = new Pacer();
			succeed(pacer, 5);
			pacer.throttled();
			let pace = pacer.pace!;
			for (let second = 1; second <= 40; second++) {
				clock.advance(1000);
				pacer.succeeded();
				const step = pacer.pace! - pace;
				pace = pacer.pace!;
				if (second === 30) assert.ok(pace >= 6, `pace after 30 s: ${pace}`);
				if (second > 30)
					assert.ok(Math.abs(step - (pace - step) * 0.25) < 1e-9, `step ${step} at ${pace}`);
			}
		});

		it('the pace rises at most once a second', () => {
			const pacer = new Pacer();
			pacer.throttled();
			clock.advance(1000);
			pacer.succeeded();
			clock.advance(500);
			pacer.succeeded();
			assert.equal(pacer.pace, 1.8);
		});

		it('a pace nothing used for 30 s is forgotten: the next request starts with slow start', async () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled();
			clock.advance(30_000);
			await pacer.acquire();
			assert.equal(pacer.pace, undefined);
		});

		it('a pace used within 30 s is kept', async () => {
			const pacer = new Pacer();
			succeed(pacer, 10);
			pacer.throttled();
			clock.advance(29_999);
			await pacer.acquire();
			assert.equal(pacer.pace, 8);
		});
	});

	describe('slots in the order they were asked for', () => {
		it('waiters for a free slot get it first come, first served', async () => {
			const pacer = new Pacer();
			const order: string[] = [];
			for (const label of ['a', 'b', 'c', 'd']) ask(pacer, label, undefined, order);
			await settle();
			for (const label of ['e', 'f', 'g']) ask(pacer, label, undefined, order);
			await settle();
			for (let index = 0; index < 3; index++) {
				pacer.release();
				await settle();
			}
			assert.deepEqual(order, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
		});

		it('under a pace, waiters start in the order they asked, each 1000/pace ms after the one before', async () => {
			const pacer = new Pacer();
			succeed(pacer, 5);
			pacer.throttled();
			const order: string[] = [];
			const asks = ['a', 'b', 'c', 'd', 'e'].map((label) => ask(pacer, label, undefined, order));
			// Each request is answered as soon as it starts, so only the pace holds the others back.
			let released = 0;
			for (let round = 0; round < 20 && order.length < asks.length; round++) {
				await settle();
				for (; released < started(asks); released++) pacer.release();
			}
			assert.deepEqual(order, ['a', 'b', 'c', 'd', 'e']);
			assert.deepEqual(
				asks.map((entry) => entry.startedAt),
				[0, 250, 500, 750, 1000],
			);
		});

		it('an attempt sent again after a 429 asks anew, behind those already waiting', async () => {
			const pacer = new Pacer(1);
			const order: string[] = [];
			await pacer.acquire();
			ask(pacer, 'waiting 1', undefined, order);
			ask(pacer, 'waiting 2', undefined, order);
			await settle();
			// The attempt in flight got a 429: it gives its slot back and asks again.
			pacer.release();
			ask(pacer, 'resent', undefined, order);
			await settle();
			pacer.release();
			await settle();
			pacer.release();
			await settle();
			assert.deepEqual(order, ['waiting 1', 'waiting 2', 'resent']);
		});
	});
});

describe("RunSlots (one run's Max Requests in Flight)", () => {
	it('lets in at most its maximum, and passes a freed slot to the first waiter', async () => {
		const slots = new RunSlots(2);
		const order: string[] = [];
		for (const label of ['a', 'b', 'c', 'd']) void slots.acquire().then(() => order.push(label));
		await settle();
		assert.deepEqual(order, ['a', 'b']);
		slots.release();
		await settle();
		assert.deepEqual(order, ['a', 'b', 'c']);
		slots.release();
		await settle();
		assert.deepEqual(order, ['a', 'b', 'c', 'd']);
	});
});

describe('pacerFor (one pacer per credential, API and host in the process)', () => {
	it('the same key gives the same pacer, another key another', () => {
		assert.equal(
			pacerFor('client-1 eventGateway api.amazonalexa.com'),
			pacerFor('client-1 eventGateway api.amazonalexa.com'),
		);
		assert.notEqual(
			pacerFor('client-1 eventGateway api.amazonalexa.com'),
			pacerFor('client-2 eventGateway api.amazonalexa.com'),
		);
		assert.equal(pacerCount(), 2);
	});

	it('a pacer nobody used for 10 minutes is dropped at a later lookup', () => {
		pacerFor('old');
		clock.advance(10 * 60_000);
		pacerFor('new');
		assert.equal(pacerCount(), 1);
	});

	it('a pacer used within 10 minutes is kept', () => {
		pacerFor('recent');
		clock.advance(10 * 60_000 - 1);
		pacerFor('new');
		assert.equal(pacerCount(), 2);
	});
});
