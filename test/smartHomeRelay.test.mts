/**
 * The smart home relay (lambda/alexaSmartHomeRelay.mjs), run as Lambda runs it: the module
 * imported, its environment set, handler(directive, context) called, against a local server that
 * plays n8n. Directives are Amazon's samples; every error answer is checked against Amazon's
 * schema. The protocol: docs/decisions/0010-smart-home-relay.md.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, beforeEach, describe, it } from 'node:test';

import {
	inlineRelayCode,
	RELAY_FILE,
	TEMPLATE_FILE,
	templateInlineCode,
} from '../scripts/relayTemplate.mts';
import { fixtures, schemaErrors } from './harness/schema.mts';

type Handler = (event: unknown, context: unknown) => Promise<Record<string, any>>;
const { handler } = (await import(pathToFileURL(RELAY_FILE).href)) as { handler: Handler };

const SECRET = 'relay-secret-0123456789abcdef0123456789';
const BEARER = 'access-token-from-skill';
const GRANT_CODE = 'ANUbUKCJqlBOpMhwYWxU';
const CONTEXT = { awsRequestId: 'aws-request-1', functionName: 'relay' };

function sample(file: string): Record<string, any> {
	return JSON.parse(fs.readFileSync(path.join(fixtures, 'sample_messages', file), 'utf8'));
}
const reportState = () => sample('StateReport/ReportState.json');
const discover = () => sample('Discovery/Discovery.request.json');
const acceptGrant = () => sample('Authorization/Authorization.AcceptGrant.request.json');

/** What the server playing n8n does with the next request. */
type Behaviour =
	| { kind: 'answer'; status: number; body: string; contentType?: string }
	| { kind: 'hang' }
	| { kind: 'hangBody' };
let behaviour: Behaviour = { kind: 'answer', status: 200, body: '{}' };
const received: Array<{ headers: http.IncomingHttpHeaders; body: string; at: number }> = [];
const hanging: http.ServerResponse[] = [];

const n8n = http.createServer((request, response) => {
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		received.push({
			headers: request.headers,
			body: Buffer.concat(chunks).toString('utf8'),
			at: Date.now(),
		});
		if (behaviour.kind === 'hang') return void hanging.push(response);
		if (behaviour.kind === 'hangBody') {
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.write('{"event":');
			return void hanging.push(response);
		}
		response.writeHead(behaviour.status, {
			'Content-Type': behaviour.contentType ?? 'application/json',
		});
		response.end(behaviour.body);
	});
});
let n8nUrl = '';
let closedUrl = '';

before(async () => {
	await new Promise<void>((resolve) => n8n.listen(0, '127.0.0.1', resolve));
	n8nUrl = `http://127.0.0.1:${(n8n.address() as AddressInfo).port}/webhook/relay-test/alexa`;
	// A port that was just free and is closed again: connecting to it is refused.
	const probe = http.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/webhook/x`;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
});

after(async () => {
	for (const response of hanging) response.destroy();
	n8n.closeAllConnections();
	await new Promise<void>((resolve) => n8n.close(() => resolve()));
});

const ENV_NAMES = ['N8N_WEBHOOK_URL', 'RELAY_SECRET', 'RELAY_TIMEOUT_MS'];
function setEnv(env: Record<string, string | undefined>) {
	for (const name of ENV_NAMES) delete process.env[name];
	for (const [name, value] of Object.entries(env))
		if (value !== undefined) process.env[name] = value;
}
after(() => setEnv({}));

beforeEach(() => {
	received.length = 0;
	setEnv({ N8N_WEBHOOK_URL: n8nUrl, RELAY_SECRET: SECRET });
});

/**
 * One invocation, with everything the relay writes to the console captured; neither the answer
 * nor the log may hold the secret, the directive's bearer token or the grant code.
 */
async function invoke(event: unknown): Promise<{ answer: Record<string, any>; logs: string[] }> {
	const logs: string[] = [];
	const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
	const capture = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
	Object.assign(console, { log: capture, info: capture, warn: capture, error: capture });
	let answer: Record<string, any>;
	try {
		answer = await handler(event, CONTEXT);
	} finally {
		Object.assign(console, saved);
	}
	for (const secret of [SECRET, BEARER, GRANT_CODE]) {
		for (const line of logs) assert.ok(!line.includes(secret), `logged: ${line}`);
	}
	return { answer, logs };
}

/** An error answer: no secret or token returned, schema-valid, and its type. */
function assertFailure(answer: Record<string, any>, namespace: string, type: string) {
	const text = JSON.stringify(answer);
	for (const secret of [SECRET, BEARER, GRANT_CODE]) assert.ok(!text.includes(secret), text);
	assert.deepEqual(schemaErrors(answer), []);
	assert.equal(answer.event.header.namespace, namespace);
	assert.equal(answer.event.header.name, 'ErrorResponse');
	assert.equal(answer.event.header.payloadVersion, '3');
	assert.match(answer.event.header.messageId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
	assert.equal(answer.event.payload.type, type);
	assert.equal(typeof answer.event.payload.message, 'string');
}

/** The ReportState directive's correlation token and endpoint, and no scope. */
function assertAboutReportState(answer: Record<string, any>) {
	const directive = reportState().directive;
	assert.equal(answer.event.header.correlationToken, directive.header.correlationToken);
	assert.deepEqual(answer.event.endpoint, { endpointId: directive.endpoint.endpointId });
}

describe('smart home relay: a directive to n8n', () => {
	it('posts the exact directive, signed with the secret over `timestamp.body`', async () => {
		const stateReport = sample('StateReport/StateReport.json');
		behaviour = { kind: 'answer', status: 200, body: JSON.stringify(stateReport) };
		const directive = reportState();
		const { answer, logs } = await invoke(directive);

		assert.equal(received.length, 1);
		const [{ headers, body, at }] = received;
		assert.equal(body, JSON.stringify(directive));
		assert.equal(headers['content-type'], 'application/json');
		const timestamp = headers['x-alexa-relay-timestamp'] as string;
		assert.match(timestamp, /^[0-9]+$/);
		assert.ok(Math.abs(Number(timestamp) - at / 1000) < 5, `timestamp ${timestamp}`);
		const signature = headers['x-alexa-relay-signature'] as string;
		assert.match(signature, /^v1=[0-9a-f]{64}$/);
		const expected = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest();
		assert.ok(timingSafeEqual(Buffer.from(signature.slice(3), 'hex'), expected));
		assert.ok(!Object.values(headers).join(' ').includes(SECRET));

		assert.deepEqual(answer, stateReport);
		assert.equal(logs.length, 1);
		assert.deepEqual(JSON.parse(logs[0]), {
			relay: 'alexa-smart-home',
			namespace: 'Alexa',
			name: 'ReportState',
			messageId: directive.directive.header.messageId,
			requestId: CONTEXT.awsRequestId,
			outcome: 'http 200',
		});
	});

	it("returns n8n's Discover.Response and AcceptGrant.Response unchanged", async () => {
		for (const [directive, response] of [
			[discover(), sample('Discovery/Discovery.response.json')],
			[acceptGrant(), sample('Authorization/Authorization.AcceptGrant.response.json')],
		]) {
			behaviour = { kind: 'answer', status: 200, body: JSON.stringify(response) };
			const { answer } = await invoke(directive);
			assert.deepEqual(answer, response);
		}
	});
});

describe('smart home relay: when n8n gives no answer Alexa can use', () => {
	it('n8n unreachable (a closed port) → ENDPOINT_UNREACHABLE with the correlation token and endpoint', async () => {
		setEnv({ N8N_WEBHOOK_URL: closedUrl, RELAY_SECRET: SECRET });
		const { answer, logs } = await invoke(reportState());
		assertFailure(answer, 'Alexa', 'ENDPOINT_UNREACHABLE');
		assertAboutReportState(answer);
		assert.equal(JSON.parse(logs[0]).outcome, 'unreachable');
	});

	it(
		'n8n never answers → ENDPOINT_UNREACHABLE after RELAY_TIMEOUT_MS',
		{ timeout: 5000 },
		async () => {
			setEnv({ N8N_WEBHOOK_URL: n8nUrl, RELAY_SECRET: SECRET, RELAY_TIMEOUT_MS: '300' });
			for (const kind of ['hang', 'hangBody'] as const) {
				behaviour = { kind };
				const started = Date.now();
				const { answer, logs } = await invoke(reportState());
				const took = Date.now() - started;
				assert.ok(took >= 290 && took < 2000, `${kind}: answered after ${took} ms`);
				assertFailure(answer, 'Alexa', 'ENDPOINT_UNREACHABLE');
				assertAboutReportState(answer);
				assert.equal(JSON.parse(logs[0]).outcome, 'timeout');
			}
		},
	);

	it(
		'waits at most 7000 ms, whatever RELAY_TIMEOUT_MS says (Alexa waits 8 s)',
		{ timeout: 10000 },
		async () => {
			setEnv({ N8N_WEBHOOK_URL: n8nUrl, RELAY_SECRET: SECRET, RELAY_TIMEOUT_MS: '60000' });
			behaviour = { kind: 'hang' };
			const started = Date.now();
			const { answer } = await invoke(reportState());
			const took = Date.now() - started;
			assert.ok(took >= 6900 && took < 7900, `answered after ${took} ms`);
			assertFailure(answer, 'Alexa', 'ENDPOINT_UNREACHABLE');
		},
	);

	const answers: Array<[string, Behaviour, string]> = [
		[
			'HTTP 500',
			{ kind: 'answer', status: 500, body: '{"message":"Error"}' },
			'ENDPOINT_UNREACHABLE',
		],
		['HTTP 503', { kind: 'answer', status: 503, body: '' }, 'ENDPOINT_UNREACHABLE'],
		[
			'HTTP 200 with HTML',
			{ kind: 'answer', status: 200, body: '<html>n8n</html>', contentType: 'text/html' },
			'INTERNAL_ERROR',
		],
		[
			'HTTP 200 with JSON that is no Alexa message',
			{ kind: 'answer', status: 200, body: '{"message":"Workflow was started"}' },
			'INTERNAL_ERROR',
		],
		[
			'HTTP 200 with an event without a name',
			{ kind: 'answer', status: 200, body: '{"event":{"header":{"namespace":"Alexa"}}}' },
			'INTERNAL_ERROR',
		],
		['HTTP 401 (signature refused)', { kind: 'answer', status: 401, body: '' }, 'INTERNAL_ERROR'],
		['HTTP 404 (workflow not active)', { kind: 'answer', status: 404, body: '' }, 'INTERNAL_ERROR'],
	];
	for (const [what, given, type] of answers) {
		it(`n8n answers ${what} → ${type}`, async () => {
			behaviour = given;
			const { answer } = await invoke(reportState());
			assertFailure(answer, 'Alexa', type);
			assertAboutReportState(answer);
			assert.ok(!JSON.stringify(answer).includes('n8n</html>'));
		});
	}

	it('AcceptGrant → Alexa.Authorization ErrorResponse ACCEPT_GRANT_FAILED', async () => {
		for (const given of [answers[0][1], answers[3][1]]) {
			behaviour = given;
			const { answer } = await invoke(acceptGrant());
			assertFailure(answer, 'Alexa.Authorization', 'ACCEPT_GRANT_FAILED');
			assert.equal(answer.event.endpoint, undefined);
		}
	});

	it('Discover → a Discover.Response with no endpoints (Amazon: an empty list, not an error)', async () => {
		behaviour = answers[0][1];
		const { answer } = await invoke(discover());
		assert.deepEqual(schemaErrors(answer), []);
		assert.equal(answer.event.header.namespace, 'Alexa.Discovery');
		assert.equal(answer.event.header.name, 'Discover.Response');
		assert.deepEqual(answer.event.payload, { endpoints: [] });
		assert.ok(!JSON.stringify(answer).includes(BEARER));
	});
});

describe('smart home relay: configuration', () => {
	const problems: Array<[string, Record<string, string | undefined>, RegExp]> = [
		['no N8N_WEBHOOK_URL', { RELAY_SECRET: SECRET }, /N8N_WEBHOOK_URL is not set/],
		[
			'no RELAY_SECRET',
			{ N8N_WEBHOOK_URL: 'https://n8n.example.com/webhook/x' },
			/RELAY_SECRET is not set/,
		],
		[
			'a URL that is none',
			{ N8N_WEBHOOK_URL: 'n8n.example.com/webhook', RELAY_SECRET: SECRET },
			/N8N_WEBHOOK_URL is not a URL/,
		],
		[
			'plain http to another host',
			{ N8N_WEBHOOK_URL: 'http://n8n.example.com/webhook/x', RELAY_SECRET: SECRET },
			/N8N_WEBHOOK_URL must be https/,
		],
		[
			'a user name in the URL',
			{ N8N_WEBHOOK_URL: 'https://me:pw@n8n.example.com/webhook/x', RELAY_SECRET: SECRET },
			/user name or password/,
		],
		[
			'a timeout that is no number',
			{
				N8N_WEBHOOK_URL: 'https://n8n.example.com/x',
				RELAY_SECRET: SECRET,
				RELAY_TIMEOUT_MS: '7s',
			},
			/RELAY_TIMEOUT_MS/,
		],
	];
	for (const [what, env, named] of problems) {
		it(`${what} → INTERNAL_ERROR naming it, logged, nothing sent`, async () => {
			setEnv(env);
			const { answer, logs } = await invoke(reportState());
			assertFailure(answer, 'Alexa', 'INTERNAL_ERROR');
			assertAboutReportState(answer);
			assert.match(answer.event.payload.message, named);
			assert.equal(logs.length, 1);
			assert.match(logs[0], named);
			assert.equal(received.length, 0);
		});
	}

	it('a missing variable on AcceptGrant and Discover answers in their own form', async () => {
		setEnv({ RELAY_SECRET: SECRET });
		assertFailure(
			(await invoke(acceptGrant())).answer,
			'Alexa.Authorization',
			'ACCEPT_GRANT_FAILED',
		);
		const { answer } = await invoke(discover());
		assert.equal(answer.event.header.name, 'Discover.Response');
		assert.deepEqual(schemaErrors(answer), []);
	});

	it('an event with no directive → INTERNAL_ERROR, nothing sent', async () => {
		const { answer } = await invoke({ hello: 'world' });
		assertFailure(answer, 'Alexa', 'INTERNAL_ERROR');
		assert.equal(received.length, 0);
	});
});

describe('smart home relay: lambda/template.yaml', () => {
	const template = fs.readFileSync(TEMPLATE_FILE, 'utf8');

	it('holds the relay inline, as CommonJS (`node scripts/relayTemplate.mts` writes it)', () => {
		const source = fs.readFileSync(RELAY_FILE, 'utf8');
		assert.equal(templateInlineCode(template), inlineRelayCode(source));
	});

	it('whose inline copy works when loaded as CloudFormation saves it: index.js, CommonJS', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alexa-relay-inline-'));
		try {
			// "type": "commonjs" as Lambda loads it: without it, Node 22+ would detect ES module syntax.
			fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"commonjs"}');
			fs.writeFileSync(path.join(dir, 'index.js'), templateInlineCode(template));
			const inline = createRequire(path.join(dir, 'index.js'))('./index.js') as {
				handler: Handler;
			};
			const stateReport = sample('StateReport/StateReport.json');
			behaviour = { kind: 'answer', status: 200, body: JSON.stringify(stateReport) };
			const logs: string[] = [];
			const saved = console.log;
			console.log = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
			try {
				assert.deepEqual(await inline.handler(reportState(), CONTEXT), stateReport);
			} finally {
				console.log = saved;
			}
			assert.equal(received.length, 1);
			assert.equal(received[0].body, JSON.stringify(reportState()));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it("lets only the skill's smart home invoke the function", () => {
		assert.match(template, /^ {6}Principal: alexa-connectedhome\.amazon\.com$/m);
		assert.match(template, /^ {6}Action: lambda:InvokeFunction$/m);
		assert.match(template, /^ {6}EventSourceToken: !Ref SkillId$/m);
		assert.match(template, /^ {6}Handler: index\.handler$/m);
		assert.match(template, /^ {6}Runtime: nodejs2[02]\.x$/m);
		assert.match(template, /^ {2}RelaySecret:\n(?: {4}.*\n)* {4}NoEcho: true$/m);
	});
});
