/**
 * The Alexa Trigger when the certificate host fails (issue 26 point 3): slow or down while the
 * chain is cached, and down with nothing cached. Each test names its own chain URL, since the
 * chain cache is per process. Time comes from the node's clock, replaced here by a manual one;
 * only the fetch deadline (3 s, CERTIFICATE_FETCH.deadlineMs) runs on real time, as in n8n.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { launchRequest } from './alexa-signer/requests.mts';
import { chainUrl, type S3StandIn } from './alexa-signer/s3StandIn.mts';
import { makeTestPki } from './alexa-signer/signer.mts';
import { endpoint, pki, s3StandIn, sendSigned, stopS3StandIn } from './harness/alexaRequests.mts';
import { ManualClock } from './harness/fixtures.mts';
import { clock } from './harness/modules.mts';
import type { TriggerEndpoint } from './harness/trigger.mts';

let s3: S3StandIn;
before(async () => {
	s3 = await s3StandIn();
});
after(stopS3StandIn);

let manual: ManualClock;
let target: TriggerEndpoint;
beforeEach(async () => {
	manual = new ManualClock();
	manual.nowMs = Date.now();
	clock.useClock(manual);
	target = await endpoint();
});
afterEach(async () => {
	await target.close();
	clock.useClock();
});

const fetchesOf = (path: string) => s3.fetches.get(path) ?? 0;
/** A launch request stamped with the node's (manual) time. */
const launch = () => launchRequest({ timestamp: new Date(manual.nowMs) });

/** S3 answers only after `ms` (real time): slower than the fetch's 3 s deadline. */
function slow(path: string, ms: number, chainPem: string) {
	s3.respondWith.set(path, (_request, response) => {
		const timer = setTimeout(() => response.writeHead(200).end(chainPem), ms);
		response.on('close', () => clearTimeout(timer));
	});
}

/** S3 takes the connection and closes it without an answer. */
function down(path: string) {
	s3.respondWith.set(path, (request) => request.socket.destroy());
}

describe('the certificate host slow or down while the chain is cached', () => {
	for (const [name, fail] of [
		['slow (5 s)', (path: string, chainPem: string) => slow(path, 5_000, chainPem)],
		['down', (path: string) => down(path)],
	] as const) {
		test(`${name}: requests are verified from the cache until the signing certificate expires`, async () => {
			const path = `/echo.api/cached-then-${name.split(' ')[0]}.pem`;
			// A signing certificate that expires in ten minutes, under the test root.
			const shortLived = makeTestPki({ notAfter: new Date(manual.nowMs + 600_000) }, pki.root);
			s3.put(path, shortLived.chainPem);
			const send = () =>
				sendSigned(target, launch(), {
					certificateUrl: chainUrl(path),
					signingKey: shortLived.signing.privateKey,
				});
			assert.equal((await send()).status, 200);
			assert.equal(fetchesOf(path), 1);

			fail(path, shortLived.chainPem);
			for (let minute = 0; minute < 9; minute++) {
				manual.advance(60_000);
				const answer = await send();
				assert.equal(answer.status, 200, answer.text);
			}
			assert.equal(fetchesOf(path), 1, 'nine minutes of requests, no fetch: the cache answered');
			assert.equal(target.executions.length, 10);

			manual.advance(120_000);
			const expired = await send();
			assert.equal(expired.status, 400);
			assert.equal(fetchesOf(path), 2, 'an expired chain is fetched again');
			assert.match(expired.text, /could not be fetched|expired/);
			s3.respondWith.delete(path);
		});
	}
});

describe('the certificate host down with nothing cached', () => {
	test('ten requests at once: one fetch, each refused within the deadline, none executed', async () => {
		const path = '/echo.api/never-answers.pem';
		s3.respondWith.set(path, () => {
			// Takes the request and never answers: the fetch ends at its deadline.
		});
		const started = performance.now();
		const answers = await Promise.all(
			Array.from({ length: 10 }, () =>
				sendSigned(target, launch(), { certificateUrl: chainUrl(path) }).then((answer) => ({
					...answer,
					afterMs: performance.now() - started,
				})),
			),
		);
		for (const answer of answers) {
			assert.equal(answer.status, 400);
			assert.match(answer.text, /could not be fetched/);
			// The deadline is 3 s; the slack is for a loaded machine, the point is that it is not 10 × 3 s.
			assert.ok(answer.afterMs < 3_000 + 7_000, `refused after ${answer.afterMs.toFixed(0)} ms`);
		}
		assert.equal(fetchesOf(path), 1, 'one fetch in flight, shared by the ten requests');

		// Remembered as failed for 10 s: the next requests are refused at once, with no fetch.
		const again = await sendSigned(target, launch(), { certificateUrl: chainUrl(path) });
		assert.equal(again.status, 400);
		assert.equal(fetchesOf(path), 1);

		// After that, one more fetch for the next burst (the host now refuses the connection).
		manual.advance(10_000);
		down(path);
		const burst = await Promise.all(
			Array.from({ length: 10 }, () =>
				sendSigned(target, launch(), { certificateUrl: chainUrl(path) }),
			),
		);
		assert.ok(burst.every((answer) => answer.status === 400));
		assert.equal(fetchesOf(path), 2);
		assert.equal(target.executions.length, 0);
		s3.respondWith.delete(path);
	});
});

describe("the workflow slower than Alexa's 8 s", () => {
	/** A trigger whose workflow (the harness's Answer node) takes `delayMs` of real time. */
	async function slowEndpoint(options: INodeParameters, responseMode = 'lastNode', delayMs = 400) {
		await target.close();
		target = await endpoint(
			{ responseMode, options },
			{
				after: [
					{
						name: 'Answer',
						type: 'harness.answer',
						parameters: { delayMs, sendResponse: responseMode === 'responseNode' },
					},
				],
			},
		);
	}

	/** Sends a request, moves the node's clock 7 s once the trigger has set its deadline, and waits for the answer. */
	async function sendAndWaitSevenSeconds() {
		const answer = sendSigned(target, launch());
		const startedAt = performance.now();
		while (manual.deadlines.length === 0) {
			assert.ok(
				performance.now() - startedAt < 10_000,
				'the trigger set no deadline for the request',
			);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		manual.advance(7_000);
		return await answer;
	}

	test('Say a Message (the default): Alexa gets the slow answer at 7 s, and the execution still ends', async () => {
		await slowEndpoint({});
		const answer = await sendAndWaitSevenSeconds();
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.body, {
			version: '1.0',
			response: {
				outputSpeech: {
					type: 'PlainText',
					text: "Sorry, that's taking longer than it should. Please try again in a moment.",
				},
				shouldEndSession: true,
			},
		});
		for (let waited = 0; target.executions.length === 0; waited += 20) {
			assert.ok(waited < 10_000, 'the execution ended');
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const [execution] = target.executions;
		assert.equal(execution!.error, undefined);
		assert.equal(
			(execution!.lastNodeOutput[0]?.json as any).response.outputSpeech.text,
			'You sent LaunchRequest',
			"the workflow ran to its end; its answer came after Alexa's",
		);
		assert.ok(
			target.logs.some((line) => /answered Alexa for a workflow still running 7 s/.test(line)),
		);
	});

	test('the message of Slow Answer, and Answer With an Error (HTTP 500)', async () => {
		await slowEndpoint({ slowAnswer: 'Still thinking. Ask me again soon.' });
		const spoken = await sendAndWaitSevenSeconds();
		assert.equal(
			(spoken.body as any).response.outputSpeech.text,
			'Still thinking. Ask me again soon.',
		);
		await slowEndpoint({ whenSlow: 'error' });
		const error = await sendAndWaitSevenSeconds();
		assert.equal(error.status, 500);
		assert.match(error.text, /did not answer within 7 s/);
	});

	test("a workflow that answers in time is Alexa's answer; Keep Waiting sets no deadline", async () => {
		await slowEndpoint({}, 'lastNode', 0);
		const inTime = await sendSigned(target, launch());
		assert.equal((inTime.body as any).response.outputSpeech.text, 'You sent LaunchRequest');
		manual.advance(7_000);
		await slowEndpoint({}, 'responseNode', 0);
		const byNode = await sendSigned(target, launch());
		assert.equal((byNode.body as any).response.outputSpeech.text, 'You sent LaunchRequest');
		manual.advance(7_000);
		await slowEndpoint({ whenSlow: 'wait' }, 'lastNode', 0);
		const waited = await sendSigned(target, launch());
		assert.equal((waited.body as any).response.outputSpeech.text, 'You sent LaunchRequest');
		assert.equal(manual.deadlines.length, 0, 'Keep Waiting sets no deadline');
	});
});
