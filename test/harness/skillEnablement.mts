/**
 * What the Skill Enablement test files share: the fake Alexa playing the three regional hosts
 * (the credential's API Base URL is `${fake.url}/{host}`), a skill it knows, and helpers that
 * run an operation and read what Alexa saw.
 */
import { beforeEach } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from '../fake-alexa/server.mts';
import { runAlexaNode } from './engine.mts';
import {
	installClock,
	refreshTokenCredential,
	useFakeAlexa,
	type ManualClock,
} from './fixtures.mts';

export const SKILL = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
export const NA = 'api.amazonalexa.com';
export const EU = 'api.eu.amazonalexa.com';
export const FE = 'api.fe.amazon.com';

export const link = {
	redirectUri: 'https://example.com/alexa/link',
	authCode: '={{ $json.authCode }}',
};

/** The one 404 message Amazon's reference documents for Skill Enablement. */
export const NOT_FOUND_MESSAGE = 'Requested skill or skill stage not found.';

/** Each customer's token from the input, as a workflow would read it from its database. */
export const fromInput = { accessTokenSource: 'input', accessToken: '={{ $json.token }}' };

export interface SkillEnablementTests {
	fake: FakeAlexa;
	clock: ManualClock;
	enablement(
		operation: string,
		parameters?: INodeParameters,
		options?: { continueOnFail?: boolean; items?: IDataObject[] },
	): ReturnType<typeof runAlexaNode>;
	/** The requests Skill Enablement saw, as "METHOD host path → status". */
	trail(): string[];
	/** A customer access token as LWA would have issued it, for a customer in this region. */
	customerToken(customer: string, host: string): string;
	/** The requests Skill Enablement saw with this bearer token, as "METHOD host path → status". */
	trailOf(token: string): string[];
}

/** For a test file: a fresh fake (knowing SKILL) and clock for each test, and the helpers that use them. */
export function useSkillEnablementTests(): SkillEnablementTests {
	const fakeAlexa = useFakeAlexa();
	const tests = {} as SkillEnablementTests;
	beforeEach(() => {
		tests.fake = fakeAlexa();
		tests.fake.skills.add(SKILL);
		tests.clock = installClock();
	});
	tests.enablement = (operation, parameters = {}, options = {}) =>
		runAlexaNode({
			parameters: { resource: 'skillEnablement', operation, skillId: SKILL, ...parameters },
			credential: refreshTokenCredential(tests.fake, { hostInPath: true }),
			continueOnFail: options.continueOnFail,
			items: options.items,
		});
	const describeRequest = (request: FakeAlexa['requests'][number]) =>
		`${request.method} ${request.host} ${request.path} → ${request.status}`;
	tests.trail = () =>
		tests.fake.requests.filter((request) => request.path !== '/auth/o2/token').map(describeRequest);
	tests.customerToken = (customer, host) => {
		const token = tests.fake.issueToken('Atza|', {
			clientId: 'customer-app',
			grant: 'refresh_token',
			account: customer,
		}).value;
		tests.fake.setCustomerHost(customer, host);
		return token;
	};
	tests.trailOf = (token) =>
		tests.fake.requests
			.filter((request) => request.headers.authorization === `Bearer ${token}`)
			.map(describeRequest);
	return tests;
}
