/**
 * An attempt that waited its whole Max Wait without a slot (delivery/pacer.ts): it was not sent.
 * It lives here, below the send path, because the item's error is made from it
 * (errors/safeErrors.ts) as well as raised by the pacer.
 */
export class WaitedTooLong extends Error {
	constructor(
		readonly waitedMs: number,
		/** Attempts that were waiting for the same credential, API and host at that moment, this one included. */
		readonly waiting: number,
	) {
		super('No slot within the Max Wait');
		this.name = 'WaitedTooLong';
	}
}
