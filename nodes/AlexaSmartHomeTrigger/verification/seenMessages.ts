import { BoundedCache } from '../../Alexa/shared/util/boundedCache';
import { MESSAGE_ID_MEMORY } from './relayRules';

/**
 * The messageIds of directives admitted by this process, each with the moment its timestamp
 * leaves the window (after which the timestamp check refuses a copy anyway, and the id is
 * forgotten). Ids come in nearly in the order they expire, so the expired ones are dropped from
 * the front; a full memory lets its oldest id go. Per process: n8n in queue mode with several
 * webhook processes keeps one each, and a copy sent to another process is not caught.
 */
export class SeenMessages {
	private readonly expiries: BoundedCache<number>;

	constructor(capacity: number = MESSAGE_ID_MEMORY) {
		this.expiries = new BoundedCache(capacity);
	}

	/** True, and the id remembered, when it was not seen within its window; read and written in one step. */
	admit(messageId: string, expiresAt: number, now: number): boolean {
		this.expiries.deleteOldestWhile((until) => until < now);
		const until = this.expiries.peek(messageId);
		if (until !== undefined && until >= now) return false;
		this.expiries.set(messageId, expiresAt);
		return true;
	}

	get size(): number {
		return this.expiries.size;
	}
}

let seen = new SeenMessages();

export function admitMessage(messageId: string, expiresAt: number, now: number): boolean {
	return seen.admit(messageId, expiresAt, now);
}

/** For tests: start from an empty memory, with another capacity if given. */
export function forgetSeenMessages(capacity: number = MESSAGE_ID_MEMORY): void {
	seen = new SeenMessages(capacity);
}

/** For tests: how many messageIds the process remembers. */
export function seenMessageCount(): number {
	return seen.size;
}
