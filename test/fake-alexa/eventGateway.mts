/**
 * The Event Gateway: POST /v3/events, as "Send Events to the Event Gateway" documents it.
 * 202 with no body on success; errors carry `{header: {namespace: "System", name:
 * "Exception", messageId}, payload: {code, description}}`.
 */
import { randomUUID } from 'node:crypto';

import type { Answer, FakeAlexa, RecordedRequest } from './server.mts';

export const MAX_ENDPOINTS = 300;
export const MAX_PAYLOAD_BYTES = 256 * 1024;
const PAYLOAD_SCOPED = ['Alexa.Discovery.AddOrUpdateReport', 'Alexa.Discovery.DeleteReport'];
/** Asynchronous answers to a directive: Amazon's Alexa.Response and ErrorResponse pages require the correlation token. */
const ANSWERS_TO_DIRECTIVES = ['Alexa.Response', 'Alexa.ErrorResponse', 'Alexa.StateReport'];

/** The documented status of each gateway error code. */
export const GATEWAY_ERRORS: Record<string, number> = {
	INVALID_REQUEST_EXCEPTION: 400,
	INVALID_ACCESS_TOKEN_EXCEPTION: 401,
	SKILL_NEVER_ENABLED_EXCEPTION: 403,
	INSUFFICIENT_PERMISSION_EXCEPTION: 403,
	SKILL_DISABLED_EXCEPTION: 403,
	ACCOUNT_NOT_FOUND_EXCEPTION: 404,
	SKILL_NOT_FOUND_EXCEPTION: 404,
	REQUEST_ENTITY_TOO_LARGE_EXCEPTION: 413,
	THROTTLING_EXCEPTION: 429,
	INTERNAL_SERVICE_EXCEPTION: 500,
	SERVICE_UNAVAILABLE_EXCEPTION: 503,
};

/**
 * A gateway error with its documented status. `status` overrides it where Amazon's page shows
 * another: its example of INVALID_ACCESS_TOKEN_EXCEPTION is an HTTP 400.
 */
export function gatewayError(
	code: string,
	description: string,
	retryAfter?: string,
	status?: number,
): Answer {
	const headers: Record<string, string> = {};
	if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
	if (!(code in GATEWAY_ERRORS))
		throw new Error(`The fake gateway only answers Amazon's documented codes, not ${code}`);
	return {
		status: status ?? GATEWAY_ERRORS[code],
		headers,
		body: {
			header: { namespace: 'System', name: 'Exception', messageId: randomUUID() },
			payload: { code, description },
		},
	};
}

type Json = Record<string, unknown>;

export function handleEventGateway(fake: FakeAlexa, request: RecordedRequest): Answer {
	if (request.method !== 'POST')
		return gatewayError('INVALID_REQUEST_EXCEPTION', 'Method not allowed');
	const bearer = fake.checkBearer(request);
	if (bearer.problem) {
		return gatewayError(
			'INVALID_ACCESS_TOKEN_EXCEPTION',
			'The access token is invalid, expired, or malformed.',
		);
	}
	if (bearer.token!.grant === 'client_credentials') {
		return gatewayError(
			'INSUFFICIENT_PERMISSION_EXCEPTION',
			'The token does not have the required permissions.',
		);
	}
	if (
		!String(request.headers['content-type'] ?? '').startsWith('application/json') ||
		request.json === undefined
	) {
		return gatewayError('INVALID_REQUEST_EXCEPTION', 'The message is not valid JSON.');
	}
	if (Buffer.byteLength(request.rawBody, 'utf8') > MAX_PAYLOAD_BYTES + 8192) {
		return gatewayError('REQUEST_ENTITY_TOO_LARGE_EXCEPTION', 'The message is too large.');
	}
	const message = request.json as Json;
	const event = message?.event as Json | undefined;
	const header = event?.header as Json | undefined;
	if (!event || !header)
		return gatewayError('INVALID_REQUEST_EXCEPTION', 'event.header is required.');
	for (const field of ['namespace', 'name', 'messageId']) {
		if (typeof header[field] !== 'string' || header[field] === '') {
			return gatewayError('INVALID_REQUEST_EXCEPTION', `event.header.${field} is required.`);
		}
	}
	if (header.payloadVersion !== '3')
		return gatewayError('INVALID_REQUEST_EXCEPTION', 'event.header.payloadVersion must be "3".');
	if (!event.payload || typeof event.payload !== 'object')
		return gatewayError('INVALID_REQUEST_EXCEPTION', 'event.payload is required.');
	const payload = event.payload as Json;
	const name = `${header.namespace}.${header.name}`;

	let scope: Json | undefined;
	if (PAYLOAD_SCOPED.includes(name)) {
		scope = payload.scope as Json | undefined;
		const endpoints = payload.endpoints;
		if (!Array.isArray(endpoints) || endpoints.length === 0) {
			return gatewayError('INVALID_REQUEST_EXCEPTION', 'payload.endpoints is required.');
		}
		if (endpoints.length > MAX_ENDPOINTS) {
			return gatewayError(
				'REQUEST_ENTITY_TOO_LARGE_EXCEPTION',
				'The maximum number of endpoints allowed in a request is 300.',
			);
		}
		if (Buffer.byteLength(JSON.stringify(payload), 'utf8') > MAX_PAYLOAD_BYTES) {
			return gatewayError(
				'REQUEST_ENTITY_TOO_LARGE_EXCEPTION',
				'The payload is larger than 256 KB.',
			);
		}
	} else {
		// Every other event is about an endpoint and carries the token in endpoint.scope: the page
		// says every event holds the customer's token in its body. (A DeferredResponse has no
		// endpoint: Alexa takes it only as a synchronous answer, so it is refused here too.)
		const endpoint = event.endpoint as Json | undefined;
		if (!endpoint || typeof endpoint !== 'object') {
			return gatewayError(
				'INVALID_REQUEST_EXCEPTION',
				'event.endpoint with the scope is required.',
			);
		}
		if (typeof endpoint.endpointId !== 'string' || endpoint.endpointId === '') {
			return gatewayError('INVALID_REQUEST_EXCEPTION', 'event.endpoint.endpointId is required.');
		}
		scope = endpoint.scope as Json | undefined;
	}
	if (
		ANSWERS_TO_DIRECTIVES.includes(name) &&
		(typeof header.correlationToken !== 'string' || header.correlationToken === '')
	) {
		return gatewayError(
			'INVALID_REQUEST_EXCEPTION',
			`event.header.correlationToken is required for an asynchronous ${header.name}.`,
		);
	}
	if (
		!scope ||
		scope.type !== 'BearerToken' ||
		typeof scope.token !== 'string' ||
		scope.token === ''
	) {
		return gatewayError('INVALID_REQUEST_EXCEPTION', 'The scope with a BearerToken is required.');
	}
	if (scope.token !== bearer.value) {
		return gatewayError(
			'INVALID_ACCESS_TOKEN_EXCEPTION',
			'The scope token does not match the Authorization header.',
		);
	}
	const account = fake.eventAccountError(bearer.value!);
	if (account) return gatewayError(account, `Injected account state ${account}`);
	return { status: 202, headers: {} };
}
