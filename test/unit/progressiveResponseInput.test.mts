/**
 * The pure checks behind Progressive Response → Send: which API endpoints an item may name
 * (nodes/Alexa/shared/alexa/hosts.ts, `amazonApiHost`: Amazon's hosts from the Progressive
 * Response REST API reference, and api.fe.amazonalexa.com of older pages; docs/alexa-facts.md),
 * and speech as the SSML the API takes (nodes/Alexa/shared/input/speech.ts). The engine test
 * (test/progressiveResponse.send.test.mts) runs the same through n8n; this table has the edges.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { amazonApiHost, amazonHostsOf } from '../../nodes/Alexa/shared/alexa/hosts.ts';
import { speechAsSsml, speechOf } from '../../nodes/Alexa/shared/input/speech.ts';
import { InputProblem } from '../../nodes/Alexa/shared/input/validate.ts';

describe("amazonApiHost: an item's API endpoint, only Amazon's hosts", () => {
	const accepted: Array<[string, string]> = [
		['https://api.amazonalexa.com', 'api.amazonalexa.com'],
		['https://api.amazonalexa.com/', 'api.amazonalexa.com'],
		['https://api.amazonalexa.com:443', 'api.amazonalexa.com'],
		['HTTPS://API.EU.AMAZONALEXA.COM', 'api.eu.amazonalexa.com'],
		['https://api.fe.amazon.com', 'api.fe.amazon.com'],
		['https://api.fe.amazonalexa.com', 'api.fe.amazonalexa.com'],
	];
	for (const [endpoint, host] of accepted) {
		it(`accepts ${endpoint}`, () => {
			assert.deepEqual(amazonApiHost('progressiveResponse', endpoint), { host });
		});
	}

	const refused: Array<[string, string]> = [
		['api.amazonalexa.com', 'is not a URL'],
		['', 'is not a URL'],
		['http://api.amazonalexa.com', 'is not an https:// URL'],
		['wss://api.amazonalexa.com', 'is not an https:// URL'],
		['https://example.com', "names a host that is not one of Amazon's"],
		['https://api.amazonalexa.com.example.com', "names a host that is not one of Amazon's"],
		['https://api.amazonalexa.com.', "names a host that is not one of Amazon's"],
		['https://evil.example\\@api.amazonalexa.com', "names a host that is not one of Amazon's"],
		['https://api.amazon.com', "names a host that is not one of Amazon's"],
		['https://s3.amazonaws.com', "names a host that is not one of Amazon's"],
		['https://api.amazonalexa.com:8443', 'names a port'],
		['https://user:pass@api.amazonalexa.com', 'has a user name or password in it'],
		['https://api.amazonalexa.com/v1/directives', 'has a path, query or fragment after the host'],
		['https://api.amazonalexa.com\\@evil.example', 'has a path, query or fragment after the host'],
		['https://api.amazonalexa.com?', 'has a path, query or fragment after the host'],
		['https://api.amazonalexa.com#', 'has a path, query or fragment after the host'],
		['https://api.amazonalexa.com//', 'has a path, query or fragment after the host'],
	];
	for (const [endpoint, problem] of refused) {
		it(`refuses ${JSON.stringify(endpoint)}: ${problem}`, () => {
			assert.deepEqual(amazonApiHost('progressiveResponse', endpoint), { problem });
		});
	}

	it('names the hosts of the API reference and the Far East host of older pages', () => {
		assert.deepEqual(amazonHostsOf('progressiveResponse').sort(), [
			'api.amazonalexa.com',
			'api.eu.amazonalexa.com',
			'api.fe.amazon.com',
			'api.fe.amazonalexa.com',
		]);
	});
});

describe('speechAsSsml: speech as the SSML a progressive response carries', () => {
	const ssmlOf = (type: string, value: unknown) => {
		const speech = speechOf('Speech', type, value);
		return speech === undefined ? undefined : speechAsSsml('Speech', speech);
	};
	const problemOf = (check: () => unknown): InputProblem => {
		try {
			check();
		} catch (error) {
			if (error instanceof InputProblem) return error;
			throw error;
		}
		assert.fail('the check should refuse the value');
	};

	const cases: Array<[string, unknown, string | undefined]> = [
		['plainText', 'One moment', '<speak>One moment</speak>'],
		['plainText', '  padded  ', '<speak>padded</speak>'],
		['plainText', 'a & b < c > d', '<speak>a &amp; b &lt; c &gt; d</speak>'],
		['plainText', '&amp; stays text', '<speak>&amp;amp; stays text</speak>'],
		[
			'plainText',
			'<speak>tags are text</speak>',
			'<speak>&lt;speak&gt;tags are text&lt;/speak&gt;</speak>',
		],
		['plainText', 'Tabs\tand\nlines, 🎵 and ü', '<speak>Tabs\tand\nlines, 🎵 and ü</speak>'],
		['plainText', 42, '<speak>42</speak>'],
		['plainText', '', undefined],
		['plainText', '   ', undefined],
		['plainText', undefined, undefined],
		['ssml', 'Hello <break time="1s"/>', '<speak>Hello <break time="1s"/></speak>'],
		['ssml', '<speak>As given</speak>', '<speak>As given</speak>'],
		[
			'ssml',
			'<speak><audio src="https://example.com/a.mp3"/></speak>',
			'<speak><audio src="https://example.com/a.mp3"/></speak>',
		],
	];
	for (const [type, value, expected] of cases) {
		it(`${type} ${JSON.stringify(value)} → ${JSON.stringify(expected)}`, () => {
			assert.equal(ssmlOf(type, value), expected);
		});
	}

	it('refuses a control character in plain text, naming where it is', () => {
		const problem = problemOf(() => ssmlOf('plainText', 'ab\u0001c'));
		assert.equal(problem.field, 'Speech');
		assert.equal(
			problem.problem,
			"has the character U+0001 at character 3, which Alexa's speech (SSML) cannot carry",
		);
	});

	it('refuses SSML that is not well-formed, as Skill Response does', () => {
		const problem = problemOf(() => ssmlOf('ssml', '<speak>a <b></speak>'));
		assert.equal(problem.field, 'Speech');
		assert.match(
			problem.problem,
			/^is not well-formed SSML at character \d+: <\/speak> closes <b>/,
		);
	});

	it('refuses an object for text', () => {
		const problem = problemOf(() => ssmlOf('plainText', { text: 'hi' }));
		assert.equal(problem.problem, 'is an object; it must be text');
	});
});
