/**
 * The protocol between the relay in AWS Lambda (lambda/alexaSmartHomeRelay.mjs) and this trigger,
 * as names and numbers (data). docs/decisions/0010-smart-home-relay.md is the contract; Amazon
 * has no part in it: Alexa talks to the Lambda function, the function to n8n.
 */

/** The credential type holding the secret (credentials/AlexaSmartHomeRelayApi.credentials.ts). */
export const SMART_HOME_RELAY_CREDENTIAL = 'alexaSmartHomeRelayApi';

/**
 * The shortest secret accepted, as lambda/template.yaml's RelaySecret (MinLength): 32 characters
 * from `openssl rand -hex 32` are 128 bits, more than anyone can guess against a webhook.
 */
export const MIN_SECRET_LENGTH = 32;

/** Request headers (n8n hands them over lowercased). */
export const RELAY_HEADERS = {
	/** Unix time in whole seconds when the relay sent the request. */
	timestamp: 'x-alexa-relay-timestamp',
	/** `v1=` and 64 lower-case hex digits: HMAC-SHA256 with the shared secret over `<timestamp>.<body>`. */
	signature: 'x-alexa-relay-signature',
} as const;

export const SIGNATURE_SCHEME = 'v1';

/**
 * How far the relay's timestamp may be from n8n's clock, either way. The relay sends at once, so
 * the window is only for clocks that disagree (Lambda's is kept by AWS, a self-hosted n8n's may
 * drift); 5 minutes is what Stripe and Slack allow for their signed webhooks. A copy replayed
 * within the window is caught by the message ID (below), after it by the timestamp.
 */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/**
 * The messageIds of admitted directives, per process, each until its timestamp leaves the window.
 * Amazon: messageId is "a unique identifier for each message" (Alexa.Discovery and the directive
 * header in https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-interface.html).
 * 100,000 ids are 333 directives a second for 5 minutes, far more than one household's devices
 * send; at some 130 bytes an id, about 13 MB when full. When full, the oldest goes first.
 */
export const MESSAGE_ID_MEMORY = 100_000;

/** A larger body is refused before its signature is computed: Amazon's directives are a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;
