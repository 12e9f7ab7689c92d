/**
 * The smart home relay: an AWS Lambda function (Node.js 20 or later) that forwards each Alexa
 * smart home directive to an n8n webhook and returns n8n's answer to Alexa. Amazon accepts only a
 * Lambda function as a smart home skill's endpoint; the protocol between this relay and n8n is
 * docs/decisions/0010-smart-home-relay.md.
 *
 * Environment:
 *   N8N_WEBHOOK_URL   the webhook's Production URL; https (http only to localhost, for tests)
 *   RELAY_SECRET      the secret shared with n8n; signs each request (HMAC-SHA256)
 *   RELAY_TIMEOUT_MS  optional: how long to wait for n8n, default and most 7000 (Alexa waits 8 s)
 *
 * No dependencies and no imports: fetch and crypto are Node's globals. The one line that makes
 * this an ES module is `export const handler`; lambda/template.yaml holds this file inline with
 * that line as `exports.handler`, because CloudFormation saves inline code as index.js, which
 * Node loads as CommonJS (test/smartHomeRelay.test.mts checks that the two copies agree).
 * Logged: the directive's namespace, name and messageId and the outcome; never the directive,
 * its bearer token, the secret or n8n's answer.
 */

const DEFAULT_TIMEOUT_MS = 7000;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The configuration from the environment, or the problem with it (names no value). */
function configuration(env) {
	if (!env.N8N_WEBHOOK_URL) return { problem: 'N8N_WEBHOOK_URL is not set' };
	if (!env.RELAY_SECRET) return { problem: 'RELAY_SECRET is not set' };
	let url;
	try {
		url = new URL(env.N8N_WEBHOOK_URL);
	} catch {
		return { problem: 'N8N_WEBHOOK_URL is not a URL' };
	}
	const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
	if (url.protocol !== 'https:' && !local)
		return { problem: 'N8N_WEBHOOK_URL must be https (http only to localhost)' };
	if (url.username || url.password)
		return { problem: 'N8N_WEBHOOK_URL must not hold a user name or password' };
	let timeoutMs = DEFAULT_TIMEOUT_MS;
	if (env.RELAY_TIMEOUT_MS !== undefined && env.RELAY_TIMEOUT_MS !== '') {
		if (!/^[1-9][0-9]{0,8}$/.test(env.RELAY_TIMEOUT_MS))
			return { problem: 'RELAY_TIMEOUT_MS is not a whole number of milliseconds above 0' };
		timeoutMs = Math.min(Number(env.RELAY_TIMEOUT_MS), DEFAULT_TIMEOUT_MS);
	}
	return { url: url.href, secret: env.RELAY_SECRET, timeoutMs };
}

function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An Alexa message: an object with event.header.namespace and event.header.name strings. */
function isAlexaMessage(answer) {
	return (
		isObject(answer) &&
		isObject(answer.event) &&
		isObject(answer.event.header) &&
		typeof answer.event.header.namespace === 'string' &&
		typeof answer.event.header.name === 'string'
	);
}

/** The answer Alexa gets when n8n gives none it can use; never holds the bearer token. */
function failure(directive, type, message) {
	const header = isObject(directive) && isObject(directive.header) ? directive.header : {};
	const messageId = crypto.randomUUID();
	if (header.namespace === 'Alexa.Discovery' && header.name === 'Discover')
		return {
			event: {
				header: {
					namespace: 'Alexa.Discovery',
					name: 'Discover.Response',
					payloadVersion: '3',
					messageId,
				},
				payload: { endpoints: [] },
			},
		};
	const event = {
		header: { namespace: 'Alexa', name: 'ErrorResponse', payloadVersion: '3', messageId },
		payload: { type, message },
	};
	if (header.namespace === 'Alexa.Authorization' && header.name === 'AcceptGrant') {
		event.header.namespace = 'Alexa.Authorization';
		event.payload.type = 'ACCEPT_GRANT_FAILED';
	}
	if (typeof header.correlationToken === 'string')
		event.header.correlationToken = header.correlationToken;
	const endpoint = isObject(directive) && isObject(directive.endpoint) ? directive.endpoint : {};
	if (typeof endpoint.endpointId === 'string') event.endpoint = { endpointId: endpoint.endpointId };
	return { event };
}

async function sign(secret, text) {
	const key = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(secret),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign'],
	);
	const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text));
	return Buffer.from(mac).toString('hex');
}

/** n8n's answer, or the error type and message of why there is none. */
async function relay(config, event) {
	const body = JSON.stringify(event);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = await sign(config.secret, `${timestamp}.${body}`);
	let status;
	let text;
	try {
		const signal = AbortSignal.timeout(config.timeoutMs);
		const response = await fetch(config.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-Alexa-Relay-Timestamp': timestamp,
				'X-Alexa-Relay-Signature': `v1=${signature}`,
			},
			body,
			signal,
			redirect: 'error',
		});
		status = response.status;
		text = await response.text();
	} catch (error) {
		const timedOut = error && (error.name === 'TimeoutError' || error.name === 'AbortError');
		return {
			type: 'ENDPOINT_UNREACHABLE',
			outcome: timedOut ? 'timeout' : 'unreachable',
			message: timedOut
				? `n8n did not answer within ${config.timeoutMs} ms`
				: 'n8n could not be reached',
		};
	}
	if (status >= 500)
		return {
			type: 'ENDPOINT_UNREACHABLE',
			outcome: `http ${status}`,
			message: `n8n answered HTTP ${status}`,
		};
	if (status < 200 || status > 299)
		return {
			type: 'INTERNAL_ERROR',
			outcome: `http ${status}`,
			message: `n8n answered HTTP ${status}`,
		};
	let answer;
	try {
		answer = JSON.parse(text);
	} catch {
		answer = undefined;
	}
	if (!isAlexaMessage(answer))
		return {
			type: 'INTERNAL_ERROR',
			outcome: 'not an Alexa message',
			message: 'n8n answered with no Alexa message',
		};
	return { answer, outcome: `http ${status}` };
}

export const handler = async (event, context) => {
	const directive = isObject(event) && isObject(event.directive) ? event.directive : undefined;
	const header = directive && isObject(directive.header) ? directive.header : {};
	const log = (outcome) =>
		console.log(
			JSON.stringify({
				relay: 'alexa-smart-home',
				namespace: String(header.namespace),
				name: String(header.name),
				messageId: String(header.messageId),
				requestId:
					context && typeof context.awsRequestId === 'string' ? context.awsRequestId : undefined,
				outcome,
			}),
		);
	const config = configuration(process.env);
	if (config.problem) {
		log(`not configured: ${config.problem}`);
		return failure(directive, 'INTERNAL_ERROR', `The relay is not configured: ${config.problem}`);
	}
	if (!directive) {
		log('not a directive');
		return failure(directive, 'INTERNAL_ERROR', 'The relay received no directive');
	}
	const result = await relay(config, event);
	log(result.outcome);
	return result.answer ?? failure(directive, result.type, result.message);
};
