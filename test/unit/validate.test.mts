/**
 * The input checks (nodes/Alexa/shared/input/validate.ts), each exported one with values it
 * accepts and values it refuses. A refusal is an InputProblem that names the field and the limit,
 * since the runner turns it into the item's error as "Item N: <field> <problem>" with the hint as
 * the description. Where a limit is Amazon's or an RFC's, the case says whose (docs/alexa-facts.md).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

import { UNIT_NODE } from './unitNode.mts';

import {
	CODE_VERIFIER_MAX_LENGTH,
	CODE_VERIFIER_MIN_LENGTH,
	commaSeparated,
	InputProblem,
	inputRejection,
	jsonObjectKeys,
	optionalAbsoluteUrl,
	optionalCodeVerifier,
	parseJsonField,
	requireIntegerInRange,
	requireJsonArray,
	requireJsonObject,
	requireNonEmptyString,
	utf8Bytes,
} from '../../nodes/Alexa/shared/input/validate.ts';

// n8n-workflow ships a CommonJS and an ES module build; the sources run as CommonJS, so the test
// takes the same copy with require, or `instanceof NodeOperationError` would compare two classes.
const { NodeOperationError } = createRequire(import.meta.url)(
	'n8n-workflow',
) as typeof import('n8n-workflow');

/** The InputProblem a check throws; fails the case if it throws anything else or nothing. */
function problemOf(check: () => unknown): InputProblem {
	let thrown: unknown;
	try {
		const value = check();
		assert.fail(`accepted, returning ${JSON.stringify(value)}`);
	} catch (error) {
		thrown = error;
	}
	assert.ok(thrown instanceof InputProblem, `threw ${String(thrown)}`);
	return thrown;
}

interface Refusal {
	name: string;
	value: unknown;
	/** What the problem says: the value as seen and the limit. */
	problem: RegExp;
	/** What the hint says, when the check writes its own. */
	hint?: RegExp;
}

/** Runs accepted and refused tables for one check that takes (field, value). */
function table(
	check: (field: string, value: unknown) => unknown,
	field: string,
	accepted: Array<{ name: string; value: unknown; result: unknown }>,
	refused: Refusal[],
): void {
	for (const { name, value, result } of accepted) {
		it(`accepts ${name}`, () => {
			assert.deepEqual(check(field, value), result);
		});
	}
	for (const { name, value, problem, hint } of refused) {
		it(`refuses ${name}, naming the field and the limit`, () => {
			const refusal = problemOf(() => check(field, value));
			assert.equal(refusal.field, field);
			assert.match(refusal.problem, problem);
			assert.equal(
				refusal.message,
				`${field} ${refusal.problem}`,
				'the message starts with the field',
			);
			if (hint) assert.match(refusal.hint, hint);
		});
	}
}

const HINT = 'Map it from your data.';

describe('requireNonEmptyString', () => {
	table(
		(field, value) => requireNonEmptyString(field, value, HINT),
		'User ID',
		[
			{ name: 'text', value: 'amzn1.ask.account.1', result: 'amzn1.ask.account.1' },
			{
				name: 'text with spaces around, trimmed',
				value: '  amzn1.ask.account.1 \n',
				result: 'amzn1.ask.account.1',
			},
		],
		[
			{
				name: 'an empty string',
				value: '',
				problem: /^is empty; it is required$/,
				hint: /^Map it from your data\.$/,
			},
			{ name: 'only spaces', value: '   ', problem: /is empty; it is required/ },
			{ name: 'undefined', value: undefined, problem: /is empty; it is required/ },
			{ name: 'null', value: null, problem: /is empty; it is required/ },
			{ name: 'a number', value: 42, problem: /is empty; it is required/ },
		],
	);
});

describe('requireIntegerInRange (Expires After Seconds: 60 to 86400, where both Skill Messaging pages agree)', () => {
	const check = (field: string, value: unknown) => requireIntegerInRange(field, value, 60, 86_400);
	table(
		check,
		'Expires After Seconds',
		[
			{ name: 'the lowest value, 60', value: 60, result: 60 },
			{ name: 'the highest value, 86400', value: 86_400, result: 86_400 },
			{ name: 'the default, 3600', value: 3600, result: 3600 },
			{ name: '60.0, which is the integer 60', value: 60.0, result: 60 },
		],
		[
			{
				name: 'one below the range',
				value: 59,
				problem: /^is 59; it must be a whole number from 60 to 86400$/,
				hint: /between 60 and 86400/,
			},
			{ name: 'one above the range', value: 86_401, problem: /is 86401; .* from 60 to 86400/ },
			{ name: 'a fraction', value: 60.5, problem: /is 60\.5; it must be a whole number/ },
			{
				name: 'a number as text (n8n hands numbers over as numbers)',
				value: '3600',
				problem: /is "3600"; it must be a whole number/,
			},
			{ name: 'NaN', value: Number.NaN, problem: /it must be a whole number from 60 to 86400/ },
			{ name: 'Infinity', value: Number.POSITIVE_INFINITY, problem: /from 60 to 86400/ },
			{ name: 'undefined', value: undefined, problem: /from 60 to 86400/ },
		],
	);
	it('the hint names the field and both limits', () => {
		assert.equal(
			problemOf(() => check('Expires After Seconds', 0)).hint,
			'Set Expires After Seconds to a whole number between 60 and 86400.',
		);
	});
});

describe('optionalAbsoluteUrl (Redirect URI: RFC 6749 §3.1.2, absolute and without a fragment)', () => {
	table(
		(field, value) => optionalAbsoluteUrl(field, value, HINT),
		'Redirect URI',
		[
			{
				name: 'an https URL, returned as given',
				value: 'https://example.com/callback',
				result: 'https://example.com/callback',
			},
			{
				name: 'a URL that normalisation would change, returned unchanged (the token request must repeat it exactly)',
				value: 'HTTPS://Example.com:443/a/../callback',
				result: 'HTTPS://Example.com:443/a/../callback',
			},
			{ name: 'an app scheme', value: 'myapp://callback', result: 'myapp://callback' },
			{
				name: 'a URL with a query',
				value: 'https://example.com/cb?state=1',
				result: 'https://example.com/cb?state=1',
			},
			{
				name: 'spaces around, trimmed',
				value: '  https://example.com/cb ',
				result: 'https://example.com/cb',
			},
			{ name: 'an empty field as absent', value: '', result: undefined },
			{ name: 'only spaces as absent', value: '   ', result: undefined },
			{ name: 'undefined as absent', value: undefined, result: undefined },
			{ name: 'null as absent', value: null, result: undefined },
		],
		[
			{
				name: 'a host without a scheme',
				value: 'example.com/callback',
				problem: /"example\.com\/callback" is not an absolute URL \(it needs a scheme/,
			},
			{ name: 'a path alone', value: '/callback', problem: /is not an absolute URL/ },
			{
				name: 'a fragment',
				value: 'https://example.com/cb#done',
				problem: /has a fragment \(#…\); a redirect URI may not have one/,
			},
			{ name: 'an empty fragment', value: 'https://example.com/cb#', problem: /has a fragment/ },
			{
				name: 'a number',
				value: 8080,
				problem: /^is a number; it must be text$/,
				hint: /Give Redirect URI as text, or leave it empty/,
			},
			{
				name: 'an object',
				value: { url: 'https://example.com' },
				problem: /is a object; it must be text/,
			},
		],
	);
});

describe(`optionalCodeVerifier (PKCE, RFC 7636 §4.1: ${CODE_VERIFIER_MIN_LENGTH} to ${CODE_VERIFIER_MAX_LENGTH} of A-Z a-z 0-9 - . _ ~)`, () => {
	const verifier = (length: number, character = 'a') => character.repeat(length);
	table(
		(field, value) => optionalCodeVerifier(field, value, HINT),
		'Code Verifier',
		[
			{ name: 'the shortest, 43 characters', value: verifier(43), result: verifier(43) },
			{ name: 'the longest, 128 characters', value: verifier(128), result: verifier(128) },
			{
				name: 'every allowed kind of character',
				value: 'AZaz09-._~'.repeat(5),
				result: 'AZaz09-._~'.repeat(5),
			},
			{ name: 'an empty field as absent', value: '', result: undefined },
			{ name: 'undefined as absent', value: undefined, result: undefined },
			{ name: 'only spaces as absent', value: '   ', result: undefined },
		],
		[
			{
				name: '42 characters',
				value: verifier(42),
				problem: /^is 42 characters; PKCE allows 43 to 128 characters$/,
				hint: /^Map it from your data\.$/,
			},
			{
				name: '129 characters',
				value: verifier(129),
				problem: /is 129 characters; PKCE allows 43 to 128/,
			},
			{
				name: 'a "+" (base64, not base64url)',
				value: `${verifier(10)}+${verifier(32)}`,
				problem: /character PKCE does not allow at position 11; only A–Z, a–z, 0–9 and - \. _ ~/,
			},
			{
				name: 'a space copied in front (not trimmed: named as the character it is)',
				value: ` ${verifier(43)}`,
				problem: /at position 1/,
			},
			{
				name: 'a line break copied after it',
				value: `${verifier(43)}\n`,
				problem: /at position 44/,
			},
			{ name: 'a non-ASCII letter', value: `${verifier(42)}é`, problem: /at position 43/ },
			{ name: 'a number', value: 12345, problem: /is a number; it must be text/ },
		],
	);
	it('no message repeats the verifier, which is a secret', () => {
		const secret = `SECRET${verifier(20, 'x')}+${verifier(20, 'y')}`;
		const refusal = problemOf(() => optionalCodeVerifier('Code Verifier', secret, HINT));
		for (const text of [refusal.message, refusal.problem, refusal.hint]) {
			assert.ok(!text.includes('SECRET') && !text.includes('xxxx'), text);
		}
	});
});

describe('requireJsonObject', () => {
	const given = { a: 1 };
	table(
		requireJsonObject,
		'Message Data (JSON)',
		[
			{ name: 'JSON text of an object', value: '{"a": "1", "b": "2"}', result: { a: '1', b: '2' } },
			{ name: 'an empty object', value: '{}', result: {} },
			{ name: 'an object n8n already parsed', value: given, result: given },
		],
		[
			{
				name: 'JSON text of an array',
				value: '[1]',
				problem: /^must be a JSON object; it is an array$/,
				hint: /Write Message Data \(JSON\) as a JSON object, for example \{"key": "value"\}/,
			},
			{ name: 'an array n8n already parsed', value: [1], problem: /it is an array/ },
			{ name: 'JSON text of a string', value: '"text"', problem: /it is string/ },
			{ name: 'JSON text of a number', value: '5', problem: /it is number/ },
			// typeof null is 'object', so the problem reads "it is object" for null: only its first half is pinned.
			{ name: 'JSON null', value: 'null', problem: /must be a JSON object/ },
			{
				name: 'text that is not JSON',
				value: '{a: 1}',
				problem: /^is not valid JSON \(.+\)$/,
				hint: /as a JSON object, for example \{"key": "value"\}/,
			},
			{ name: 'empty text', value: '', problem: /is not valid JSON/ },
			{ name: 'undefined', value: undefined, problem: /it is undefined/ },
		],
	);
});

describe('requireJsonArray', () => {
	const example = '[{"endpointId": "lamp-1"}]';
	table(
		(field, value) => requireJsonArray(field, value, example),
		'Endpoints (JSON)',
		[
			{ name: 'JSON text of an array', value: '[1, 2]', result: [1, 2] },
			{ name: 'an empty array', value: '[]', result: [] },
			{ name: 'an array n8n already parsed', value: ['a'], result: ['a'] },
		],
		[
			{
				name: 'JSON text of an object',
				value: '{}',
				problem: /^must be a JSON array; it is object$/,
				hint: /Write Endpoints \(JSON\) as a JSON array, for example \[\{"endpointId": "lamp-1"\}\]/,
			},
			{ name: 'JSON null', value: 'null', problem: /it is null/ },
			{ name: 'a number', value: 3, problem: /it is number/ },
			{
				name: 'text that is not JSON',
				value: '[1,',
				problem: /is not valid JSON/,
				hint: /as a JSON array, for example \[\{"endpointId"/,
			},
		],
	);
});

describe('parseJsonField', () => {
	it('takes a value that is not text as it is (n8n parsed it already)', () => {
		const value = { already: 'parsed' };
		assert.equal(parseJsonField('Event (JSON)', value, 'a JSON object'), value);
	});
	it('parses JSON text', () => {
		assert.deepEqual(parseJsonField('Event (JSON)', '{"x":[1]}', 'a JSON object'), { x: [1] });
	});
	it("refuses text that is not JSON with the parser's words, and says what to write", () => {
		const refusal = problemOf(() => parseJsonField('Event (JSON)', '{"x":', 'a JSON object'));
		assert.equal(refusal.field, 'Event (JSON)');
		assert.match(refusal.problem, /^is not valid JSON \(.*JSON.*\)$/);
		assert.equal(refusal.hint, 'Write Event (JSON) as a JSON object.');
	});
});

describe('jsonObjectKeys (repeated keys, which JSON.parse hides)', () => {
	const cases: Array<{ name: string; text: string; keys: string[] }> = [
		{ name: 'keys in order', text: '{"b":"1","a":"2"}', keys: ['b', 'a'] },
		{ name: 'a repeated key twice', text: '{"a":"1","a":"2"}', keys: ['a', 'a'] },
		{ name: 'no keys of nested objects', text: '{"a":{"b":{"c":1}},"d":2}', keys: ['a', 'd'] },
		{ name: 'no keys inside arrays', text: '{"a":[{"x":1},{"y":2}],"b":0}', keys: ['a', 'b'] },
		{
			name: 'braces, commas and colons inside strings are text',
			text: '{"a":"},{\\"b\\":","c":"d"}',
			keys: ['a', 'c'],
		},
		{ name: 'an escaped quote inside a key', text: '{"a\\"b":1}', keys: ['a"b'] },
		{ name: 'a \\u escape in a key, decoded', text: '{"\\u0061":1,"a":2}', keys: ['a', 'a'] },
		{ name: 'a backslash at the end of a value', text: '{"a":"x\\\\","b":1}', keys: ['a', 'b'] },
		{
			name: 'spaces and line breaks between tokens',
			text: '{\n  "a" : 1 ,\n  "b":2\n}',
			keys: ['a', 'b'],
		},
		{ name: 'an empty object', text: '{}', keys: [] },
		{ name: 'an array at the top: no keys', text: '[{"a":1}]', keys: [] },
	];
	for (const { name, text, keys } of cases) {
		it(name, () => {
			assert.deepEqual(jsonObjectKeys(text), keys);
		});
	}
});

describe('utf8Bytes (Skill Messaging counts its 6 KB in UTF-8 bytes)', () => {
	const cases: Array<[string, number]> = [
		['', 0],
		['abc', 3],
		['é', 2],
		['€', 3],
		['😀', 4],
		['{"k":"v"}', 9],
	];
	for (const [text, bytes] of cases) {
		it(`${JSON.stringify(text)} is ${bytes} bytes`, () => {
			assert.equal(utf8Bytes(text), bytes);
		});
	}
});

describe('commaSeparated (Skill IDs, Intent Names)', () => {
	const cases: Array<{ name: string; text: string; entries: string[] }> = [
		{ name: 'one entry', text: 'amzn1.ask.skill.1', entries: ['amzn1.ask.skill.1'] },
		{ name: 'entries trimmed', text: ' a , b,c ', entries: ['a', 'b', 'c'] },
		{ name: 'empty entries left out', text: 'a,,b,', entries: ['a', 'b'] },
		{ name: 'empty text: no entries', text: '', entries: [] },
		{ name: 'only commas and spaces: no entries', text: ' , ,, ', entries: [] },
		{ name: 'a line break is not a separator', text: 'a\nb', entries: ['a\nb'] },
	];
	for (const { name, text, entries } of cases) {
		it(name, () => {
			assert.deepEqual(commaSeparated(text), entries);
		});
	}
});

describe("inputRejection (the item's error for a problem)", () => {
	it('names the item and the field in the message, the hint and what was not done in the description', () => {
		const node = UNIT_NODE;
		const problem = new InputProblem(
			'Expires After Seconds',
			'is 59; it must be a whole number from 60 to 86400',
			'Set it between 60 and 86400.',
		);
		const error = inputRejection(node, 3, problem, 'Nothing was sent.');
		assert.ok(error instanceof NodeOperationError);
		assert.equal(
			error.message,
			'Item 3: Expires After Seconds is 59; it must be a whole number from 60 to 86400',
		);
		assert.equal(error.description, 'Set it between 60 and 86400. Nothing was sent.');
		assert.equal(error.context.itemIndex, 3);
	});
});
