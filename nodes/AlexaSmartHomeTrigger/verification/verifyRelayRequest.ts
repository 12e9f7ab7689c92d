import { createHmac, timingSafeEqual } from 'crypto';

import {
	MAX_BODY_BYTES,
	MIN_SECRET_LENGTH,
	RELAY_HEADERS,
	SIGNATURE_SCHEME,
	TIMESTAMP_TOLERANCE_SECONDS,
} from './relayRules';
import { admitMessage } from './seenMessages';

export type RequestHeaders = Record<string, string | string[] | undefined>;

/** A directive as the trigger reads it: its header's fields already type-checked. */
export interface Directive {
	envelope: Record<string, unknown>;
	namespace: string;
	name: string;
	messageId: string;
}

/**
 * `status` is the HTTP answer: 401 when the request is not the relay's (no or a wrong signature,
 * a timestamp outside the window, a message seen before), 400 when it is signed but not a
 * directive. `reason` goes to the caller (which check failed, nothing from the request);
 * `detail` only to the log.
 */
export type RelayVerification =
	| ({ verified: true } & Directive)
	| { verified: false; status: 400 | 401; reason: string; detail?: string };

const refuse = (status: 400 | 401, reason: string, detail?: string): RelayVerification => ({
	verified: false,
	status,
	reason,
	detail,
});

const WHOLE_SECONDS = /^[0-9]{1,12}$/;
const SIGNATURE = new RegExp(`^${SIGNATURE_SCHEME}=([0-9a-f]{64})$`);

function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The relay's request checked as docs/decisions/0010-smart-home-relay.md says, before anything
 * of the body is read: the HMAC over the timestamp and the exact bytes received, compared in
 * constant time; the timestamp within TIMESTAMP_TOLERANCE_SECONDS of `now`; then the body parsed
 * and its directive's header read by type; last, the messageId admitted once.
 */
export function verifyRelayRequest(
	rawBody: Buffer | undefined,
	headers: RequestHeaders,
	settings: { secret: string; now: number },
): RelayVerification {
	if (settings.secret.length < MIN_SECRET_LENGTH)
		return refuse(
			401,
			`the credential's Relay Secret is shorter than ${MIN_SECRET_LENGTH} characters (make one with: openssl rand -hex 32)`,
		);
	const timestamp = headerValue(headers, RELAY_HEADERS.timestamp);
	const signature = headerValue(headers, RELAY_HEADERS.signature);
	if (timestamp === undefined || signature === undefined)
		return refuse(401, 'the request is not signed by the relay (its headers are missing)');
	const mac = SIGNATURE.exec(signature)?.[1];
	if (!WHOLE_SECONDS.test(timestamp) || mac === undefined)
		return refuse(401, 'the relay signature headers are malformed');
	if (!Buffer.isBuffer(rawBody) || rawBody.length === 0)
		return refuse(400, 'the request has no body');
	if (rawBody.length > MAX_BODY_BYTES)
		return refuse(400, `the body is larger than ${MAX_BODY_BYTES} bytes`);

	const expected = createHmac('sha256', settings.secret)
		.update(`${timestamp}.`)
		.update(rawBody)
		.digest();
	if (!timingSafeEqual(expected, Buffer.from(mac, 'hex')))
		return refuse(
			401,
			'the signature does not match (is the relay secret the same on both sides?)',
		);

	// In milliseconds: the relay floors its time to whole seconds, so a fresh request is 0–999 ms
	// behind; rounding n8n's clock to seconds instead would let a 300.6 s skew pass one time in two.
	const skewMs = settings.now - Number(timestamp) * 1000;
	if (Math.abs(skewMs) > TIMESTAMP_TOLERANCE_SECONDS * 1000)
		return refuse(
			401,
			`the timestamp is more than ${TIMESTAMP_TOLERANCE_SECONDS} s from this server's clock`,
			`${(skewMs / 1000).toFixed(1)} s`,
		);

	let envelope: unknown;
	try {
		envelope = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return refuse(400, 'the body is not JSON');
	}
	const directive = isObject(envelope) ? envelope.directive : undefined;
	const header = isObject(directive) ? directive.header : undefined;
	if (!isObject(envelope) || !isObject(header))
		return refuse(400, 'the body holds no Alexa directive');
	const { namespace, name, messageId } = header;
	if (typeof namespace !== 'string' || typeof name !== 'string' || typeof messageId !== 'string')
		return refuse(400, "the directive's header has no namespace, name or messageId");
	if (messageId.length === 0 || messageId.length > 256)
		return refuse(400, "the directive's messageId is empty or longer than 256 characters");

	const expiresAt = (Number(timestamp) + TIMESTAMP_TOLERANCE_SECONDS) * 1000;
	if (!admitMessage(messageId, expiresAt, settings.now))
		return refuse(
			401,
			'the directive was already received (its messageId was seen before)',
			`${namespace}.${name} ${messageId}`,
		);
	return { verified: true, envelope, namespace, name, messageId };
}
