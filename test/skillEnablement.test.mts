/**
 * Skill Enablement → all seven operations, through n8n's engine against the fake, which plays
 * the three regional hosts (the credential's API Base URL is `${fake.url}/{host}`).
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from './fake-alexa/server.mts';
import { runAlexaNode } from './harness/engine.mts';
import {
	assertNoSecrets,
	CLIENT_SECRET,
	installClock,
	issuedTokens,
	REFRESH_TOKEN,
	refreshTokenCredential,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';

const SKILL = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
const NA = 'api.amazonalexa.com';
const EU = 'api.eu.amazonalexa.com';
const FE = 'api.fe.amazon.com';

const fakeAlexa = useFakeAlexa();
let fake: FakeAlexa;
let clock: ManualClock;
beforeEach(() => {
	fake = fakeAlexa();
	fake.skills.add(SKILL);
	clock = installClock();
});

function enablement(operation: string, parameters: INodeParameters = {}, options: { continueOnFail?: boolean; items?: IDataObject[] } = {}) {
	return runAlexaNode({
		parameters: { resource: 'skillEnablement', operation, skillId: SKILL, ...parameters },
		credential: refreshTokenCredential(fake, { hostInPath: true }),
		continueOnFail: options.continueOnFail,
		items: options.items,
	});
}

/** The requests Skill Enablement saw, as "METHOD host path → status". */
function trail(): string[] {
	return fake.requests
		.filter((request) => request.path !== '/auth/o2/token')
		.map((request) => `${request.method} ${request.host} ${request.path} → ${request.status}`);
}

const link = { redirectUri: 'https://example.com/alexa/link', authCode: '={{ $json.authCode }}' };

/** The one 404 message Amazon's reference documents for Skill Enablement. */
const NOT_FOUND_MESSAGE = 'Requested skill or skill stage not found.';

/** Each customer's token from the input, as a workflow would read it from its database. */
const fromInput = { accessTokenSource: 'input', accessToken: '={{ $json.token }}' };

/** A customer access token as LWA would have issued it, for a customer in this region. */
function customerToken(customer: string, host: string): string {
	const token = fake.issueToken('Atza|', { clientId: 'customer-app', grant: 'refresh_token', account: customer }).value;
	fake.setCustomerHost(customer, host);
	return token;
}

/** The requests Skill Enablement saw with this bearer token, as "METHOD host path → status". */
function trailOf(token: string): string[] {
	return fake.requests
		.filter((request) => request.headers.authorization === `Bearer ${token}`)
		.map((request) => `${request.method} ${request.host} ${request.path} → ${request.status}`);
}

describe('Skill Enablement as the developer', () => {
	it('enables a stage, reports it enabled, and enabling the other stage disables the first', async () => {
		const enabled = await enablement('enableSkill', { stage: 'development' });
		assert.deepEqual(enabled.output[0].json, { success: true, statusCode: 204 });
		assert.deepEqual((await enablement('getSkillEnablementStatus', { stage: 'development' })).output[0].json, {
			enabled: true,
			statusCode: 204,
			skillId: SKILL,
			stage: 'development',
		});
		await enablement('enableSkill', { stage: 'live' });
		const development = await enablement('getSkillEnablementStatus', { stage: 'development' });
		const live = await enablement('getSkillEnablementStatus', { stage: 'live' });
		assert.equal(development.error, undefined, 'a 404 status is an answer, not an error');
		assert.equal(development.output[0].json.enabled, false);
		assert.equal(development.output[0].json.statusCode, 404);
		assert.equal(live.output[0].json.enabled, true);
		assert.deepEqual(trail().slice(0, 2), [
			`PUT ${NA} /v1/skills/${SKILL}/stages/development/enablement → 204`,
			`GET ${NA} /v1/skills/${SKILL}/stages/development/enablement → 204`,
		]);
	});

	it('disables a stage, after which its status is not enabled', async () => {
		await enablement('enableSkill', { stage: 'live' });
		const disabled = await enablement('disableSkill', { stage: 'live' });
		assert.deepEqual(disabled.output[0].json, { success: true, statusCode: 204 });
		assert.equal((await enablement('getSkillEnablementStatus', { stage: 'live' })).output[0].json.enabled, false);
		assert.ok(trail().every((line) => line.includes(` ${NA} `)), 'developer operations always go to api.amazonalexa.com');
	});

	it('fails a disable of a stage that is not enabled with what Alexa meant', async () => {
		const { error } = await enablement('disableSkill', { stage: 'development' });
		assert.equal(error?.httpCode, '404');
		assert.match(String(error?.message), /found no such skill, stage or enablement \(HTTP 404 notFound\)/);
		assert.match(String(error?.description), /Check the skill ID/);
	});
});

describe('Skill Enablement for a customer', () => {
	it('enables the skill and links the account, with the PKCE verifier, and reports the status body and host', async () => {
		const verifier = 'v'.repeat(43);
		const { output, error } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, codeVerifier: verifier },
			{ items: [{ authCode: 'auth-code-123' }] },
		);
		assert.equal(error, undefined);
		const [request] = fake.requestsTo('/v1/users/');
		assert.equal(request.method, 'POST');
		assert.deepEqual(request.json, {
			stage: 'live',
			accountLinkRequest: { redirectUri: 'https://example.com/alexa/link', authCode: 'auth-code-123', type: 'AUTH_CODE', codeVerifier: verifier },
		});
		assert.equal(output[0].json.success, true);
		assert.equal(output[0].json.statusCode, 201);
		assert.equal(output[0].json.status, 'ENABLED');
		assert.deepEqual(output[0].json.accountLink, { status: 'LINKED' });
		assert.deepEqual(output[0].json.skill, { id: SKILL, stage: 'live' });
		assert.equal(output[0].json.host, NA);
	});

	it('reports status and account link as Alexa gives them, then not enabled after disable and unlink', async () => {
		await enablement('enableSkillAndLinkAccount', { stage: 'development', ...link }, { items: [{ authCode: 'c' }] });
		const status = await enablement('getAccountLinkingAndSkillStatus');
		assert.equal(status.output[0].json.enabled, true);
		assert.equal(status.output[0].json.status, 'ENABLED');
		assert.equal(status.output[0].json.accountLinkStatus, 'LINKED');
		const disabled = await enablement('disableSkillAndUnlinkAccount');
		assert.deepEqual(disabled.output[0].json, { success: true, statusCode: 200, host: NA });
		const after = await enablement('getAccountLinkingAndSkillStatus');
		assert.equal(after.error, undefined);
		assert.deepEqual(after.output[0].json, {
			enabled: false,
			status: null,
			accountLinkStatus: null,
			statusCode: 404,
			alexaCode: 'notFound',
			alexaMessage: NOT_FOUND_MESSAGE,
			host: NA,
		});
	});

	it('reports NO_ASSOCIATION and the other in-between states without failing', async () => {
		for (const status of ['NO_ASSOCIATION', 'ENABLING', 'DISABLING_FAILED']) {
			fake.setCustomerHost(REFRESH_TOKEN, NA);
			fake.customers.get(REFRESH_TOKEN)!.enablements.set(SKILL, { stage: 'live', status, accountLinkStatus: 'NOT_LINKED' });
			const { output, error } = await enablement('getAccountLinkingAndSkillStatus');
			assert.equal(error, undefined);
			assert.equal(output[0].json.enabled, false, status);
			assert.equal(output[0].json.status, status);
			assert.equal(output[0].json.accountLinkStatus, 'NOT_LINKED');
		}
	});

	it('gets the API endpoints that serve the customer', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, EU, [EU, FE]);
		const { output } = await enablement('getApiEndpoint');
		assert.deepEqual(output[0].json, { endpoints: [EU, FE] });
		assert.deepEqual(trail(), [`GET ${NA} /v1/alexaApiEndpoint → 200`]);
	});

	it('says to use discovery when the credential\'s region is not the customer\'s', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, EU);
		const { error } = await enablement('getAccountLinkingAndSkillStatus');
		assert.equal(error?.httpCode, '400');
		assert.match(String(error?.message), /served by another Alexa endpoint \(HTTP 400 incorrectEndpoint\)/);
		assert.match(String(error?.description), /Discover Automatically/);
	});
});

describe('Skill Enablement: endpoint discovery', () => {
	it('tries the hosts Get API Endpoint names, in order, until one answers', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, EU, [NA, EU]);
		const { output, error } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, endpoint: 'discover' },
			{ items: [{ authCode: 'c' }] },
		);
		assert.equal(error, undefined);
		assert.equal(output[0].json.host, EU);
		assert.deepEqual(trail(), [
			`GET ${NA} /v1/alexaApiEndpoint → 200`,
			`POST ${NA} /v1/users/~current/skills/${SKILL}/enablement → 400`,
			`POST ${EU} /v1/users/~current/skills/${SKILL}/enablement → 201`,
		]);
	});

	it('tries the three customer hosts in turn when Get API Endpoint answers 5xx', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, FE);
		fake.customers.get(REFRESH_TOKEN)!.enablements.set(SKILL, { stage: 'live', status: 'ENABLED', accountLinkStatus: 'LINKED' });
		fake.inject('/v1/alexaApiEndpoint', { status: 503 });
		const { output } = await enablement('getAccountLinkingAndSkillStatus', { endpoint: 'discover' });
		assert.equal(output[0].json.enabled, true);
		assert.equal(output[0].json.host, FE);
		assert.deepEqual(trail(), [
			`GET ${NA} /v1/alexaApiEndpoint → 503`,
			`GET ${NA} /v1/users/~current/skills/${SKILL}/enablement → 400`,
			`GET ${EU} /v1/users/~current/skills/${SKILL}/enablement → 400`,
			`GET ${FE} /v1/users/~current/skills/${SKILL}/enablement → 200`,
		]);
	});

	it('moves on after a 404, but stops at any other error', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, EU, [NA, EU, FE]);
		fake.inject('/v1/users/', { status: 404, host: NA, body: { message: 'not here', code: 'notFound' } });
		fake.inject('/v1/users/', { status: 403, host: EU, body: { message: 'forbidden', code: 'forbidden' } });
		const { error } = await enablement('disableSkillAndUnlinkAccount', { endpoint: 'discover' });
		assert.equal(error?.httpCode, '403');
		assert.deepEqual(trail().map((line) => line.split(' ')[1]), [NA, NA, EU], 'FE was not tried after the 403');
	});

	it('reports a customer no host knows as not enabled', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, EU, [NA, EU]);
		const { output, error } = await enablement('getAccountLinkingAndSkillStatus', { endpoint: 'discover' });
		assert.equal(error, undefined);
		assert.equal(output[0].json.enabled, false);
		assert.equal(output[0].json.host, EU);
	});
});

describe('Skill Enablement: Access Token Source for a customer', () => {
	it('sends each item with its own customer token, for the host lookup too, and never uses the credential\'s refresh token', async () => {
		const tokens = [customerToken('customer-eu', EU), customerToken('customer-fe', FE)];
		for (const customer of ['customer-eu', 'customer-fe']) {
			fake.customers.get(customer)!.enablements.set(SKILL, { stage: 'live', status: 'ENABLED', accountLinkStatus: 'LINKED' });
		}
		const { output, error } = await enablement(
			'getAccountLinkingAndSkillStatus',
			{ endpoint: 'discover', ...fromInput },
			{ items: tokens.map((token) => ({ token })) },
		);
		assert.equal(error, undefined);
		assert.deepEqual(output.map((item) => [item.json.enabled, item.json.host]), [[true, EU], [true, FE]]);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 0, 'no token request to LWA');
		assert.deepEqual(trailOf(tokens[0]), [
			`GET ${NA} /v1/alexaApiEndpoint → 200`,
			`GET ${EU} /v1/users/~current/skills/${SKILL}/enablement → 200`,
		]);
		assert.deepEqual(trailOf(tokens[1]), [
			`GET ${NA} /v1/alexaApiEndpoint → 200`,
			`GET ${FE} /v1/users/~current/skills/${SKILL}/enablement → 200`,
		]);
		assertNoSecrets([output], [...tokens, REFRESH_TOKEN, CLIENT_SECRET]);
	});

	it('sends the item\'s token in each of the four customer operations', async () => {
		const token = customerToken('customer-na', NA);
		const runs: Array<[string, INodeParameters]> = [
			['enableSkillAndLinkAccount', { stage: 'live', ...link }],
			['getAccountLinkingAndSkillStatus', {}],
			['getApiEndpoint', {}],
			['disableSkillAndUnlinkAccount', {}],
		];
		for (const [operation, parameters] of runs) {
			const { error } = await enablement(operation, { ...parameters, ...fromInput }, { items: [{ token, authCode: 'c' }] });
			assert.equal(error, undefined, operation);
		}
		assert.deepEqual(trailOf(token), [
			`POST ${NA} /v1/users/~current/skills/${SKILL}/enablement → 201`,
			`GET ${NA} /v1/users/~current/skills/${SKILL}/enablement → 200`,
			`GET ${NA} /v1/alexaApiEndpoint → 200`,
			`DELETE ${NA} /v1/users/~current/skills/${SKILL}/enablement → 200`,
		]);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 0);
	});

	it('keeps the credential\'s token for the developer operations', async () => {
		const token = customerToken('customer-na', NA);
		const { error } = await enablement('enableSkill', { stage: 'live', ...fromInput }, { items: [{ token }] });
		assert.equal(error, undefined);
		assert.deepEqual(trailOf(token), []);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 1);
	});

	const refusals: Array<[string, string, INodeParameters, string]> = [
		['the customer\'s host', 'getAccountLinkingAndSkillStatus', {}, '/v1/users/'],
		['the host lookup of Discover Automatically', 'disableSkillAndUnlinkAccount', { endpoint: 'discover' }, '/v1/alexaApiEndpoint'],
		['Get API Endpoint', 'getApiEndpoint', {}, '/v1/alexaApiEndpoint'],
	];
	for (const [where, operation, parameters, path] of refusals) {
		it(`does not resend a customer token from the input that ${where} refuses, and says to refresh it`, async () => {
			const revoked = 'Atza|revoked-customer-token-0123456789';
			const { error } = await enablement(operation, { ...parameters, ...fromInput }, { items: [{ token: revoked }] });
			assert.equal(error?.httpCode, '401');
			assert.equal(fake.requestsTo(path).length, 1, 'sent once');
			assert.equal(fake.requests.length, 1, 'nothing else sent, no token request to LWA');
			assert.match(String(error?.message), /did not accept the access token \(HTTP 401 unauthorized\)/);
			assert.match(String(error?.description), /The node does not refresh an access token taken from the input: refresh it with Authorization → Refresh Access Token/);
			assert.doesNotMatch(String(error?.description), /credential/);
			assertNoSecrets([error], [revoked, REFRESH_TOKEN, CLIENT_SECRET]);
		});
	}
});

describe('Skill Enablement: the status of Enable Skill and Link Account', () => {
	it('reports ENABLING as pending, not as success, with where to check again', async () => {
		fake.linkOutcome = { status: 'ENABLING', accountLinkStatus: 'NOT_LINKED' };
		const { output, error } = await enablement('enableSkillAndLinkAccount', { stage: 'live', ...link }, { items: [{ authCode: 'c' }] });
		assert.equal(error, undefined);
		assert.equal(output[0].json.success, false);
		assert.equal(output[0].json.pending, true);
		assert.equal(output[0].json.status, 'ENABLING');
		assert.equal(output[0].json.statusCode, 201);
		assert.match(String(output[0].json.hint), /Check again later with Get Account Linking and Skill Status/);
	});

	it('fails ENABLING_FAILED with what Alexa means and what to do, without resending', async () => {
		fake.linkOutcome = { status: 'ENABLING_FAILED', accountLinkStatus: 'NOT_LINKED' };
		const { output, error } = await enablement('enableSkillAndLinkAccount', { stage: 'live', ...link }, { items: [{ authCode: 'c' }] });
		assert.deepEqual(output, []);
		assert.match(String(error?.message), /could not enable the skill and link the account \(HTTP 201 ENABLING_FAILED\)/);
		assert.match(String(error?.description), /a background process failed and isn't recoverable/);
		assert.match(String(error?.description), /Ask the customer to link their account again, then send Enable Skill and Link Account with the new auth code/);
		assert.equal(fake.requestsTo('/v1/users/').length, 1);
	});

	it('gives ENABLING_FAILED as an error item with Continue On Fail', async () => {
		fake.linkOutcome = { status: 'ENABLING_FAILED', accountLinkStatus: 'NOT_LINKED' };
		const { output } = await enablement('enableSkillAndLinkAccount', { stage: 'live', ...link }, { items: [{ authCode: 'c' }], continueOnFail: true });
		assert.equal(output.length, 1);
		assert.match(String(output[0].json.error), /HTTP 201 ENABLING_FAILED/);
		assert.deepEqual(output[0].pairedItem, { item: 0 });
	});
});

describe('Skill Enablement: a 404 keeps what Alexa said', () => {
	it('reports Alexa\'s code and message with a stage status of not enabled, for a stage not enabled and for an unknown skill ID', async () => {
		const { output } = await runAlexaNode({
			parameters: { resource: 'skillEnablement', operation: 'getSkillEnablementStatus', skillId: '={{ $json.skill }}', stage: 'live' },
			items: [{ skill: SKILL }, { skill: 'amzn1.ask.skill.mistyped' }],
			credential: refreshTokenCredential(fake, { hostInPath: true }),
		});
		for (const item of output) {
			assert.equal(item.json.enabled, false);
			assert.equal(item.json.statusCode, 404);
			assert.equal(item.json.alexaCode, 'notFound');
			assert.equal(item.json.alexaMessage, NOT_FOUND_MESSAGE);
		}
		assert.deepEqual(output.map((item) => item.json.skillId), [SKILL, 'amzn1.ask.skill.mistyped']);
	});

	it('reports Alexa\'s code and message with a customer status of not enabled, as Alexa words them', async () => {
		fake.inject('/v1/users/', { status: 404, body: { code: 'SomeOtherCode', message: 'Another reason. Token Atza|leaked-in-message-0000' } });
		const { output, error } = await enablement('getAccountLinkingAndSkillStatus');
		assert.equal(error, undefined);
		assert.equal(output[0].json.enabled, false);
		assert.equal(output[0].json.alexaCode, 'SomeOtherCode');
		assert.equal(output[0].json.alexaMessage, 'Another reason. Token [redacted]');
	});
});

describe('Skill Enablement: Get API Endpoint when it fails', () => {
	it('answers the three customer hosts, in order, as the fallback when Get API Endpoint still fails with 5xx after its resends', async () => {
		fake.inject('/v1/alexaApiEndpoint', { status: 503 }, { status: 500 }, { status: 503 }, { status: 503 });
		const { output, error } = await enablement('getApiEndpoint');
		assert.equal(error, undefined);
		const { hint, ...rest } = output[0].json;
		assert.deepEqual(rest, { endpoints: [NA, EU, FE], fallback: true, statusCode: 503 });
		assert.match(String(hint), /Get API Endpoint failed with HTTP 503.*call them in sequence/);
		assert.equal(fake.requestsTo('/v1/alexaApiEndpoint').length, 4);
		assert.deepEqual(clock.sleeps, [1000, 2000, 4000]);
	});

	it('answers Alexa\'s own hosts when a resend of Get API Endpoint succeeds', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, EU);
		fake.inject('/v1/alexaApiEndpoint', { status: 500 });
		const { output } = await enablement('getApiEndpoint');
		assert.deepEqual(output[0].json, { endpoints: [EU] });
	});

	it('still fails Get API Endpoint on a 429 that outlasts the resends: the fallback is for 5xx only', async () => {
		fake.inject('/v1/alexaApiEndpoint', { status: 429 }, { status: 429 }, { status: 429 }, { status: 429 });
		const { error } = await enablement('getApiEndpoint');
		assert.equal(error?.httpCode, '429');
	});

	it('resends the host lookup of Discover Automatically after 429, as Retry-After asks', async () => {
		fake.setCustomerHost(REFRESH_TOKEN, EU, [EU]);
		fake.customers.get(REFRESH_TOKEN)!.enablements.set(SKILL, { stage: 'live', status: 'ENABLED', accountLinkStatus: 'LINKED' });
		fake.inject('/v1/alexaApiEndpoint', { status: 429, retryAfter: '5' }, { status: 429 });
		const { output, error } = await enablement('getAccountLinkingAndSkillStatus', { endpoint: 'discover' });
		assert.equal(error, undefined);
		assert.equal(output[0].json.host, EU);
		assert.deepEqual(trail(), [
			`GET ${NA} /v1/alexaApiEndpoint → 429`,
			`GET ${NA} /v1/alexaApiEndpoint → 429`,
			`GET ${NA} /v1/alexaApiEndpoint → 200`,
			`GET ${EU} /v1/users/~current/skills/${SKILL}/enablement → 200`,
		]);
		// (After those two waits the run keeps the pace a 429 set for it, as every request does.)
		assert.deepEqual(clock.sleeps.slice(0, 2), [5000, 2000]);
	});

	it('keeps the host lookup of Discover Automatically to Max Retries and Max Back-Off', async () => {
		fake.inject('/v1/alexaApiEndpoint', { status: 429, retryAfter: '60' }, { status: 429 }, { status: 429 });
		const { error } = await enablement('getAccountLinkingAndSkillStatus', {
			endpoint: 'discover',
			delivery: { maxRetries: 1, maxBackoffSeconds: 3 },
		});
		assert.equal(error?.httpCode, '429');
		assert.equal(fake.requestsTo('/v1/alexaApiEndpoint').length, 2);
		assert.equal(fake.requestsTo('/v1/users/').length, 0);
		assert.deepEqual(clock.sleeps, [3000]);
	});
});

describe('Skill Enablement: errors and resends', () => {
	const cases: Array<[number, RegExp]> = [
		[400, /rejected the enablement request as invalid \(HTTP 400 someCode\)/],
		[403, /The token may not do this \(HTTP 403 someCode\)/],
	];
	for (const [status, message] of cases) {
		it(`maps ${status} with Alexa's {message, code} body`, async () => {
			fake.inject('/v1/skills/', { status, body: { message: 'Alexa says no', code: 'someCode' } });
			const { error } = await enablement('enableSkill', { stage: 'live' });
			assert.equal(error?.httpCode, String(status));
			assert.match(String(error?.message), message);
			assert.match(String(error?.description), /Alexa said: "Alexa says no"/);
		});
	}

	it('after a 401 refreshes the token once, and lets a second 401 stand', async () => {
		fake.inject('/v1/skills/', { status: 401 }, { status: 401 });
		const { error } = await enablement('enableSkill', { stage: 'live' });
		assert.equal(error?.httpCode, '401');
		assert.match(String(error?.description), /developer operations use your own LWA refresh token/);
		assert.equal(fake.requestsTo('/v1/skills/').length, 2);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 2);
	});

	for (const status of [429, 500, 503]) {
		it(`resends after ${status} with exponential back-off, three times at most`, async () => {
			fake.inject('/v1/skills/', { status }, { status }, { status }, { status });
			const { error } = await enablement('enableSkill', { stage: 'live' });
			assert.equal(error?.httpCode, String(status));
			assert.equal(fake.requestsTo('/v1/skills/').length, 4);
			assert.deepEqual(clock.sleeps, [1000, 2000, 4000]);
		});
	}

	it('waits no longer than Max Back-Off after a 429 whose Retry-After asks for more', async () => {
		fake.inject('/v1/skills/', { status: 429, retryAfter: '60' });
		const { output } = await enablement('enableSkill', { stage: 'live', delivery: { maxBackoffSeconds: 3 } });
		assert.equal(output[0].json.success, true);
		assert.deepEqual(clock.sleeps, [3000]);
	});

	it('honours Retry-After, and succeeds once Alexa does', async () => {
		fake.inject('/v1/skills/', { status: 429, retryAfter: '7' });
		const { output } = await enablement('enableSkill', { stage: 'live' });
		assert.equal(output[0].json.success, true);
		assert.deepEqual(clock.sleeps, [7000]);
	});
});

describe('Skill Enablement: validation before sending', () => {
	const cases: Array<[string, string, INodeParameters, RegExp]> = [
		['a skill ID over 255 characters', 'enableSkill', { skillId: 'a'.repeat(256), stage: 'live' }, /Skill ID is 256 characters; Alexa allows 1 to 255/],
		['a blank skill ID', 'getAccountLinkingAndSkillStatus', { skillId: ' ' }, /Skill ID is empty/],
		['a stage other than development or live', 'getSkillEnablementStatus', { stage: '={{ "beta" }}' }, /Stage is "beta"; it must be development or live/],
		['a redirect URI over http', 'enableSkillAndLinkAccount', { stage: 'live', ...link, redirectUri: 'http://example.com/cb' }, /Redirect URI "http:\/\/example.com\/cb" is not an absolute https URL/],
		['a relative redirect URI', 'enableSkillAndLinkAccount', { stage: 'live', ...link, redirectUri: '/cb' }, /is not an absolute https URL/],
		['a code verifier of 42 characters', 'enableSkillAndLinkAccount', { stage: 'live', ...link, codeVerifier: 'v'.repeat(42) }, /Code Verifier is 42 characters; PKCE allows 43 to 128/],
		['a code verifier of 129 characters', 'enableSkillAndLinkAccount', { stage: 'live', ...link, codeVerifier: 'v'.repeat(129) }, /Code Verifier is 129 characters/],
		['an empty auth code', 'enableSkillAndLinkAccount', { stage: 'live', ...link, authCode: '={{ "" }}' }, /Auth Code is empty/],
		['an empty access token from the input', 'getApiEndpoint', { accessTokenSource: 'input', accessToken: '={{ $json.missing }}' }, /Item 0: Access Token is empty/],
	];
	for (const [name, operation, parameters, message] of cases) {
		it(`rejects ${name} and sends nothing`, async () => {
			const { error } = await enablement(operation, parameters, { items: [{ authCode: 'c' }] });
			assert.match(String(error?.message), message);
			assert.equal(fake.requests.length, 0);
		});
	}

	it('says only the length when a code verifier is too short', async () => {
		const { error } = await enablement('enableSkillAndLinkAccount', { stage: 'live', ...link, codeVerifier: 'v'.repeat(42) }, { items: [{ authCode: 'c' }] });
		assert.match(String(error?.message), /Item 0: Code Verifier is 42 characters; PKCE allows 43 to 128 characters$/);
		assert.equal(fake.requests.length, 0);
	});

	it('names the allowed characters, and no wrong length, for a code verifier of the right length with a character PKCE does not allow', async () => {
		const verifier = `${'v'.repeat(42)} `;
		const { error } = await enablement('enableSkillAndLinkAccount', { stage: 'live', ...link, codeVerifier: verifier }, { items: [{ authCode: 'c' }] });
		assert.match(String(error?.message), /Item 0: Code Verifier has a character PKCE does not allow at position 43; only A–Z, a–z, 0–9 and - \. _ ~ are allowed/);
		assert.doesNotMatch(String(error?.message), /\d+ characters/);
		assert.equal(fake.requests.length, 0);
	});

	it('accepts a code verifier of exactly 43 and 128 characters', async () => {
		for (const length of [43, 128]) {
			const { error } = await enablement('enableSkillAndLinkAccount', { stage: 'live', ...link, codeVerifier: 'v'.repeat(length) }, { items: [{ authCode: 'c' }] });
			assert.equal(error, undefined);
		}
	});
});

describe('Skill Enablement: Continue On Fail and secrets', () => {
	it('keeps each item paired, with failures as error items, and no secret anywhere', async () => {
		const skills = [SKILL, 'amzn1.ask.skill.unknown', SKILL];
		const { output } = await runAlexaNode({
			parameters: { resource: 'skillEnablement', operation: 'enableSkill', skillId: '={{ $json.skill }}', stage: 'live' },
			items: skills.map((skill) => ({ skill })),
			continueOnFail: true,
			credential: refreshTokenCredential(fake, { hostInPath: true }),
		});
		assert.deepEqual(output.map((item) => item.pairedItem), [0, 1, 2].map((item) => ({ item })));
		assert.equal(output[0].json.success, true);
		assert.match(String(output[1].json.error), /HTTP 404/);
		assert.equal(output[2].json.success, true);
		assertNoSecrets([output], [CLIENT_SECRET, REFRESH_TOKEN, ...issuedTokens(fake)]);
	});
});
