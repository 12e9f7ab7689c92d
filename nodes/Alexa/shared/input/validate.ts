/**
 * Input checks, run by each operation's planner before anything is sent. A failed check throws
 * `InputProblem`; the runner (delivery/runner.ts) checks every item first and turns a problem
 * into the item's error, naming the item, the field and what to do. So a bad item still comes out
 * as an error item with its `pairedItem`, and, unless "Continue On Fail" is on, no item of the run
 * is sent at all.
 */

import { NodeOperationError, type INode } from 'n8n-workflow';

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

/**
 * An input check that failed, as the item's error: the item, the field and what to do, then
 * what the node did not do because of it (nothing sent, no response built).
 */
export function inputRejection(
	node: INode,
	itemIndex: number,
	problem: InputProblem,
	consequence: string,
): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex}: ${problem.field} ${problem.problem}`, {
		itemIndex,
		description: `${problem.hint} ${consequence}`,
	});
}

export function requireNonEmptyString(field: string, value: unknown, hint: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new InputProblem(field, 'is empty; it is required', hint);
	}
	return value.trim();
}

/** An optional text field: `undefined` when it is empty, its trimmed text otherwise. */
function optionalText(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') {
		throw new InputProblem(
			field,
			`is a ${typeof value}; it must be text`,
			`Give ${field} as text, or leave it empty.`,
		);
	}
	const text = value.trim();
	return text === '' ? undefined : text;
}

/**
 * An optional absolute URL (scheme included), as OAuth2 wants a redirect URI: RFC 6749 §3.1.2
 * also forbids a fragment. The text is returned as given, not normalised, because the token
 * request must repeat it exactly.
 */
export function optionalAbsoluteUrl(
	field: string,
	value: unknown,
	hint: string,
): string | undefined {
	const text = optionalText(field, value);
	if (text === undefined) return undefined;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url)
		throw new InputProblem(
			field,
			`"${text}" is not an absolute URL (it needs a scheme, such as https://)`,
			hint,
		);
	if (text.includes('#'))
		throw new InputProblem(
			field,
			`"${text}" has a fragment (#…); a redirect URI may not have one`,
			hint,
		);
	return text;
}

/** RFC 7636 §4.1: a PKCE code verifier is 43 to 128 unreserved characters. */
export const CODE_VERIFIER_MIN_LENGTH = 43;
export const CODE_VERIFIER_MAX_LENGTH = 128;
const CODE_VERIFIER_CHARACTER = /^[A-Za-z0-9\-._~]$/;

/** An optional PKCE code verifier. It is a secret: no message repeats any of it. */
export function optionalCodeVerifier(
	field: string,
	value: unknown,
	hint: string,
): string | undefined {
	if (optionalText(field, value) === undefined) return undefined;
	// Not trimmed: a space or line break copied with the verifier is named as the wrong character
	// it is, rather than showing up as a wrong length.
	const verifier = value as string;
	if (verifier.length < CODE_VERIFIER_MIN_LENGTH || verifier.length > CODE_VERIFIER_MAX_LENGTH) {
		throw new InputProblem(
			field,
			`is ${verifier.length} characters; PKCE allows ${CODE_VERIFIER_MIN_LENGTH} to ${CODE_VERIFIER_MAX_LENGTH} characters`,
			hint,
		);
	}
	const wrong = [...verifier].findIndex((character) => !CODE_VERIFIER_CHARACTER.test(character));
	if (wrong !== -1) {
		throw new InputProblem(
			field,
			`has a character PKCE does not allow at position ${wrong + 1}; only A–Z, a–z, 0–9 and - . _ ~ are allowed`,
			hint,
		);
	}
	return verifier;
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
	const parsed = parseJsonField(field, value, 'a JSON object, for example {"key": "value"}');
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InputProblem(
			field,
			`must be a JSON object; it is ${Array.isArray(parsed) ? 'an array' : typeof parsed}`,
			`Write ${field} as a JSON object, for example {"key": "value"}.`,
		);
	}
	return parsed as Record<string, unknown>;
}

/** A JSON field's value as an array, given as text or already parsed. */
export function requireJsonArray(field: string, value: unknown, example: string): unknown[] {
	const parsed = parseJsonField(field, value, `a JSON array, for example ${example}`);
	if (!Array.isArray(parsed)) {
		throw new InputProblem(
			field,
			`must be a JSON array; it is ${parsed === null ? 'null' : typeof parsed}`,
			`Write ${field} as a JSON array, for example ${example}.`,
		);
	}
	return parsed;
}

/** JSON text parsed, or an input problem naming the field and what to write; a value that is not text is taken as it is. */
export function parseJsonField(field: string, value: unknown, expected: string): unknown {
	if (typeof value !== 'string') return value;
	let parseFailure: string | undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		parseFailure = (error as Error).message;
	}
	throw new InputProblem(
		field,
		`is not valid JSON (${parseFailure})`,
		`Write ${field} as ${expected}.`,
	);
}

/**
 * The keys of the top-level object in valid JSON text, in order and with repeats: `JSON.parse`
 * keeps only the last value of a repeated key and gives no sign that there was another.
 */
export function jsonObjectKeys(text: string): string[] {
	const keys: string[] = [];
	let depth = 0;
	let keyNext = false;
	for (let index = 0; index < text.length; index++) {
		const character = text[index];
		if (character === '"') {
			let end = index + 1;
			while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
			if (depth === 1 && keyNext) keys.push(JSON.parse(text.slice(index, end + 1)) as string);
			keyNext = false;
			index = end;
		} else if (character === '{' || character === '[') {
			depth++;
			keyNext = depth === 1 && character === '{';
		} else if (character === '}' || character === ']') {
			depth--;
		} else if (character === ',' && depth === 1) {
			keyNext = true;
		}
	}
	return keys;
}

export function utf8Bytes(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** A comma-separated list, each entry trimmed, empty entries left out. */
export function commaSeparated(text: string): string[] {
	return text
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}
