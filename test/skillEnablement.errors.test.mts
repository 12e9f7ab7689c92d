/**
 * Skill Enablement: errors, resends, input checks before sending, Continue On Fail and secrets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { runAlexaNode } from './harness/engine.mts';
import {
	assertNoSecrets,
	CLIENT_SECRET,
	issuedTokens,
	REFRESH_TOKEN,
	refreshTokenCredential,
} from './harness/fixtures.mts';
import { link, SKILL, useSkillEnablementTests } from './harness/skillEnablement.mts';

const tests = useSkillEnablementTests();
const { enablement } = tests;

describe('Skill Enablement: errors and resends', () => {
	const cases: Array<[number, RegExp]> = [
		[400, /rejected the enablement request as invalid \(HTTP 400 someCode\)/],
		[403, /The token may not do this \(HTTP 403 someCode\)/],
	];
	for (const [status, message] of cases) {
		it(`maps ${status} with Alexa's {message, code} body`, async () => {
			tests.fake.inject('/v1/skills/', {
				status,
				body: { message: 'Alexa says no', code: 'someCode' },
			});
			const { error } = await enablement('enableSkill', { stage: 'live' });
			assert.equal(error?.httpCode, String(status));
			assert.match(String(error?.message), message);
			assert.match(String(error?.description), /Alexa said: "Alexa says no"/);
		});
	}

	it('after a 401 refreshes the token once, and lets a second 401 stand', async () => {
		tests.fake.inject('/v1/skills/', { status: 401 }, { status: 401 });
		const { error } = await enablement('enableSkill', { stage: 'live' });
		assert.equal(error?.httpCode, '401');
		assert.match(String(error?.description), /developer operations use your own LWA refresh token/);
		assert.equal(tests.fake.requestsTo('/v1/skills/').length, 2);
		assert.equal(tests.fake.requestsTo('/auth/o2/token').length, 2);
	});

	for (const status of [429, 500, 503]) {
		it(`resends after ${status} with exponential back-off, three times at most`, async () => {
			tests.fake.inject('/v1/skills/', { status }, { status }, { status }, { status });
			const { error } = await enablement('enableSkill', { stage: 'live' });
			assert.equal(error?.httpCode, String(status));
			assert.equal(tests.fake.requestsTo('/v1/skills/').length, 4);
			assert.deepEqual(tests.clock.sleeps, [1000, 2000, 4000]);
		});
	}

	it('waits no longer than Max Back-Off after a 429 whose Retry-After asks for more', async () => {
		tests.fake.inject('/v1/skills/', { status: 429, retryAfter: '60' });
		const { output } = await enablement('enableSkill', {
			stage: 'live',
			delivery: { maxBackoffSeconds: 3 },
		});
		assert.equal(output[0].json.success, true);
		assert.deepEqual(tests.clock.sleeps, [3000]);
	});

	it('honours Retry-After, and succeeds once Alexa does', async () => {
		tests.fake.inject('/v1/skills/', { status: 429, retryAfter: '7' });
		const { output } = await enablement('enableSkill', { stage: 'live' });
		assert.equal(output[0].json.success, true);
		assert.deepEqual(tests.clock.sleeps, [7000]);
	});
});

describe('Skill Enablement: validation before sending', () => {
	const cases: Array<[string, string, INodeParameters, RegExp]> = [
		[
			'a skill ID over 255 characters',
			'enableSkill',
			{ skillId: 'a'.repeat(256), stage: 'live' },
			/Skill ID is 256 characters; Alexa allows 1 to 255/,
		],
		['a blank skill ID', 'getAccountLinkingAndSkillStatus', { skillId: ' ' }, /Skill ID is empty/],
		[
			'a stage other than development or live',
			'getSkillEnablementStatus',
			{ stage: '={{ "beta" }}' },
			/Stage is "beta"; it must be development or live/,
		],
		[
			'a redirect URI over http',
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, redirectUri: 'http://example.com/cb' },
			/Redirect URI "http:\/\/example.com\/cb" is not an absolute https URL/,
		],
		[
			'a relative redirect URI',
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, redirectUri: '/cb' },
			/is not an absolute https URL/,
		],
		[
			'a code verifier of 42 characters',
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, codeVerifier: 'v'.repeat(42) },
			/Code Verifier is 42 characters; PKCE allows 43 to 128/,
		],
		[
			'a code verifier of 129 characters',
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, codeVerifier: 'v'.repeat(129) },
			/Code Verifier is 129 characters/,
		],
		[
			'an empty auth code',
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, authCode: '={{ "" }}' },
			/Auth Code is empty/,
		],
		[
			'an empty access token from the input',
			'getApiEndpoint',
			{ accessTokenSource: 'input', accessToken: '={{ $json.missing }}' },
			/Item 0: Access Token is empty/,
		],
	];
	for (const [name, operation, parameters, message] of cases) {
		it(`rejects ${name} and sends nothing`, async () => {
			const { error } = await enablement(operation, parameters, { items: [{ authCode: 'c' }] });
			assert.match(String(error?.message), message);
			assert.equal(tests.fake.requests.length, 0);
		});
	}

	it('says only the length when a code verifier is too short', async () => {
		const { error } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, codeVerifier: 'v'.repeat(42) },
			{ items: [{ authCode: 'c' }] },
		);
		assert.match(
			String(error?.message),
			/Item 0: Code Verifier is 42 characters; PKCE allows 43 to 128 characters$/,
		);
		assert.equal(tests.fake.requests.length, 0);
	});

	it('names the allowed characters, and no wrong length, for a code verifier of the right length with a character PKCE does not allow', async () => {
		const verifier = `${'v'.repeat(42)} `;
		const { error } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, codeVerifier: verifier },
			{ items: [{ authCode: 'c' }] },
		);
		assert.match(
			String(error?.message),
			/Item 0: Code Verifier has a character PKCE does not allow at position 43; only A–Z, a–z, 0–9 and - \. _ ~ are allowed/,
		);
		assert.doesNotMatch(String(error?.message), /\d+ characters/);
		assert.equal(tests.fake.requests.length, 0);
	});

	it('accepts a code verifier of exactly 43 and 128 characters', async () => {
		for (const length of [43, 128]) {
			const { error } = await enablement(
				'enableSkillAndLinkAccount',
				{ stage: 'live', ...link, codeVerifier: 'v'.repeat(length) },
				{ items: [{ authCode: 'c' }] },
			);
			assert.equal(error, undefined);
		}
	});
});

describe('Skill Enablement: Continue On Fail and secrets', () => {
	it('keeps each item paired, with failures as error items, and no secret anywhere', async () => {
		const skills = [SKILL, 'amzn1.ask.skill.unknown', SKILL];
		const { output } = await runAlexaNode({
			parameters: {
				resource: 'skillEnablement',
				operation: 'enableSkill',
				skillId: '={{ $json.skill }}',
				stage: 'live',
			},
			items: skills.map((skill) => ({ skill })),
			continueOnFail: true,
			credential: refreshTokenCredential(tests.fake, { hostInPath: true }),
		});
		assert.deepEqual(
			output.map((item) => item.pairedItem),
			[0, 1, 2].map((item) => ({ item })),
		);
		assert.equal(output[0].json.success, true);
		assert.match(String(output[1].json.error), /HTTP 404/);
		assert.equal(output[2].json.success, true);
		assertNoSecrets([output], [CLIENT_SECRET, REFRESH_TOKEN, ...issuedTokens(tests.fake)]);
	});
});
