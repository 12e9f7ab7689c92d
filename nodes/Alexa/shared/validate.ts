import {
	NodeOperationError,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

/**
 * Input checks run as `preSend` hooks, before anything is sent. A failed check does not throw
 * from the hook: it is recorded against the item's request and against the node run, and the
 * delivery step (delivery.ts) turns it into the item's error. That way a bad item still comes
 * out as an error item with its `pairedItem`, and, unless "Continue On Fail" is on, no item of
 * the run is sent at all.
 */

/** A problem with one field of one item's input. */
export class InputProblem extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly hint: string,
	) {
		super(`${field} ${problem}`);
	}
}

const rejectedRequests = new WeakMap<object, NodeOperationError>();

/**
 * Runs `build` (the checks, then the body it prepares) for one item. The runner
 * (operationRunner.ts) runs every item's hooks before it sends anything, which is what lets
 * one bad item hold back the whole run.
 */
export function checkInput(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	build: () => void,
): IHttpRequestOptions {
	try {
		build();
	} catch (error) {
		const itemIndex = context.getItemIndex();
		if (!(error instanceof InputProblem)) {
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		const rejection = new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex}: ${error.field} ${error.problem}`,
			{ itemIndex, description: `${error.hint} Nothing was sent for this item.` },
		);
		rejectedRequests.set(options, rejection);
	}
	return options;
}

export function rejectionOf(options: object): NodeOperationError | undefined {
	return rejectedRequests.get(options);
}

export function requireNonEmptyString(field: string, value: unknown, hint: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputProblem(field, 'is empty; it is required', hint);
	}
	return value.trim();
}

export function requireIntegerInRange(
	field: string,
	value: unknown,
	min: number,
	max: number,
): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(value)}; it must be a whole number from ${min} to ${max}`,
			`Set ${field} to a whole number between ${min} and ${max}.`,
		);
	}
	return value;
}

/** A JSON field's value as an object: n8n hands over JSON parameters as text or already parsed. */
export function requireJsonObject(field: string, value: unknown): Record<string, unknown> {
	let parsed = value;
	let parseFailure: string | undefined;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch (error) {
			parseFailure = (error as Error).message;
		}
	}
	if (parseFailure !== undefined) {
		throw new InputProblem(
			field,
			`is not valid JSON (${parseFailure})`,
			`Write ${field} as a JSON object, for example {"key": "value"}.`,
		);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InputProblem(
			field,
			`must be a JSON object; it is ${Array.isArray(parsed) ? 'an array' : typeof parsed}`,
			`Write ${field} as a JSON object, for example {"key": "value"}.`,
		);
	}
	return parsed as Record<string, unknown>;
}

export function utf8Bytes(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}
