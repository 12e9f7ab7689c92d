/**
 * A map that holds at most `capacity` entries and lets the least recently used one go first.
 * Every cache the trigger fills from requests off the internet is one of these, so that no
 * sequence of requests can make it grow without end.
 */
export class BoundedCache<Value> {
	private readonly entries = new Map<string, Value>();

	constructor(private readonly capacity: number) {}

	get(key: string): Value | undefined {
		const value = this.entries.get(key);
		if (value === undefined) return undefined;
		// A Map keeps insertion order: moving the entry to the end marks it most recently used.
		this.entries.delete(key);
		this.entries.set(key, value);
		return value;
	}

	/** The value, without marking it used. */
	peek(key: string): Value | undefined {
		return this.entries.get(key);
	}

	set(key: string, value: Value): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		while (this.entries.size > this.capacity)
			this.entries.delete(this.entries.keys().next().value as string);
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	/** Deletes entries from the least recently used on, as long as `done(value)` holds; stops at the first that is not. */
	deleteOldestWhile(done: (value: Value) => boolean): void {
		for (const [key, value] of this.entries) {
			if (!done(value)) return;
			this.entries.delete(key);
		}
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
	}
}
