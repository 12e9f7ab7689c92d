/**
 * Pacing across executions in a real n8n (decision 6): the Change Report webhook workflow,
 * published, receives 200 device changes at once, one execution each, against the fake gateway
 * limited to 50 requests a second, then 200 more at 5 a second.
 */
import assert from 'node:assert/strict';

import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { resetFake } from '../fixtures.mts';
import { importExample, publishWorkflow, startN8n } from '../n8n.mts';
import { freePort, stopAll, waitFor } from '../processes.mts';

/** The Webhook → Change Report example, imported as shipped and published, so that its webhook listens. */
export async function publishChangeReportWorkflow(): Promise<void> {
	const id = await importExample('change-report-from-webhook');
	await publishWorkflow(id);
}

/** POSTs one device change to the workflow's webhook. */
export async function deviceChanged(
	port: number,
	deviceId: string,
	power: string,
): Promise<Response> {
	return await fetch(`http://127.0.0.1:${port}/webhook/alexa-device-change`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ deviceId, power }),
	});
}

/**
 * Whether the Change Report workflow's webhook took a device change: its answer (Respond
 * Immediately) is n8n's {"message": "Workflow was started"}. Until its database is ready, n8n
 * answers every request with HTTP 200 and the text "n8n is starting up. Please wait"
 * (abstract-server.ts in n8n 2.41.1), which starts nothing: a status check alone took that for
 * the webhook (the pacing stage then waited for a warm-up that never ran).
 */
export async function webhookTookDeviceChange(port: number, deviceId: string): Promise<boolean> {
	const answer = await deviceChanged(port, deviceId, 'OFF').catch(() => undefined);
	if (!answer?.ok) return false;
	const text = await answer.text();
	return text.includes('Workflow was started');
}

export interface BurstFigures {
	seconds: number;
	requests: number;
	throttled: number;
	share: number;
	per10s: number[];
	/** Device changes whose Change Report was never accepted: each answered 429 four times. */
	gaveUp: number;
}

/**
 * Sends `count` device changes at once (ids `${prefix}-N`) and waits until the gateway accepted
 * each once; returns how long that took and how many requests were answered 429.
 *
 * With `failedExecutions` (the executions that ended in an error since the burst began), a
 * device change may also end with its execution failed after the Event Gateway answered its
 * Change Report 429 four times: the first send and the three resends Amazon allows ("resend up
 * to three times", docs/alexa-facts.md). Each such one is counted in `gaveUp` and checked to
 * have had exactly those four attempts; any other way to miss a delivery still fails.
 */
export async function burst(
	fake: FakeAlexa,
	port: number,
	prefix: string,
	count: number,
	timeoutMs: number,
	failedExecutions?: () => Promise<number>,
): Promise<BurstFigures> {
	const mine = () =>
		fake
			.events()
			.filter(({ message }) => String(message.event.endpoint?.endpointId).startsWith(`${prefix}-`));
	const acceptedDevices = () =>
		new Set(
			mine()
				.filter(({ request }) => request.status === 202)
				.map(({ message }) => String(message.event.endpoint.endpointId)),
		);
	const started = performance.now();
	const answers = await Promise.all(
		Array.from({ length: count }, (_, index) => deviceChanged(port, `${prefix}-${index}`, 'ON')),
	);
	assert.ok(
		answers.every((answer) => answer.ok),
		'n8n took every webhook call',
	);
	// No execution is sent again: queue mode runs on PostgreSQL, and a lost one is a failure.
	await waitFor(
		`${count} ${prefix} change reports accepted${failedExecutions ? ', or their executions failed' : ''}`,
		async () => acceptedDevices().size + (failedExecutions ? await failedExecutions() : 0) >= count,
		timeoutMs,
	);
	const seconds = (performance.now() - started) / 1000;
	const events = mine();
	const delivered = acceptedDevices();
	const missed = Array.from({ length: count }, (_, index) => `${prefix}-${index}`).filter(
		(device) => !delivered.has(device),
	);
	for (const device of missed) {
		const attempts = events.filter(
			({ message }) => String(message.event.endpoint?.endpointId) === device,
		);
		assert.deepEqual(
			attempts.map(({ request }) => request.status),
			[429, 429, 429, 429],
			`${device}: not delivered, and not for four 429s`,
		);
	}
	const accepted = new Map<string, number>();
	for (const { request, message } of events) {
		if (request.status === 202)
			accepted.set(
				message.event.header.messageId,
				(accepted.get(message.event.header.messageId) ?? 0) + 1,
			);
	}
	assert.equal(accepted.size, count - missed.length, 'every other device change delivered');
	assert.ok(
		[...accepted.values()].every((times) => times === 1),
		'none delivered twice',
	);
	const throttled = events.filter(({ request }) => request.status === 429).length;
	// 429s in each 10 s of the burst: they thin out as the senders settle on Alexa's rate.
	const firstAt = Math.min(...events.map(({ request }) => request.receivedAt));
	const per10s = Array.from({ length: Math.ceil(seconds / 10) }, () => 0);
	for (const { request } of events)
		if (request.status === 429)
			per10s[Math.min(per10s.length - 1, Math.floor((request.receivedAt - firstAt) / 10_000))]++;
	return {
		seconds,
		requests: events.length,
		throttled,
		share: throttled / events.length,
		per10s,
		gaveUp: missed.length,
	};
}

export function describeBurst(figures: BurstFigures): string {
	const gaveUp =
		figures.gaveUp > 0
			? `; ${figures.gaveUp} not delivered: answered 429 four times, their executions failed with Alexa's error`
			: '';
	return `${figures.seconds.toFixed(1)} s, ${figures.requests} requests, ${figures.throttled} answered 429 (${(figures.share * 100).toFixed(1)}%; per 10 s: ${figures.per10s.join(', ')})${gaveUp}`;
}

export async function pacingStage(fake: FakeAlexa, log: (text: string) => void): Promise<void> {
	resetFake(fake);
	const port = await freePort();
	await publishChangeReportWorkflow();
	await startN8n(['start'], { N8N_PORT: String(port) }, 'pacing-n8n');
	await waitFor('n8n', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 120_000);
	await waitFor('the webhook', async () => await webhookTookDeviceChange(port, 'warm-up'), 60_000);
	await waitFor(
		'the warm-up change report',
		() => fake.events().some(({ request }) => request.status === 202),
		30_000,
	);

	// 50/s first, on a process that has not been throttled yet, as most processes are; then 5/s.
	fake.rateLimit = { perSecond: 50, burst: 50 };
	const fast = await burst(fake, port, 'pace50', 200, 60_000);
	log(`  200 executions at 50/s: ${describeBurst(fast)}`);
	assert.ok(fast.share <= 0.1, `429s at 50/s: ${describeBurst(fast)}`);

	fake.rateLimit = { perSecond: 5, burst: 5 };
	const slow = await burst(fake, port, 'pace5', 200, 180_000);
	log(`  200 executions at 5/s: ${describeBurst(slow)}`);
	assert.ok(slow.share <= 0.1, `429s at 5/s: ${describeBurst(slow)}`);
	fake.rateLimit = undefined;
	await stopAll();
}
