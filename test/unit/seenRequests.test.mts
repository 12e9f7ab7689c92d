/**
 * The replay rule (nodes/AlexaTrigger/verification/seenRequests.ts) against a clock the table
 * sets: a requestId the trigger has verified is refused again until its timestamp's tolerance
 * has passed (150 s, or an hour for the five skill events: requestTimestamp.ts), then forgotten;
 * the memory holds at most REPLAY_MEMORY ids (amazonRules.ts, decision 8). Amazon's page gives
 * the timestamp check as the protection against replayed requests; within the window it is none,
 * hence this memory. The rule is only asked about requests that passed every other
 * check (verifyRequest.ts), so the timestamps here are ones the timestamp check accepted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { REPLAY_MEMORY } from '../../nodes/AlexaTrigger/verification/amazonRules.ts';
import { BoundedCache } from '../../nodes/Alexa/shared/util/boundedCache.ts';
import {
	SeenRequests,
	type ReplayCapacities,
} from '../../nodes/AlexaTrigger/verification/seenRequests.ts';

const NOW = Date.UTC(2026, 11, 6, 7, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

const LAUNCH = 'LaunchRequest';
const INTENT = 'IntentRequest';
const SKILL_ENABLED = 'AlexaSkillEvent.SkillEnabled';
const ACCOUNT_LINKED = 'AlexaSkillEvent.SkillAccountLinked';
/** A skill event that is not one of the five: 150 s like any request. */
const SUBSCRIPTION_CHANGED = 'AlexaSkillEvent.ProactiveSubscriptionChanged';

interface Step {
	id: string;
	type?: string;
	/** When the request says it was sent, from NOW. */
	sent?: number;
	/** When it arrives (the node's clock), from NOW; by default when it was sent. */
	arrives?: number;
	then: 'accepted' | 'replay';
}

interface Case {
	name: string;
	capacities?: ReplayCapacities;
	steps: Step[];
	/** How many ids are remembered after the last step. */
	remembered?: number;
}

const cases: Case[] = [
	{
		name: 'a new requestId is accepted and remembered',
		steps: [{ id: 'A', then: 'accepted' }],
		remembered: 1,
	},
	{
		name: 'the same requestId again at once is a replay',
		steps: [
			{ id: 'A', then: 'accepted' },
			{ id: 'A', then: 'replay' },
		],
		remembered: 1,
	},
	{
		name: 'two different requestIds are both accepted',
		steps: [
			{ id: 'A', then: 'accepted' },
			{ id: 'B', then: 'accepted' },
		],
		remembered: 2,
	},
	{
		name: 'a replay exactly 150 s after the timestamp (the timestamp check still accepts it) is refused',
		steps: [
			{ id: 'A', then: 'accepted' },
			{ id: 'A', arrives: 150 * SECOND, then: 'replay' },
		],
	},
	{
		name: '1 ms later the id is forgotten (the timestamp check refuses that copy; a newly signed one passes)',
		steps: [
			{ id: 'A', then: 'accepted' },
			{ id: 'A', sent: 150 * SECOND + 1, arrives: 150 * SECOND + 1, then: 'accepted' },
		],
		remembered: 1,
	},
	{
		name: 'the window is counted from the timestamp, not the arrival: sent 100 s before it arrived, forgotten 50 s after',
		steps: [
			{ id: 'A', sent: -100 * SECOND, arrives: 0, then: 'accepted' },
			{ id: 'A', sent: -100 * SECOND, arrives: 50 * SECOND, then: 'replay' },
			{ id: 'B', sent: 51 * SECOND, arrives: 51 * SECOND, then: 'accepted' },
		],
		remembered: 1,
	},
	{
		name: 'a timestamp 150 s ahead (clocks differ) is remembered until 150 s after it, 300 s from its arrival',
		steps: [
			{ id: 'A', sent: 150 * SECOND, arrives: 0, then: 'accepted' },
			{ id: 'A', sent: 150 * SECOND, arrives: 300 * SECOND, then: 'replay' },
		],
	},
	{
		name: 'a skill event with the hour is refused again 50 minutes later',
		steps: [
			{ id: 'E', type: SKILL_ENABLED, then: 'accepted' },
			{ id: 'E', type: SKILL_ENABLED, arrives: 50 * MINUTE, then: 'replay' },
			{ id: 'E', type: SKILL_ENABLED, arrives: 60 * MINUTE, then: 'replay' },
		],
	},
	{
		name: 'a skill event with the hour is forgotten 1 ms after its hour',
		steps: [
			{ id: 'E', type: ACCOUNT_LINKED, then: 'accepted' },
			{
				id: 'E',
				type: ACCOUNT_LINKED,
				sent: 60 * MINUTE + 1,
				arrives: 60 * MINUTE + 1,
				then: 'accepted',
			},
		],
	},
	{
		name: 'ProactiveSubscriptionChanged gets 150 s, not the hour',
		steps: [
			{ id: 'P', type: SUBSCRIPTION_CHANGED, then: 'accepted' },
			{ id: 'P', type: SUBSCRIPTION_CHANGED, arrives: 150 * SECOND, then: 'replay' },
			{
				id: 'P',
				type: SUBSCRIPTION_CHANGED,
				sent: 151 * SECOND,
				arrives: 151 * SECOND,
				then: 'accepted',
			},
		],
	},
	{
		name: 'the requestId alone is the key: the same id as another request type is refused',
		steps: [
			{ id: 'A', type: LAUNCH, then: 'accepted' },
			{ id: 'A', type: INTENT, then: 'replay' },
			{ id: 'A', type: SKILL_ENABLED, then: 'replay' },
		],
		remembered: 1,
	},
	{
		name: 'a skill event id is found when the same id comes as another type',
		steps: [
			{ id: 'E', type: SKILL_ENABLED, then: 'accepted' },
			{ id: 'E', type: INTENT, then: 'replay' },
		],
		remembered: 1,
	},
	{
		name: 'ids whose window has passed leave the memory at the next request',
		steps: [
			{ id: 'A', then: 'accepted' },
			{ id: 'B', then: 'accepted' },
			{ id: 'E', type: SKILL_ENABLED, then: 'accepted' },
			{ id: 'C', sent: 151 * SECOND, arrives: 151 * SECOND, then: 'accepted' },
		],
		remembered: 2,
	},
	{
		name: 'at the cap the oldest id goes first: its replay passes, a newer one is still refused',
		capacities: { requestIds: 3, skillEventIds: 2 },
		steps: [
			{ id: '1', then: 'accepted' },
			{ id: '2', then: 'accepted' },
			{ id: '3', then: 'accepted' },
			{ id: '4', then: 'accepted' },
			{ id: '4', then: 'replay' },
			{ id: '2', then: 'replay' },
			{ id: '1', then: 'accepted' },
		],
		remembered: 3,
	},
	{
		name: 'a refused replay records nothing and evicts nothing',
		capacities: { requestIds: 2, skillEventIds: 2 },
		steps: [
			{ id: '1', then: 'accepted' },
			{ id: '2', then: 'accepted' },
			{ id: '1', then: 'replay' },
			// 1 is still the oldest: the replay did not mark it used, so 3 pushes it out, not 2.
			{ id: '3', then: 'accepted' },
			{ id: '2', then: 'replay' },
			{ id: '1', then: 'accepted' },
		],
		remembered: 2,
	},
	{
		name: 'skill events have a pool of their own: many requests do not push them out',
		capacities: { requestIds: 2, skillEventIds: 1 },
		steps: [
			{ id: 'E', type: SKILL_ENABLED, then: 'accepted' },
			{ id: '1', then: 'accepted' },
			{ id: '2', then: 'accepted' },
			{ id: '3', then: 'accepted' },
			{ id: 'E', type: SKILL_ENABLED, arrives: 30 * MINUTE, then: 'replay' },
		],
	},
];

describe('Replay rule (now fixed at 2026-12-06T07:00:00Z)', () => {
	for (const { name, capacities, steps, remembered } of cases) {
		it(name, () => {
			const seen = new SeenRequests(capacities ?? REPLAY_MEMORY);
			steps.forEach(({ id, type = LAUNCH, sent = 0, arrives = sent, then }, index) => {
				const replay = seen.admit(`amzn1.echo-api.request.${id}`, type, at(sent), NOW + arrives);
				assert.equal(replay ? 'replay' : 'accepted', then, `step ${index + 1} (${id})`);
			});
			if (remembered !== undefined) assert.equal(seen.size, remembered);
		});
	}

	it('the reason names the check and holds nothing from the request; the log detail has the id', () => {
		const seen = new SeenRequests();
		const id = 'amzn1.echo-api.request.7f3a';
		seen.admit(id, INTENT, at(0), NOW);
		const replay = seen.admit(id, INTENT, at(0), NOW + 10 * SECOND);
		assert.ok(replay);
		assert.equal(replay.reason, 'the request was already received (its requestId was seen before)');
		assert.ok(!replay.reason.includes('7f3a') && !replay.reason.includes(INTENT));
		assert.equal(replay.detail, `${INTENT} ${id}, remembered for 140 s more`);
	});

	it(`holds at most ${REPLAY_MEMORY.requestIds} ids of requests and ${REPLAY_MEMORY.skillEventIds} of skill events, however many arrive`, () => {
		const seen = new SeenRequests();
		const more = 1_000;
		for (let index = 0; index < REPLAY_MEMORY.requestIds + more; index++)
			assert.equal(seen.admit(`request-${index}`, INTENT, at(0), NOW), undefined);
		assert.equal(seen.size, REPLAY_MEMORY.requestIds);
		for (let index = 0; index < REPLAY_MEMORY.skillEventIds + more; index++)
			assert.equal(seen.admit(`event-${index}`, SKILL_ENABLED, at(0), NOW), undefined);
		assert.equal(seen.size, REPLAY_MEMORY.requestIds + REPLAY_MEMORY.skillEventIds);
		// The newest are the ones kept.
		assert.ok(seen.admit(`request-${REPLAY_MEMORY.requestIds + more - 1}`, INTENT, at(0), NOW));
		assert.equal(seen.admit('request-0', INTENT, at(0), NOW), undefined);
	});

	it('the caps are the ones decision 8 gives', () => {
		assert.deepEqual(REPLAY_MEMORY, { requestIds: 100_000, skillEventIds: 10_000 });
	});
});

describe('BoundedCache: what the replay memory adds', () => {
	it('peek reads without marking the entry used', () => {
		const cache = new BoundedCache<number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		assert.equal(cache.peek('a'), 1);
		cache.set('c', 3);
		assert.equal(cache.peek('a'), undefined, 'a was still the least recently used');
		assert.equal(cache.peek('b'), 2);
	});

	it('deleteOldestWhile deletes from the oldest on and stops at the first entry to keep', () => {
		const cache = new BoundedCache<number>(10);
		for (const [key, value] of [
			['a', 1],
			['b', 2],
			['c', 9],
			['d', 1],
		] as const)
			cache.set(key, value);
		cache.deleteOldestWhile((value) => value < 5);
		assert.equal(cache.size, 2);
		assert.equal(cache.peek('c'), 9);
		assert.equal(cache.peek('d'), 1, 'behind one to keep, an old entry waits for its turn');
	});
});
