/**
 * Pacing across executions: many workflow executions in one process, each sending a few events
 * with the same credential, share one pace per credential, API and host (decision 6). Runs go
 * through n8n's engine at once against the fake with a rate limit that counts on the injected
 * clock, so no test sleeps for real.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { FakeAlexa } from './fake-alexa/server.mts';
import { runAlexaNode, type RunResult } from './harness/engine.mts';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	installClock,
	refreshTokenCredential,
	REFRESH_TOKEN,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';
import { pacing } from './harness/modules.mts';

const EVENTS = '/v3/events';
const OTHER_CLIENT = 'amzn1.application-oa2-client.other000000000000002';

const fakeAlexa = useFakeAlexa();
let fake: FakeAlexa;
let clock: ManualClock;
beforeEach(() => {
	fake = fakeAlexa();
	clock = installClock();
	// The fake's rate limit counts in the injected clock's time, as the node's pace does.
	fake.now = () => clock.nowMs;
});

const power = { namespace: 'Alexa.PowerController', name: 'powerState', value: 'ON' };

/** One execution: a webhook's one device change, sent as a Change Report. */
function execution(
	device: string,
	options: { clientId?: string; delivery?: Record<string, number> } = {},
): Promise<RunResult> {
	const credential = refreshTokenCredential(fake);
	if (options.clientId) {
		if (!fake.clients.has(options.clientId))
			fake.addClient(options.clientId, CLIENT_SECRET, { refreshTokens: [REFRESH_TOKEN] });
		credential.data.clientId = options.clientId;
	}
	return runAlexaNode({
		parameters: {
			resource: 'event',
			operation: 'changeReport',
			endpointId: device,
			changedProperties: { property: [power] },
			...(options.delivery ? { delivery: options.delivery } : {}),
		},
		continueOnFail: true,
		credential,
	});
}

/** What the gateway did with each message: accepted once, and how many answers were 429. */
function gatewayTally() {
	const events = fake.events();
	const accepted = new Map<string, number>();
	for (const { request, message } of events) {
		if (request.status === 202)
			accepted.set(
				message.event.header.messageId,
				(accepted.get(message.event.header.messageId) ?? 0) + 1,
			);
	}
	const throttled = events.filter(({ request }) => request.status === 429).length;
	return {
		requests: events.length,
		accepted,
		throttled,
		share: throttled / Math.max(1, events.length),
	};
}

describe('Pacing across executions', () => {
	it('200 executions at once against a 5/s limit: all delivered once, at most 10% 429s, one token', async () => {
		fake.rateLimit = { perSecond: 5, burst: 5 };
		const results = await Promise.all(
			Array.from({ length: 200 }, (_, index) => execution(`lamp-${index}`)),
		);
		const outputs = results.map((result) => result.output[0]?.json);
		assert.equal(
			outputs.filter((json) => json?.accepted === true).length,
			200,
			'every execution delivered its event',
		);
		const tally = gatewayTally();
		assert.equal(tally.accepted.size, 200);
		assert.ok(
			[...tally.accepted.values()].every((count) => count === 1),
			'none accepted twice',
		);
		assert.ok(
			tally.share <= 0.1,
			`429s: ${tally.throttled} of ${tally.requests} (${(tally.share * 100).toFixed(1)}%)`,
		);
		assert.equal(fake.requestsTo('/auth/o2/token').length, 1, 'one token for the process');
		// Paced at what Alexa allows: 200 events at 5/s take about 40 s of (injected) time.
		const last = Math.max(...fake.events().map(({ request }) => request.receivedAt));
		assert.ok(last > 0);
	});

	it('a second credential is not slowed down while the first is throttled', async () => {
		fake.rateLimit = { perSecond: 2, burst: 2, clientId: OTHER_CLIENT };
		const sentAt = new Map<string, number>();
		fake.onRequest = (request) => {
			const json = request.json as { event?: { endpoint?: { endpointId?: string } } } | undefined;
			const device = json?.event?.endpoint?.endpointId;
			if (device) sentAt.set(device, clock.nowMs);
		};
		const started = clock.nowMs;
		const throttledRuns = Array.from({ length: 40 }, (_, index) =>
			execution(`slow-${index}`, { clientId: OTHER_CLIENT }),
		);
		const freeRuns = Array.from({ length: 40 }, (_, index) => execution(`free-${index}`));
		const results = await Promise.all([...throttledRuns, ...freeRuns]);
		assert.ok(
			results.every((result) => result.output[0]?.json.accepted === true),
			'all delivered',
		);
		const order = fake.events().map(({ request, message }) => ({
			device: String(message.event.endpoint.endpointId),
			status: request.status,
		}));
		assert.equal(
			order.filter(({ device, status }) => device.startsWith('free-') && status === 429).length,
			0,
			'the other credential got no 429',
		);
		assert.ok(
			order.filter(({ device, status }) => device.startsWith('slow-') && status === 429).length > 0,
			'the first credential was throttled',
		);
		// The other credential's pacer never slowed down: no pace, so its sends never waited for one.
		const byClient = (clientId: string) =>
			pacing.paces().filter(({ key }) => key.includes(clientId));
		// After a 429 the pace is 80 % of what Alexa accepted in the second before: a limit of 2/s
		// with a burst of 2 accepts up to 4 in one second, so the pace the run ends at, a few
		// requests after its last 429, is 3.2/s at most.
		const mostAcceptedInASecond = 2 + 2;
		assert.ok(
			byClient(OTHER_CLIENT).every(
				({ pace }) => pace !== undefined && pace <= 0.8 * mostAcceptedInASecond,
			),
			'the throttled credential is paced near its 2/s',
		);
		assert.equal(byClient(CLIENT_ID).length, 1);
		assert.equal(
			byClient(CLIENT_ID)[0].pace,
			undefined,
			'the other credential is not paced at all',
		);
		assert.equal(
			order.filter(({ device }) => device.startsWith('free-')).length,
			40,
			'and sent each of its events once',
		);
		assert.ok(
			Math.max(
				...[...sentAt].filter(([device]) => device.startsWith('slow-')).map(([, at]) => at),
			) -
				started >=
				10_000,
			'the throttled credential was paced',
		);
	});

	it('an item that waits longer than Max Wait fails unsent, saying Alexa is throttling and how many waited', async () => {
		fake.rateLimit = { perSecond: 1, burst: 1 };
		const results = await Promise.all(
			Array.from({ length: 30 }, (_, index) =>
				execution(`lamp-${index}`, { delivery: { maxWaitSeconds: 5 } }),
			),
		);
		const failed = results.map((result) => result.output[0]).filter((item) => item?.error);
		const unsent = failed.filter((item) =>
			/was not sent after waiting/.test(String(item!.error!.message)),
		);
		assert.ok(unsent.length > 0, 'some items never had their turn');
		const [first] = unsent;
		assert.match(
			String(first!.error!.message),
			/^Alexa is throttling this skill: the item was not sent after waiting \d+ s for its turn/,
		);
		assert.match(
			String(first!.error!.description),
			/\d+ items were waiting to be sent with this credential to the same Alexa API/,
		);
		assert.match(String(first!.error!.description), /Nothing was sent for this item/);
		// Not a retry: an item that never got a slot never reached the gateway. One that was sent,
		// refused and then could not be resent in time fails with Alexa's answer, and says so.
		const sentDevices = new Set(
			fake.events().map(({ message }) => message.event.endpoint.endpointId),
		);
		results.forEach((result, index) => {
			const item = result.output[0];
			if (!item?.error)
				return assert.equal(item?.json.accepted, true, `lamp-${index} ends delivered or failed`);
			if (/was not sent after waiting/.test(String(item.error.message))) {
				assert.ok(
					!sentDevices.has(`lamp-${index}`),
					`lamp-${index} failed waiting, and was never sent`,
				);
			} else {
				assert.match(String(item.error.message), /\(HTTP 429 THROTTLING_EXCEPTION\)/);
				// Refused by Alexa: after its resends, or with a resend that never had its turn.
				assert.match(
					String(item.error.description),
					/Its resend waited \d+ s for its turn and was not sent|Attempts: 1\) HTTP 429 .*4\) HTTP 429/,
				);
				assert.ok(sentDevices.has(`lamp-${index}`));
			}
		});
	});

	it('drops pacers nobody used for ten minutes, so memory does not grow with credentials ever used', () => {
		for (let index = 0; index < 100; index++) pacing.pacerFor(`credential-${index}`);
		assert.equal(pacing.pacerCount(), 100);
		clock.advance(11 * 60_000);
		pacing.pacerFor('credential-new');
		assert.equal(pacing.pacerCount(), 1);
	});

	it('forgets a pace after 30 quiet seconds, and starts the next burst with slow start', async () => {
		const pacer = pacing.pacerFor('credential-a');
		await pacer.acquire();
		pacer.succeeded();
		pacer.release();
		pacer.throttled(1000);
		assert.ok(pacer.pace !== undefined, 'paced after a 429');
		clock.advance(10_000);
		await pacer.acquire();
		pacer.release();
		assert.ok(pacer.pace !== undefined, 'still paced 10 s later');
		clock.advance(31_000);
		await pacer.acquire();
		pacer.release();
		assert.equal(pacer.pace, undefined, 'forgotten after 30 quiet seconds');
	});
});
