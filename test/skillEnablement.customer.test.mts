/**
 * Skill Enablement for a customer: the customer's host, endpoint discovery, and each customer's token from the input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { assertNoSecrets, CLIENT_SECRET, REFRESH_TOKEN } from './harness/fixtures.mts';
import {
	EU,
	FE,
	fromInput,
	link,
	NA,
	NOT_FOUND_MESSAGE,
	SKILL,
	useSkillEnablementTests,
} from './harness/skillEnablement.mts';

const tests = useSkillEnablementTests();
const { enablement, trail, customerToken, trailOf } = tests;

describe('Skill Enablement for a customer', () => {
	it('enables the skill and links the account, with the PKCE verifier, and reports the status body and host', async () => {
		const verifier = 'v'.repeat(43);
		const { output, error } = await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'live', ...link, codeVerifier: verifier },
			{ items: [{ authCode: 'auth-code-123' }] },
		);
		assert.equal(error, undefined);
		const [request] = tests.fake.requestsTo('/v1/users/');
		assert.equal(request.method, 'POST');
		assert.deepEqual(request.json, {
			stage: 'live',
			accountLinkRequest: {
				redirectUri: 'https://example.com/alexa/link',
				authCode: 'auth-code-123',
				type: 'AUTH_CODE',
				codeVerifier: verifier,
			},
		});
		assert.equal(output[0].json.success, true);
		assert.equal(output[0].json.statusCode, 201);
		assert.equal(output[0].json.status, 'ENABLED');
		assert.deepEqual(output[0].json.accountLink, { status: 'LINKED' });
		assert.deepEqual(output[0].json.skill, { id: SKILL, stage: 'live' });
		assert.equal(output[0].json.host, NA);
	});

	it('reports status and account link as Alexa gives them, then not enabled after disable and unlink', async () => {
		await enablement(
			'enableSkillAndLinkAccount',
			{ stage: 'development', ...link },
			{ items: [{ authCode: 'c' }] },
		);
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
			tests.fake.setCustomerHost(REFRESH_TOKEN, NA);
			tests.fake.customers
				.get(REFRESH_TOKEN)!
				.enablements.set(SKILL, { stage: 'live', status, accountLinkStatus: 'NOT_LINKED' });
			const { output, error } = await enablement('getAccountLinkingAndSkillStatus');
			assert.equal(error, undefined);
			assert.equal(output[0].json.enabled, false, status);
			assert.equal(output[0].json.status, status);
			assert.equal(output[0].json.accountLinkStatus, 'NOT_LINKED');
		}
	});

	it('gets the API endpoints that serve the customer', async () => {
		tests.fake.setCustomerHost(REFRESH_TOKEN, EU, [EU, FE]);
		const { output } = await enablement('getApiEndpoint');
		assert.deepEqual(output[0].json, { endpoints: [EU, FE] });
		assert.deepEqual(trail(), [`GET ${NA} /v1/alexaApiEndpoint → 200`]);
	});

	it("says to use discovery when the credential's region is not the customer's", async () => {
		tests.fake.setCustomerHost(REFRESH_TOKEN, EU);
		const { error } = await enablement('getAccountLinkingAndSkillStatus');
		assert.equal(error?.httpCode, '400');
		assert.match(
			String(error?.message),
			/served by another Alexa endpoint \(HTTP 400 incorrectEndpoint\)/,
		);
		assert.match(String(error?.description), /Discover Automatically/);
	});
});

describe('Skill Enablement: endpoint discovery', () => {
	it('tries the hosts Get API Endpoint names, in order, until one answers', async () => {
		tests.fake.setCustomerHost(REFRESH_TOKEN, EU, [NA, EU]);
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
		tests.fake.setCustomerHost(REFRESH_TOKEN, FE);
		tests.fake.customers
			.get(REFRESH_TOKEN)!
			.enablements.set(SKILL, { stage: 'live', status: 'ENABLED', accountLinkStatus: 'LINKED' });
		tests.fake.inject('/v1/alexaApiEndpoint', { status: 503 });
		const { output } = await enablement('getAccountLinkingAndSkillStatus', {
			endpoint: 'discover',
		});
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
		tests.fake.setCustomerHost(REFRESH_TOKEN, EU, [NA, EU, FE]);
		tests.fake.inject('/v1/users/', {
			status: 404,
			host: NA,
			body: { message: 'not here', code: 'notFound' },
		});
		tests.fake.inject('/v1/users/', {
			status: 403,
			host: EU,
			body: { message: 'forbidden', code: 'forbidden' },
		});
		const { error } = await enablement('disableSkillAndUnlinkAccount', { endpoint: 'discover' });
		assert.equal(error?.httpCode, '403');
		assert.deepEqual(
			trail().map((line) => line.split(' ')[1]),
			[NA, NA, EU],
			'FE was not tried after the 403',
		);
	});

	it('reports a customer no host knows as not enabled', async () => {
		tests.fake.setCustomerHost(REFRESH_TOKEN, EU, [NA, EU]);
		const { output, error } = await enablement('getAccountLinkingAndSkillStatus', {
			endpoint: 'discover',
		});
		assert.equal(error, undefined);
		assert.equal(output[0].json.enabled, false);
		assert.equal(output[0].json.host, EU);
	});
});

describe('Skill Enablement: Access Token Source for a customer', () => {
	it("sends each item with its own customer token, for the host lookup too, and never uses the credential's refresh token", async () => {
		const tokens = [customerToken('customer-eu', EU), customerToken('customer-fe', FE)];
		for (const customer of ['customer-eu', 'customer-fe']) {
			tests.fake.customers
				.get(customer)!
				.enablements.set(SKILL, { stage: 'live', status: 'ENABLED', accountLinkStatus: 'LINKED' });
		}
		const { output, error } = await enablement(
			'getAccountLinkingAndSkillStatus',
			{ endpoint: 'discover', ...fromInput },
			{ items: tokens.map((token) => ({ token })) },
		);
		assert.equal(error, undefined);
		assert.deepEqual(
			output.map((item) => [item.json.enabled, item.json.host]),
			[
				[true, EU],
				[true, FE],
			],
		);
		assert.equal(tests.fake.requestsTo('/auth/o2/token').length, 0, 'no token request to LWA');
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

	it("sends the item's token in each of the four customer operations", async () => {
		const token = customerToken('customer-na', NA);
		const runs: Array<[string, INodeParameters]> = [
			['enableSkillAndLinkAccount', { stage: 'live', ...link }],
			['getAccountLinkingAndSkillStatus', {}],
			['getApiEndpoint', {}],
			['disableSkillAndUnlinkAccount', {}],
		];
		for (const [operation, parameters] of runs) {
			const { error } = await enablement(
				operation,
				{ ...parameters, ...fromInput },
				{ items: [{ token, authCode: 'c' }] },
			);
			assert.equal(error, undefined, operation);
		}
		assert.deepEqual(trailOf(token), [
			`POST ${NA} /v1/users/~current/skills/${SKILL}/enablement → 201`,
			`GET ${NA} /v1/users/~current/skills/${SKILL}/enablement → 200`,
			`GET ${NA} /v1/alexaApiEndpoint → 200`,
			`DELETE ${NA} /v1/users/~current/skills/${SKILL}/enablement → 200`,
		]);
		assert.equal(tests.fake.requestsTo('/auth/o2/token').length, 0);
	});

	it("keeps the credential's token for the developer operations", async () => {
		const token = customerToken('customer-na', NA);
		const { error } = await enablement(
			'enableSkill',
			{ stage: 'live', ...fromInput },
			{ items: [{ token }] },
		);
		assert.equal(error, undefined);
		assert.deepEqual(trailOf(token), []);
		assert.equal(tests.fake.requestsTo('/auth/o2/token').length, 1);
	});

	const refusals: Array<[string, string, INodeParameters, string]> = [
		["the customer's host", 'getAccountLinkingAndSkillStatus', {}, '/v1/users/'],
		[
			'the host lookup of Discover Automatically',
			'disableSkillAndUnlinkAccount',
			{ endpoint: 'discover' },
			'/v1/alexaApiEndpoint',
		],
		['Get API Endpoint', 'getApiEndpoint', {}, '/v1/alexaApiEndpoint'],
	];
	for (const [where, operation, parameters, path] of refusals) {
		it(`does not resend a customer token from the input that ${where} refuses, and says to refresh it`, async () => {
			const revoked = 'Atza|revoked-customer-token-0123456789';
			const { error } = await enablement(
				operation,
				{ ...parameters, ...fromInput },
				{ items: [{ token: revoked }] },
			);
			assert.equal(error?.httpCode, '401');
			assert.equal(tests.fake.requestsTo(path).length, 1, 'sent once');
			assert.equal(tests.fake.requests.length, 1, 'nothing else sent, no token request to LWA');
			assert.match(
				String(error?.message),
				/did not accept the access token \(HTTP 401 unauthorized\)/,
			);
			assert.match(
				String(error?.description),
				/The node does not refresh an access token taken from the input: refresh it with Authorization → Refresh Access Token/,
			);
			assert.doesNotMatch(String(error?.description), /credential/);
			assertNoSecrets([error], [revoked, REFRESH_TOKEN, CLIENT_SECRET]);
		});
	}
});
