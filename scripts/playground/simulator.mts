/**
 * The playground's Alexa simulator (issue 27): a page, and the JSON API behind it, served next to
 * n8n. It sends an Alexa Trigger workflow what Alexa would (LaunchRequest, IntentRequest,
 * SessionEndedRequest, skill events, Messaging.MessageReceived), each signed as Alexa signs
 * ("Host a Custom Skill as a Web Service": Signature-256 over the body, SignatureCertChainUrl on
 * s3.amazonaws.com), with a local test chain that the playground's workflows trust through the
 * trigger's Additional Trusted Root. Real Alexa never needs that option.
 *
 * Each in-session request is one the fake Alexa opened (openSkillRequest), so its apiAccessToken
 * and apiEndpoint work for progressive responses, reminders and the other in-session APIs the
 * examples call. A skill message the Alexa node sends is delivered back, as Alexa does, as a
 * signed Messaging.MessageReceived to the workflow chosen last on the page.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import {
	intentRequest,
	launchRequest,
	messageReceived,
	sessionEndedRequest,
	skillEvent,
	slot,
} from '../../test/alexa-signer/requests.mts';
import { alexaHeaders, type TestPki } from '../../test/alexa-signer/signer.mts';
import { carryOpenedRequest } from '../../test/fake-alexa/openedRequest.mts';
import type { FakeAlexa, RecordedRequest } from '../../test/fake-alexa/server.mts';

export interface SkillWorkflow {
	id: string;
	name: string;
	/** The trigger's production URL path, from /webhook/. */
	webhookPath: string;
}

export interface SimulatorOptions {
	port: number;
	n8nUrl: string;
	workflows: SkillWorkflow[];
	skillId: string;
	pki: TestPki;
	/** The SignatureCertChainUrl of the test chain (on s3.amazonaws.com, served by the stand-in). */
	chainUrl: string;
	/** The fake Alexa the credentials point at; undefined when they point at Amazon. */
	fake?: FakeAlexa;
}

/** What the page asks to send. */
interface SendRequest {
	workflowId: string;
	skillId?: string;
	kind: 'launch' | 'intent' | 'sessionEnded' | 'skillEvent' | 'messageReceived';
	intentName?: string;
	slots?: Record<string, string>;
	/** The session to carry on: its id and the attributes the last answer set. */
	session?: { sessionId: string; attributes: Record<string, unknown> };
	eventType?: string;
	message?: Record<string, unknown>;
	locale?: string;
}

/** One line of the page's log: what reached the fake Alexa, or what it delivered to a skill. */
interface LogEntry {
	at: string;
	direction: 'to Alexa' | 'Alexa to the skill';
	method: string;
	target: string;
	request: unknown;
	status?: number | string;
	answer?: unknown;
}

const HIDDEN = '[hidden]';
/** Fields whose values the page never shows, though the playground's are made up. */
const SECRET_FIELDS = new Set([
	'client_secret',
	'refresh_token',
	'access_token',
	'code_verifier',
	'apiAccessToken',
	'accessToken',
	'consentToken',
	'authorization',
]);

function hideSecrets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(hideSecrets);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, inner]) => [
			key,
			SECRET_FIELDS.has(key) ? HIDDEN : hideSecrets(inner),
		]),
	);
}

const page = fs.readFileSync(path.join(import.meta.dirname, 'simulator.html'), 'utf8');

export async function startSimulator(
	options: SimulatorOptions,
): Promise<{ url: string; close(): Promise<void> }> {
	const deliveries: LogEntry[] = [];
	/** The workflow that receives skill messages: the one the page sent to last. */
	let messageTarget = options.workflows[0];

	const webhookUrl = (workflow: SkillWorkflow) =>
		`${options.n8nUrl}/webhook/${workflow.webhookPath}`;

	async function post(workflow: SkillWorkflow, envelope: unknown) {
		const body = JSON.stringify(envelope);
		const started = performance.now();
		const answer = await fetch(webhookUrl(workflow), {
			method: 'POST',
			headers: alexaHeaders(body, options.pki.signing.privateKey, options.chainUrl),
			body,
			signal: AbortSignal.timeout(30_000),
		});
		const text = await answer.text();
		let json: unknown = text;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON: shown as text
		}
		return {
			status: answer.status,
			response: json,
			ms: Math.round(performance.now() - started),
		};
	}

	/** The envelope for what the page asked, with a request the fake opened when there is one. */
	function envelopeFor(asked: SendRequest): any {
		const envelopeOptions = {
			skillId: asked.skillId || options.skillId,
			locale: asked.locale || 'en-US',
			...(asked.session
				? { newSession: false, sessionAttributes: asked.session.attributes }
				: { newSession: true }),
		};
		let envelope: any;
		switch (asked.kind) {
			case 'launch':
				envelope = launchRequest(envelopeOptions);
				break;
			case 'intent': {
				if (!asked.intentName) throw new Error('Intent Name is empty: name the intent to send');
				const slots = Object.fromEntries(
					Object.entries(asked.slots ?? {})
						.filter(([name]) => name.trim() !== '')
						.map(([name, value]) => [name, slot(name, value)]),
				);
				envelope = intentRequest(asked.intentName, slots, envelopeOptions);
				break;
			}
			case 'sessionEnded':
				envelope = sessionEndedRequest(envelopeOptions);
				break;
			case 'skillEvent':
				envelope = skillEvent(
					asked.eventType || 'AlexaSkillEvent.SkillEnabled',
					{},
					envelopeOptions,
				);
				break;
			case 'messageReceived':
				envelope = messageReceived(asked.message ?? {}, envelopeOptions);
				break;
			default:
				throw new Error(`unknown request kind ${String(asked.kind)}`);
		}
		if (asked.session && envelope.session) envelope.session.sessionId = asked.session.sessionId;
		if (options.fake) {
			const opened = options.fake.openSkillRequest({
				requestType: envelope.request.type,
				locale: envelopeOptions.locale,
			});
			carryOpenedRequest(envelope, opened);
			// The helpers' made-up person token would reach no fake API: Alexa sends none unless a
			// voice profile is recognised.
			delete envelope.context.System.person;
		}
		return envelope;
	}

	if (options.fake)
		options.fake.skillEndpoint = async (userId, data) => {
			const workflow = messageTarget!;
			const envelope = envelopeFor({
				workflowId: workflow.id,
				kind: 'messageReceived',
				message: data,
			});
			envelope.context.System.user = { userId };
			const answer = await post(workflow, envelope);
			deliveries.push({
				at: new Date().toISOString(),
				direction: 'Alexa to the skill',
				method: 'POST',
				target: `${workflow.name}: Messaging.MessageReceived`,
				request: hideSecrets(envelope),
				status: answer.status,
				answer: answer.response,
			});
			return { status: answer.status, body: answer.response };
		};

	const fromFake = (recorded: RecordedRequest): LogEntry => ({
		at: new Date(recorded.receivedAt).toISOString(),
		direction: 'to Alexa',
		method: recorded.method,
		// Login with Amazon's token endpoint is on api.amazon.com (the stand-in serves it on its own port).
		target: `https://${recorded.path === '/auth/o2/token' ? 'api.amazon.com' : recorded.host}${recorded.path}`,
		request: hideSecrets(recorded.json ?? recorded.form ?? recorded.rawBody),
		status: recorded.status,
		answer: hideSecrets(recorded.answerBody),
	});

	const server = http.createServer((request, response) => {
		void (async () => {
			const url = new URL(request.url ?? '/', 'http://playground');
			const json = (status: number, body: unknown) => {
				response.writeHead(status, { 'content-type': 'application/json' });
				response.end(JSON.stringify(body));
			};
			try {
				if (request.method === 'GET' && url.pathname === '/') {
					response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
					response.end(page);
				} else if (request.method === 'GET' && url.pathname === '/api/setup') {
					json(200, {
						skillId: options.skillId,
						n8nUrl: options.n8nUrl,
						workflows: options.workflows.map((workflow) => ({
							...workflow,
							url: webhookUrl(workflow),
						})),
						standIn: options.fake !== undefined,
					});
				} else if (request.method === 'GET' && url.pathname === '/api/log') {
					const entries = [...(options.fake?.requests.map(fromFake) ?? []), ...deliveries].sort(
						(a, b) => a.at.localeCompare(b.at),
					);
					json(200, entries);
				} else if (request.method === 'POST' && url.pathname === '/api/send') {
					const chunks: Buffer[] = [];
					for await (const chunk of request) chunks.push(chunk as Buffer);
					const asked = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendRequest;
					const workflow = options.workflows.find((candidate) => candidate.id === asked.workflowId);
					if (!workflow)
						return json(400, { error: `no Alexa Trigger workflow ${asked.workflowId}` });
					messageTarget = workflow;
					const envelope = envelopeFor(asked);
					const answer = await post(workflow, envelope);
					json(200, { request: hideSecrets(envelope), url: webhookUrl(workflow), ...answer });
				} else json(404, { error: 'not found' });
			} catch (error) {
				json(400, { error: (error as Error).message });
			}
		})();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${options.port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
