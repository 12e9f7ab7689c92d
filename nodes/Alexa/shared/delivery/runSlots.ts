/**
 * One run's own limit on its requests in flight (its Max Requests in Flight), taken before the
 * shared pacer's slot, in the order the attempts asked. Only a count and its waiters: the pace is
 * the pacer's.
 */
export class RunSlots {
	private active = 0;
	/** Attempts waiting, in the order they asked: a freed slot passes to the first, so none is overtaken. */
	private readonly waiting: Array<() => void> = [];

	constructor(readonly max: number) {}

	async acquire(): Promise<void> {
		if (this.active < this.max && this.waiting.length === 0) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}
}
