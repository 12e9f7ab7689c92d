/**
 * n8n restarted while Alexa's requests keep coming (issue 26 point 3): signed LaunchRequests to
 * the skill-backend example every 100 ms; n8n is stopped (SIGTERM) after ten answers and started
 * again. The certificate chain is fetched again by the new process (its cache is in memory), every
 * request is answered at most once, and each answered one ran exactly one execution.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';

import { launchRequest } from '../../alexa-signer/requests.mts';
import { SKILL_ID } from '../fixtures.mts';
import { freePort, signalGroup, stopAll, waitFor } from '../processes.mts';
import { importExample, publishWorkflow, startN8n } from '../n8n.mts';
import {
	CHAIN_PATH,
	postSigned,
	signedAlexa,
	storedExecutions,
	triggerListening,
} from './trigger.mts';

/**
 * The skill-backend example under an id and path of its own: the trigger stage published the
 * example trusting another test root, and n8n keeps that published version.
 */
const WORKFLOW = 'alexaE2eRestart';
const WEBHOOK = '/webhook/alexa-restart-backend/alexa';
/** What n8n answers, with HTTP 200, to every request before its database is ready. */
const N8N_STARTING = 'n8n is starting up. Please wait';

interface Sent {
	requestId: string;
	status?: number;
	speech?: string;
	/** The answer's body, kept for the failure message. */
	body?: string;
	failed?: string;
}

export async function restartStage(log: (text: string) => void): Promise<void> {
	const alexa = await signedAlexa();
	try {
		await publishWorkflow(
			await importExample('skill-backend-whats-on-my-list', (workflow) => {
				workflow.id = WORKFLOW;
				const trigger = workflow.nodes.find(
					(node: { type: string }) => node.type === 'n8n-nodes-alexa.alexaTrigger',
				);
				trigger.parameters.options = { additionalTrustedRoot: alexa.pki.root.pem };
				trigger.webhookId = 'alexa-restart-backend';
			}),
		);
		const before = (await storedExecutions(WORKFLOW)).length;
		const port = await freePort();
		const env = { ...alexa.n8nEnv, N8N_PORT: String(port) };
		const start = async (name: string) => {
			const child = await startN8n(['start'], env, name);
			await triggerListening(port, WEBHOOK);
			return child;
		};
		let n8n: ChildProcess = await start('restart-main-1');

		const sent: Sent[] = [];
		let sending = true;
		const traffic = (async () => {
			while (sending) {
				const envelope = launchRequest({ skillId: SKILL_ID });
				const entry: Sent = { requestId: envelope.request.requestId };
				sent.push(entry);
				try {
					const answer = await postSigned(
						port,
						envelope,
						alexa.pki.signing.privateKey,
						undefined,
						WEBHOOK,
					);
					entry.status = answer.status;
					entry.speech = answer.json?.response?.outputSpeech?.text;
					entry.body = JSON.stringify(answer.json).slice(0, 500);
				} catch (error) {
					entry.failed = (error as Error).message;
				}
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		})();
		/** Answered by the skill: 200 with a speech (n8n's own 200 for a cut-short execution has none). */
		const answered = () =>
			sent.filter((entry) => entry.status === 200 && entry.speech !== undefined).length;
		await waitFor('ten answers from the first process', () => answered() >= 10, 60_000);
		// One request at a time: at most this one is in flight when n8n is told to stop.
		const inFlightAtStop = sent.at(-1)?.status === undefined ? sent.at(-1) : undefined;
		signalGroup(n8n, 'SIGTERM');
		await new Promise((resolve) => n8n.once('exit', resolve));
		const answeredBefore = answered();
		n8n = await start('restart-main-2');
		await waitFor(
			'ten answers from the second process',
			() => answered() >= answeredBefore + 10,
			60_000,
		);
		sending = false;
		await traffic;

		// While n8n restarts, a request finds no server, a server whose database is not migrated
		// yet (n8n's "n8n is starting up. Please wait", with HTTP 200: abstract-server.ts in n8n
		// 2.41.1), or one whose webhook is not registered yet (404): not answered, for Alexa an
		// invalid response. What no process may do is refuse a signed request.
		const refused = sent.filter((entry) => entry.status === 400);
		assert.deepEqual(refused, [], 'no signed request refused, before or after the restart');
		// The request in flight at SIGTERM may get n8n's own answer for an execution cut short (a
		// 200 with n8n's message when the last node never ran, or a 500), never the skill's twice.
		const starting = (entry: Sent) => entry.body === JSON.stringify(N8N_STARTING);
		for (const entry of sent.filter(
			(entry) => entry.status === 200 && entry !== inFlightAtStop && !starting(entry),
		))
			assert.equal(
				entry.speech,
				'Welcome to your list. Ask me what is on it.',
				`request ${sent.indexOf(entry) + 1} of ${sent.length}: ${entry.body}`,
			);
		assert.equal(
			alexa.s3.fetches.get(CHAIN_PATH),
			2,
			'the chain fetched once by each process: verified again after the restart',
		);
		await waitFor(
			'an execution for every answered request',
			async () => (await storedExecutions(WORKFLOW)).length - before >= answered(),
			30_000,
		);
		// A request in flight when n8n stopped may have started an execution that ended with the
		// process (HTTP 500 to it): at most one each. An answered request ran exactly one.
		const executions = (await storedExecutions(WORKFLOW)).slice(before);
		for (const entry of sent) {
			const runs = executions.filter((execution) =>
				String(execution.data).includes(entry.requestId),
			).length;
			if (entry.status === 200 && entry !== inFlightAtStop && !starting(entry))
				assert.equal(runs, 1, `executions of ${entry.requestId}`);
			else assert.ok(runs <= 1, `executions of ${entry.requestId}: ${runs}`);
		}
		const failed = sent.length - answered();
		const cutShort = inFlightAtStop
			? `${inFlightAtStop.status ?? 'no answer'}, ${inFlightAtStop.body ?? inFlightAtStop.failed}`
			: 'none was';
		log(
			`  restart: ${sent.length} requests, ${answered()} answered (${answeredBefore} before the restart), ${failed} not answered while n8n was down (${sent.filter(starting).length} of them n8n's "starting up" page), 2 certificate fetches, one execution per answer; the request in flight at SIGTERM: ${cutShort}`,
		);
	} finally {
		await stopAll();
		await alexa.s3.close();
	}
}
