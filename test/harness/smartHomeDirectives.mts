/**
 * Smart home directives as Alexa sends them, and the relay's signature (docs/decisions/
 * 0010-smart-home-relay.md), for the Alexa Smart Home Trigger's tests. Discover, AcceptGrant and
 * ReportState are Amazon's sample messages (test/fixtures/alexa-schemas); the controllers'
 * directives follow the same envelope with the payloads of Amazon's interface pages
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-powercontroller.html and the
 * pages of the same name).
 */
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { fixtures } from './schema.mts';

export const RELAY_SECRET = 'relay-secret-0123456789abcdef0123456789';
export const BEARER_TOKEN = 'access-token-from-skill';
export const GRANT_CODE = 'ANUbUKCJqlBOpMhwYWxU';
export const GRANTEE_TOKEN = 'access-token-from-skill';

export function sampleDirective(file: string): Record<string, any> {
	return JSON.parse(fs.readFileSync(path.join(fixtures, 'sample_messages', file), 'utf8'));
}

export const discover = () => sampleDirective('Discovery/Discovery.request.json');
export const acceptGrant = () =>
	sampleDirective('Authorization/Authorization.AcceptGrant.request.json');
export const reportState = () => sampleDirective('StateReport/ReportState.json');

/** A device directive for endpoint `lamp-1` with a fresh messageId. */
export function deviceDirective(
	namespace: string,
	name: string,
	payload: Record<string, unknown> = {},
	extra: { instance?: string; endpointId?: string } = {},
): Record<string, any> {
	return {
		directive: {
			header: {
				namespace,
				name,
				...(extra.instance ? { instance: extra.instance } : {}),
				payloadVersion: '3',
				messageId: randomUUID(),
				correlationToken: `correlation-${randomUUID()}`,
			},
			endpoint: {
				scope: { type: 'BearerToken', token: BEARER_TOKEN },
				endpointId: extra.endpointId ?? 'lamp-1',
				cookie: { room: 'kitchen' },
			},
			payload,
		},
	};
}

/** The relay's headers for `body` at `seconds` (Unix time), signed with `secret`. */
export function relayHeaders(
	body: string,
	seconds: number,
	secret = RELAY_SECRET,
): Record<string, string> {
	const timestamp = String(seconds);
	const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
	return {
		'content-type': 'application/json',
		'x-alexa-relay-timestamp': timestamp,
		'x-alexa-relay-signature': `v1=${mac}`,
	};
}
