import { REPLAY_MEMORY, REQUEST_TYPES_WITH_SKILL_EVENT_TOLERANCE } from './amazonRules';
import { BoundedCache } from '../../Alexa/shared/util/boundedCache';
import { acceptedUntil } from './requestTimestamp';

export interface ReplayCapacities {
	requestIds: number;
	skillEventIds: number;
}

/** Why a request is refused (`reason`, nothing from the request) and what only the log gets. */
export interface Replay {
	reason: string;
	detail: string;
}

/**
 * The requestIds of requests that passed every other check, each with the last moment its
 * timestamp is accepted (`acceptedUntil`): until then the same id again is a replay; after it,
 * the timestamp check refuses the request anyway and the id is forgotten. Two pools, one per
 * tolerance, each in the order ids came in, which is nearly the order they expire in: the
 * expired ones are dropped from the front, and a full pool lets its oldest id go.
 */
export class SeenRequests {
	private readonly requests: BoundedCache<number>;
	private readonly skillEvents: BoundedCache<number>;

	constructor(capacities: ReplayCapacities = REPLAY_MEMORY) {
		this.requests = new BoundedCache(capacities.requestIds);
		this.skillEvents = new BoundedCache(capacities.skillEventIds);
	}

	/**
	 * For a verified request: a Replay when its requestId was accepted and its window has not
	 * passed; otherwise the id is remembered and the answer is undefined. Reads and writes in one
	 * step, with no wait in between, so that two copies arriving together cannot both pass.
	 */
	admit(
		requestId: string,
		requestType: string,
		timestamp: string,
		now: number,
	): Replay | undefined {
		for (const pool of [this.requests, this.skillEvents])
			pool.deleteOldestWhile((until) => until < now);
		for (const pool of [this.requests, this.skillEvents]) {
			const until = pool.peek(requestId);
			if (until === undefined) continue;
			if (until >= now) {
				return {
					reason: 'the request was already received (its requestId was seen before)',
					detail: `${requestType} ${requestId}, remembered for ${Math.ceil((until - now) / 1000)} s more`,
				};
			}
			pool.delete(requestId);
		}
		const pool = REQUEST_TYPES_WITH_SKILL_EVENT_TOLERANCE.has(requestType)
			? this.skillEvents
			: this.requests;
		pool.set(requestId, acceptedUntil(requestType, timestamp));
		return undefined;
	}

	/** How many ids are remembered, in both pools. */
	get size(): number {
		return this.requests.size + this.skillEvents.size;
	}
}

/**
 * The process's memory: n8n in queue mode with several webhook processes has one per process,
 * and a request replayed to another process is not caught.
 */
let seen = new SeenRequests();

export function admitRequest(
	requestId: string,
	requestType: string,
	timestamp: string,
	now: number,
): Replay | undefined {
	return seen.admit(requestId, requestType, timestamp, now);
}

/** For tests: start from an empty memory, with other caps if given. */
export function forgetSeenRequests(capacities: ReplayCapacities = REPLAY_MEMORY): void {
	seen = new SeenRequests(capacities);
}

/** For tests: how many requestIds the process remembers. */
export function seenRequestCount(): number {
	return seen.size;
}
