/**
 * Skill Enablement: answers read as Amazon means them (ENABLING, ENABLING_FAILED, a 404 that keeps what Alexa said, Get API Endpoint's fallback).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { runAlexaNode } from './harness/engine.mts';
import { REFRESH_TOKEN, refreshTokenCredential } from './harness/fixtures.mts';
import {
	EU,
	FE,
	link,
	NA,
	NOT_FOUND_MESSAGE,
	SKILL,
	useSkillEnablementTests,
} from './harness/skillEnablement.mts';

const tests = useSkillEnablementTests();
const { enablement, trail } = tests;

describe('Skill Enablement: the status of Enable Skill and Link Account', () => {
	it('reports ENABLING as pending, not as success, with where to check again', async () => {
		tests.fake.linkOutcome = { status: 'ENABLING', accountLinkStatus: 'NOT_LINKED' };
		const { output, error } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link },
			{ items: [{ authCode: 'c' }] },
		);
		assert.equal(error, undefined);
		assert.equal(output[0].json.success, false);
		assert.equal(output[0].json.pending, true);
		assert.equal(output[0].json.status, 'ENABLING');
		assert.equal(output[0].json.statusCode, 201);
		assert.match(
			String(output[0].json.hint),
			/Check again later with Get Account Linking and Skill Status/,
		);
	});

	it('fails ENABLING_FAILED with what Alexa means and what to do, without resending', async () => {
		tests.fake.linkOutcome = { status: 'ENABLING_FAILED', accountLinkStatus: 'NOT_LINKED' };
		const { output, error } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link },
			{ items: [{ authCode: 'c' }] },
		);
		assert.deepEqual(output, []);
		assert.match(
			String(error?.message),
			/could not enable the skill and link the account \(HTTP 201 ENABLING_FAILED\)/,
		);
		assert.match(String(error?.description), /a background process failed and isn't recoverable/);
		assert.match(
			String(error?.description),
			/Ask the customer to link their account again, then send Enable Skill and Link Account with the new auth code/,
		);
		assert.equal(tests.fake.requestsTo('/v1/users/').length, 1);
	});

	it('gives ENABLING_FAILED as an error item with Continue On Fail', async () => {
		tests.fake.linkOutcome = { status: 'ENABLING_FAILED', accountLinkStatus: 'NOT_LINKED' };
		const { output } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link },
			{ items: [{ authCode: 'c' }], continueOnFail: true },
		);
		assert.equal(output.length, 1);
		assert.match(String(output[0].json.error), /HTTP 201 ENABLING_FAILED/);
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	});
});

describe('Skill Enablement: a 404 keeps what Alexa said', () => {
	it("reports Alexa's code and message with a stage status of not enabled, for a stage not enabled and for an unknown skill ID", async () => {
		const { output } = await runAlexaNode({
			parameters: {
				resource: 'skillEnablement',
				operation: 'getSkillEnablementStatus',
				skillId: '={{ $json.skill }}',
				stage: 'live',
			},
			items: [{ skill: SKILL }, { skill: 'amzn1.ask.skill.mistyped' }],
			credential: refreshTokenCredential(tests.fake, { hostInPath: true }),
		});
		for (const item of output) {
			assert.equal(item.json.enabled, false);
			assert.equal(item.json.statusCode, 404);
			assert.equal(item.json.alexaCode, 'notFound');
			assert.equal(item.json.alexaMessage, NOT_FOUND_MESSAGE);
		}
		assert.deepEqual(
			output.map((item) => item.json.skillId),
			[SKILL, 'amzn1.ask.skill.mistyped'],
		);
	});

	it("reports Alexa's code and message with a customer status of not enabled, as Alexa words them", async () => {
		tests.fake.inject('/v1/users/', {
			status: 404,
			body: { code: 'SomeOtherCode', message: 'Another reason. Token Atza|leaked-in-message-0000' },
		});
		const { output, error } = await enablement('getAccountLinkingAndSkillStatus');
		assert.equal(error, undefined);
		assert.equal(output[0].json.enabled, false);
		assert.equal(output[0].json.alexaCode, 'SomeOtherCode');
		assert.equal(output[0].json.alexaMessage, 'Another reason. Token [redacted]');
	});
});

describe('Skill Enablement: Get API Endpoint when it fails', () => {
	it('answers the three customer hosts, in order, as the fallback when Get API Endpoint still fails with 5xx after its resends', async () => {
		tests.fake.inject(
			'/v1/alexaApiEndpoint',
			{ status: 503 },
			{ status: 500 },
			{ status: 503 },
			{ status: 503 },
		);
		const { output, error } = await enablement('getApiEndpoint');
		assert.equal(error, undefined);
		const { hint, ...rest } = output[0].json;
		assert.deepEqual(rest, { endpoints: [NA, EU, FE], fallback: true, statusCode: 503 });
		assert.match(String(hint), /Get API Endpoint failed with HTTP 503.*call them in sequence/);
		assert.equal(tests.fake.requestsTo('/v1/alexaApiEndpoint').length, 4);
		assert.deepEqual(tests.clock.sleeps, [1000, 2000, 4000]);
	});

	it("answers Alexa's own hosts when a resend of Get API Endpoint succeeds", async () => {
		tests.fake.setCustomerHost(REFRESH_TOKEN, EU);
		tests.fake.inject('/v1/alexaApiEndpoint', { status: 500 });
		const { output } = await enablement('getApiEndpoint');
		assert.deepEqual(output[0].json, { endpoints: [EU] });
	});

	it('still fails Get API Endpoint on a 429 that outlasts the resends: the fallback is for 5xx only', async () => {
		tests.fake.inject(
			'/v1/alexaApiEndpoint',
			{ status: 429 },
			{ status: 429 },
			{ status: 429 },
			{ status: 429 },
		);
		const { error } = await enablement('getApiEndpoint');
		assert.equal(error?.httpCode, '429');
	});

	it('resends the host lookup of Discover Automatically after 429, as Retry-After asks', async () => {
		tests.fake.setCustomerHost(REFRESH_TOKEN, EU, [EU]);
		tests.fake.customers
			.get(REFRESH_TOKEN)!
			.enablements.set(SKILL, { stage: 'live', status: 'ENABLED', accountLinkStatus: 'LINKED' });
		tests.fake.inject('/v1/alexaApiEndpoint', { status: 429, retryAfter: '5' }, { status: 429 });
		const { output, error } = await enablement('getAccountLinkingAndSkillStatus', {
			endpoint: 'discover',
		});
		assert.equal(error, undefined);
		assert.equal(output[0].json.host, EU);
		assert.deepEqual(trail(), [
			`GET ${NA} /v1/alexaApiEndpoint → 429`,
			`GET ${NA} /v1/alexaApiEndpoint → 429`,
			`GET ${NA} /v1/alexaApiEndpoint → 200`,
			`GET ${EU} /v1/users/~current/skills/${SKILL}/enablement → 200`,
		]);
		// (After those two waits the run keeps the pace a 429 set for it, as every request does.)
		assert.deepEqual(tests.clock.sleeps.slice(0, 2), [5000, 2000]);
	});

	it('keeps the host lookup of Discover Automatically to Max Retries and Max Back-Off', async () => {
		tests.fake.inject(
			'/v1/alexaApiEndpoint',
			{ status: 429, retryAfter: '60' },
			{ status: 429 },
			{ status: 429 },
		);
		const { error } = await enablement('getAccountLinkingAndSkillStatus', {
			endpoint: 'discover',
			delivery: { maxRetries: 1, maxBackoffSeconds: 3 },
		});
		assert.equal(error?.httpCode, '429');
		assert.equal(tests.fake.requestsTo('/v1/alexaApiEndpoint').length, 2);
		assert.equal(tests.fake.requestsTo('/v1/users/').length, 0);
		assert.deepEqual(tests.clock.sleeps, [3000]);
	});
});
