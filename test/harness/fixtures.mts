/**
 * Shared pieces of the test files: credentials pointed at the fake Alexa, a clock the tests
 * move by hand, and a scan for secrets in anything the node produced.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';

import { startFakeAlexa, type FakeAlexa } from '../fake-alexa/server.mts';
import { capturedLogs, type CredentialForTest } from './engine.mts';
import { clock, lwa, pacing } from './modules.mts';

export const CLIENT_ID = 'amzn1.application-oa2-client.test0000000000000001';
export const CLIENT_SECRET = 'test-client-secret-0123456789abcdef0123456789';
export const REFRESH_TOKEN = 'Atzr|test-refresh-token-0123456789abcdefghij';

export function skillMessagingCredential(fake: FakeAlexa): CredentialForTest {
	if (!fake.clients.has(CLIENT_ID))
		fake.addClient(CLIENT_ID, CLIENT_SECRET, { refreshTokens: [REFRESH_TOKEN] });
	return {
		type: 'alexaSkillMessagingApi',
		data: {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			region: 'custom',
			apiBaseUrl: fake.url,
			loginWithAmazonUrl: fake.tokenUrl,
		},
	};
}

/**
 * With `hostInPath`, the API Base URL is `${fake.url}/{host}`: each request names the Alexa
 * host it is meant for, so the fake can play several regional hosts.
 */
export function refreshTokenCredential(
	fake: FakeAlexa,
	options: { hostInPath?: boolean } = {},
): CredentialForTest {
	if (!fake.clients.has(CLIENT_ID))
		fake.addClient(CLIENT_ID, CLIENT_SECRET, { refreshTokens: [REFRESH_TOKEN] });
	return {
		type: 'alexaLwaRefreshTokenApi',
		data: {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			refreshToken: REFRESH_TOKEN,
			region: 'custom',
			apiBaseUrl: options.hostInPath ? `${fake.url}/{host}` : fake.url,
			loginWithAmazonUrl: fake.tokenUrl,
		},
	};
}

/** A clock that only moves when a test says so; `sleep` records the wait and returns at once. */
export class ManualClock {
	nowMs = Date.UTC(2026, 10, 22, 12, 0, 0);
	readonly sleeps: number[] = [];

	now = (): number => this.nowMs;

	/** Deadlines set and not yet reached, in the order set. */
	readonly deadlines: Array<{ at: number; reached: () => void }> = [];

	/** Returns at once; the clock moves to the end of the wait (waits that overlap do not add up). */
	sleep = async (ms: number): Promise<void> => {
		this.sleeps.push(ms);
		const wakeAt = this.nowMs + ms;
		await Promise.resolve();
		this.moveTo(Math.max(this.nowMs, wakeAt));
	};

	/** Reached only when the clock is moved past it (`advance`, or another's sleep). */
	deadline = (ms: number): Promise<void> =>
		new Promise<void>((reached) => this.deadlines.push({ at: this.nowMs + ms, reached }));

	advance(ms: number): void {
		this.moveTo(this.nowMs + ms);
	}

	private moveTo(ms: number): void {
		this.nowMs = ms;
		for (let index = this.deadlines.length - 1; index >= 0; index--) {
			const deadline = this.deadlines[index]!;
			if (deadline.at <= ms) {
				this.deadlines.splice(index, 1);
				deadline.reached();
			}
		}
	}
}

/**
 * Installs a ManualClock, at `startMs` if given. Trigger tests start it at `Date.now()`: the test
 * certificates are valid from a day before the real time, so the default date fails the chain.
 * Files without useFakeAlexa put the real clock back themselves (`clock.useClock()`).
 */
export function installClock(startMs?: number): ManualClock {
	const manual = new ManualClock();
	if (startMs !== undefined) manual.nowMs = startMs;
	clock.useClock(manual);
	return manual;
}

/**
 * Starts one fake Alexa for the test file, and before each test gives it and the process a
 * clean slate. Returns a getter, since the fake only exists once the file's tests start.
 * `amazonHosts`: the fake also answers on Amazon's own API host names over TLS, in this process
 * (`serveAmazonHosts`), for requests that no credential points at it (progressive responses).
 */
export function useFakeAlexa(options: { amazonHosts?: boolean } = {}): () => FakeAlexa {
	let fake: FakeAlexa;
	before(async () => {
		fake = await startFakeAlexa();
		if (options.amazonHosts) await fake.serveAmazonHosts();
	});
	after(async () => {
		await fake.close();
	});
	beforeEach(() => resetProcessState(fake));
	afterEach(() => {
		assert.deepEqual(
			fake.unrouted,
			[],
			'the fake Alexa has no route for these requests: teach it the path (route() and API_HOSTS in test/fake-alexa/server.mts, then a handler file)',
		);
	});
	return () => fake;
}

/** Forget tokens and clocks between tests: each test starts as a fresh n8n process would. */
export function resetProcessState(fake: FakeAlexa): void {
	lwa.forgetAllTokens();
	pacing.forgetAllPacers();
	clock.useClock();
	fake.reset();
	capturedLogs.length = 0;
}

/** Every string reachable from `value`, including error messages, stacks and causes. */
function collectStrings(value: unknown, into: string[], seen = new Set<unknown>()): void {
	if (typeof value === 'string') {
		into.push(value);
		return;
	}
	if (!value || typeof value !== 'object' || seen.has(value)) return;
	seen.add(value);
	for (const key of Object.getOwnPropertyNames(value)) {
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		into.push(key);
		collectStrings(child, into, seen);
	}
}

/**
 * Fails if any secret appears anywhere in `values` (outputs, errors with their causes) or in
 * the lines logged during the test.
 */
export function assertNoSecrets(values: unknown[], secrets: string[]): void {
	const strings: string[] = [...capturedLogs];
	for (const value of values) collectStrings(value, strings);
	assert.ok(strings.length > 0, 'the scan found nothing to look at');
	for (const secret of secrets) {
		assert.ok(secret.length >= 8, 'a secret to look for must be specific');
		const hit = strings.find((text) => text.includes(secret));
		assert.equal(
			hit,
			undefined,
			`a secret (${secret.slice(0, 6)}…) leaked into: ${hit?.slice(0, 200)}`,
		);
	}
}

/** Every access token the fake LWA issued: all of them are secrets. */
export function issuedTokens(fake: FakeAlexa): string[] {
	return [...fake.tokens.keys()];
}
