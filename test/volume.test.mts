/**
 * Delivery at volume: 1,000 items per scenario through n8n's engine against a faulty fake.
 * Every scenario checks what the fake received: each item ends accepted or as an error item,
 * nothing is sent again after Alexa accepted it, resends are spaced as the policy says, and no
 * more than the configured number of requests is in flight.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa, InjectedFault, RecordedRequest } from './fake-alexa/server.mts';
import { runAlexaNode } from './harness/engine.mts';
import {
	installClock,
	refreshTokenCredential,
	skillMessagingCredential,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';
import { runner } from './harness/modules.mts';

const ITEMS = 1000;
const MAX_IN_FLIGHT = 50;
/** The runner's items in progress at once: the items in line while none is accepted. */
const { ITEMS_IN_PROGRESS } = runner;
/** How many requests a 429 storm refuses: more than the items in progress. */
const STORM = 300;
const MESSAGES = '/v1/skillmessages/users/';
const EVENTS = '/v3/events';

const fakeAlexa = useFakeAlexa();
let fake: FakeAlexa;
let clock: ManualClock;
/** The injected clock's time when each request reached the fake. */
const sentAt = new WeakMap<RecordedRequest, number>();
beforeEach(() => {
	fake = fakeAlexa();
	clock = installClock();
	fake.onRequest = (request) => sentAt.set(request, clock.nowMs);
});

/** Also do `action` for each request, keeping the timing record. */
function alsoOnRequest(action: (request: RecordedRequest) => void) {
	const previous = fake.onRequest!;
	fake.onRequest = (request) => {
		previous(request);
		action(request);
	};
}

/** A small seeded generator, so that "random" faults are the same on every run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const users = Array.from({ length: ITEMS }, (_, index) => ({
	user: `amzn1.ask.account.U${String(index).padStart(4, '0')}`,
}));
const devices = Array.from({ length: ITEMS }, (_, index) => ({ device: `device-${index}` }));

function sendMessages(
	delivery: IDataObject = {},
	requestOptions: IDataObject = {},
	continueOnFail = true,
) {
	return runAlexaNode({
		parameters: {
			resource: 'skillMessage',
			operation: 'send',
			userId: '={{ $json.user }}',
			// The injected clock adds up waits that overlap in real time (each wait moves the clock
			// from whenever it starts), so these runs take far longer in its time than for real: the
			// longest Max Wait keeps the wait bound (pacing.test.mts) out of what these test.
			delivery: { maxConcurrency: MAX_IN_FLIGHT, maxWaitSeconds: 3600, ...delivery },
			requestOptions,
		} as INodeParameters,
		items: users,
		continueOnFail,
		credential: skillMessagingCredential(fake),
	});
}

function sendChangeReports() {
	return runAlexaNode({
		parameters: {
			resource: 'event',
			operation: 'changeReport',
			endpointId: '={{ $json.device }}',
			changedProperties: {
				property: [{ namespace: 'Alexa.PowerController', name: 'powerState', value: 'ON' }],
			},
			delivery: { maxConcurrency: MAX_IN_FLIGHT, maxWaitSeconds: 3600 },
		} as INodeParameters,
		items: devices,
		continueOnFail: true,
		credential: refreshTokenCredential(fake),
	});
}

/** Which item a request belongs to: the user for skill messages, the messageId for events. */
function itemKey(request: RecordedRequest): string {
	if (request.path.startsWith(MESSAGES)) return request.path;
	return String(
		(request.json as { event?: { header?: { messageId?: string } } })?.event?.header?.messageId,
	);
}

/** The checks every scenario makes; returns the accepted and failed counts. */
function assertDelivery(
	output: INodeExecutionData[],
	apiPath: string,
): { accepted: number; failed: number } {
	assert.equal(output.length, ITEMS, 'one output item per input item');
	assert.deepEqual(
		output.map((item) => (item.pairedItem as { item: number }).item),
		Array.from({ length: ITEMS }, (_, index) => index),
		'each output item is paired with its input item, in order',
	);
	const accepted = output.filter((item) => item.json.accepted === true).length;
	const failed = output.filter((item) => item.error !== undefined).length;
	assert.equal(accepted + failed, ITEMS, 'every item ends accepted or as an error item');

	const firstAccepted = new Map<string, number>();
	const requests = fake.requestsTo(apiPath);
	for (const request of requests) {
		const key = itemKey(request);
		const acceptedAt = firstAccepted.get(key);
		assert.ok(
			acceptedAt === undefined || request.receivedAt < acceptedAt,
			`${key} was sent again after Alexa accepted it`,
		);
		if (typeof request.status === 'number' && request.status < 300 && acceptedAt === undefined) {
			firstAccepted.set(key, request.answeredAt!);
		}
	}
	assert.equal(
		firstAccepted.size,
		accepted,
		'the accepted items are exactly those the fake accepted',
	);
	assert.ok(
		fake.peakApiInFlight <= MAX_IN_FLIGHT,
		`at most ${MAX_IN_FLIGHT} in flight, saw ${fake.peakApiInFlight}`,
	);
	return { accepted, failed };
}

/**
 * The time between two sends of the same item follows the policy: at least `minimumMs` (on the
 * injected clock) after any failure but a refused token, which is resent at once.
 */
function assertSpacing(apiPath: string, minimumMs: number) {
	const lastSend = new Map<string, RecordedRequest>();
	let resends = 0;
	for (const request of fake.requestsTo(apiPath)) {
		const key = itemKey(request);
		const previous = lastSend.get(key);
		lastSend.set(key, request);
		if (!previous || previous.status === 401 || previous.status === 403) continue;
		resends++;
		const gap = sentAt.get(request)! - sentAt.get(previous)!;
		assert.ok(
			gap >= minimumMs,
			`${key} was resent ${gap} ms after a ${previous.status}; the policy asks for ${minimumMs}`,
		);
	}
	assert.ok(resends > 0, 'the scenario made resends to check');
}

/** How many 429s each item got, by item. */
function throttledPerItem(): Map<string, number> {
	const refusals = new Map<string, number>();
	for (const request of fake.requestsTo(MESSAGES)) {
		if (request.status === 429)
			refusals.set(itemKey(request), (refusals.get(itemKey(request)) ?? 0) + 1);
	}
	return refusals;
}

/**
 * The storm's 300 refusals fell on the 250 items in progress in turn: each was sent into it once
 * before any went back, so none was refused more than twice.
 */
function assertStormSpread() {
	const refusals = throttledPerItem();
	assert.equal(
		refusals.size,
		ITEMS_IN_PROGRESS,
		'every item in progress was sent into the storm once',
	);
	assert.ok(
		Math.max(...refusals.values()) <= 2,
		`an item was sent into the storm ${Math.max(...refusals.values())} times`,
	);
}

function failFor(
	rule: (request: RecordedRequest, count: number) => InjectedFault | undefined,
	path: string,
) {
	let count = 0;
	fake.faultRule = (request) =>
		request.path.startsWith(path) ? rule(request, ++count) : undefined;
}

describe(`Delivery at volume (${ITEMS} items, at most ${MAX_IN_FLIGHT} in flight)`, () => {
	it('without faults: every message accepted once, one token request', async () => {
		fake.latencyMs = 20;
		const { output } = await sendMessages();
		assert.deepEqual(assertDelivery(output, MESSAGES), { accepted: ITEMS, failed: 0 });
		assert.equal(fake.requestsTo(MESSAGES).length, ITEMS);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 1);
		assert.ok(fake.peakApiInFlight > MAX_IN_FLIGHT / 2, 'the limit is used, not just respected');
	});

	// The storms run without Continue On Fail: every item is planned before the first send, so the
	// 250 items in progress are all in line when the storm begins. With it, items are planned just
	// ahead of the sends, in real time, while the injected clock ends every wait at once: how many
	// items were in line when a refused one came back would depend on the machine's speed.
	it('a 429 storm without Retry-After: the run slows down and every message gets through', async () => {
		failFor((_, count) => (count <= STORM ? { status: 429 } : undefined), MESSAGES);
		const { output, error } = await sendMessages({}, {}, false);
		assert.equal(error, undefined);
		assert.deepEqual(assertDelivery(output, MESSAGES), { accepted: ITEMS, failed: 0 });
		assert.equal(
			fake.requestsTo(MESSAGES).filter((request) => request.status === 429).length,
			STORM,
		);
		assertSpacing(MESSAGES, 1000);
		assertStormSpread();
	});

	it('a 429 storm with Retry-After: no resend comes sooner than Alexa asked, and no item goes back into it before the others had their turn', async () => {
		failFor(
			(_, count) => (count <= STORM ? { status: 429, retryAfter: '3' } : undefined),
			MESSAGES,
		);
		const { output, error } = await sendMessages({}, {}, false);
		assert.equal(error, undefined);
		assert.deepEqual(assertDelivery(output, MESSAGES), { accepted: ITEMS, failed: 0 });
		assertSpacing(MESSAGES, 3000);
		assertStormSpread();
	});

	it('a storm as long as the items in line: each item is refused once, none spends its Max Retries while others wait', async () => {
		const items = users.slice(0, 12);
		failFor(
			(_, count) => (count <= items.length ? { status: 429, retryAfter: '3' } : undefined),
			MESSAGES,
		);
		const { output, error } = await runAlexaNode({
			parameters: {
				resource: 'skillMessage',
				operation: 'send',
				userId: '={{ $json.user }}',
				delivery: { maxRetries: 1 },
			},
			items,
			credential: skillMessagingCredential(fake),
		});
		assert.equal(error, undefined, 'no item ran out of resends');
		assert.equal(output.length, items.length);
		assert.deepEqual(
			[...throttledPerItem().values()],
			items.map(() => 1),
			'each item was refused once',
		);
		assert.equal(fake.requestsTo(MESSAGES).length, 2 * items.length);
		assertSpacing(MESSAGES, 3000);
	});

	it('500s and 503s on a fifth of the requests: resent with back-off, none lost', async () => {
		const random = seeded(7);
		failFor(() => (random() < 0.2 ? { status: random() < 0.5 ? 500 : 503 } : undefined), MESSAGES);
		const { output } = await sendMessages();
		const { accepted, failed } = assertDelivery(output, MESSAGES);
		assert.ok(accepted >= ITEMS - 5, `accepted ${accepted}`);
		for (const item of output.filter((entry) => entry.error)) {
			assert.match(
				String(item.error?.description),
				/Attempts: 1\) HTTP 50[03], 2\) HTTP 50[03], 3\) HTTP 50[03], 4\) HTTP 50[03]\./,
			);
		}
		assert.equal(accepted + failed, ITEMS);
		assertSpacing(MESSAGES, 1000);
	});

	it('dropped connections: the message is sent again, and each lands once', async () => {
		const random = seeded(11);
		failFor(() => (random() < 0.1 ? { drop: true } : undefined), MESSAGES);
		const { output } = await sendMessages();
		const { accepted } = assertDelivery(output, MESSAGES);
		assert.ok(accepted >= ITEMS - 2, `accepted ${accepted}`);
		assert.ok(fake.requestsTo(MESSAGES).some((request) => request.status === 'dropped'));
		assertSpacing(MESSAGES, 1000);
	});

	it('a server that stalls past the timeout: the stalled requests time out and are sent again', async () => {
		// A stalled request is never answered: it ends when the node's timeout closes it. The
		// timeout is n8n's own (real time; no clock of ours reaches it), so it is far above an
		// answered request's time on a loaded machine: the fake and the node share one event loop,
		// and a starved loop runs the timeout timer before it reads an answer already written.
		// At 400 ms, and at 2 s under two busy loops plus two test suites on two cores (one run in
		// four), ordinary requests timed out too and were resent after the fake had accepted them.
		// Five stalls of 8 s each cost a few seconds: the other slots keep sending meanwhile.
		let stalls = 0;
		failFor((_, count) => {
			if (count % 200 !== 0) return undefined;
			stalls++;
			return { hang: true };
		}, MESSAGES);
		const { output } = await sendMessages({}, { timeout: 8000 });
		// The fake sees each stalled connection close just after the node gave up on it.
		for (
			let waited = 0;
			fake.requests.some((request) => request.status === undefined) && waited < 1000;
			waited += 20
		) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const { accepted } = assertDelivery(output, MESSAGES);
		assert.equal(accepted, ITEMS);
		const stalled = fake.requestsTo(MESSAGES).filter((request) => request.status === 'abandoned');
		assert.equal(
			stalled.length,
			stalls,
			'every stalled request was given up by the node, and only those',
		);
		assert.ok(stalls >= 5);
		assertSpacing(MESSAGES, 1000);
	});

	for (const status of [401, 403] as const) {
		it(`a token that expires mid-run, answered with ${status}: one refresh for the whole run`, async () => {
			fake.expiredTokenStatus = status;
			let count = 0;
			alsoOnRequest((request) => {
				if (request.path.startsWith(MESSAGES) && ++count === 400) fake.expireAllTokens();
			});
			const { output } = await sendMessages();
			assert.deepEqual(assertDelivery(output, MESSAGES), { accepted: ITEMS, failed: 0 });
			assert.equal(fake.requestsTo('/auth/o2/token').length, 2);
		});
	}

	it('LWA down for a while: the items wait for it and all get through with one good token', async () => {
		let tokenRequests = 0;
		fake.faultRule = (request) =>
			request.path === '/auth/o2/token' && ++tokenRequests <= 2 ? { status: 503 } : undefined;
		const { output } = await sendMessages();
		assert.deepEqual(assertDelivery(output, MESSAGES), { accepted: ITEMS, failed: 0 });
		const answers = fake.requestsTo('/auth/o2/token').map((request) => request.status);
		assert.deepEqual(
			answers.filter((status) => status === 200).length,
			1,
			`token answers: ${answers}`,
		);
		assert.ok(answers.length <= 6, `LWA was asked ${answers.length} times`);
	});

	it('a mix of all of these, for change reports: same messageId on every resend, none lost', async () => {
		const random = seeded(3);
		let count = 0;
		alsoOnRequest((request) => {
			if (request.path === EVENTS && ++count === 500) fake.expireAllTokens();
		});
		failFor(() => {
			const roll = random();
			if (roll < 0.05) return { code: 'THROTTLING_EXCEPTION', retryAfter: '2' };
			if (roll < 0.1) return { code: 'INTERNAL_SERVICE_EXCEPTION' };
			if (roll < 0.13) return { code: 'SERVICE_UNAVAILABLE_EXCEPTION' };
			if (roll < 0.16) return { drop: true };
			return undefined;
		}, EVENTS);
		const { output } = await sendChangeReports();
		const { accepted } = assertDelivery(output, EVENTS);
		assert.ok(accepted >= ITEMS - 3, `accepted ${accepted}`);
		const byMessage = new Map<string, number>();
		for (const request of fake.requestsTo(EVENTS))
			byMessage.set(itemKey(request), (byMessage.get(itemKey(request)) ?? 0) + 1);
		assert.equal(byMessage.size, ITEMS, 'one messageId per item, kept on every resend');
		assert.ok(
			[...byMessage.values()].every((sends) => sends <= 5),
			'at most one token resend and three policy resends',
		);
		assertSpacing(EVENTS, 1000);
	});

	it("with n8n's Batching option too, the two limits work together", async () => {
		const { output } = await runAlexaNode({
			parameters: {
				resource: 'skillMessage',
				operation: 'send',
				userId: '={{ $json.user }}',
				delivery: { maxConcurrency: 10 },
				requestOptions: { batching: { batch: { batchSize: 250, batchInterval: 1 } } },
			} as INodeParameters,
			items: users,
			credential: skillMessagingCredential(fake),
		});
		assert.equal(output.length, ITEMS);
		assert.ok(fake.peakApiInFlight <= 10, `peak ${fake.peakApiInFlight}`);
	});
});
