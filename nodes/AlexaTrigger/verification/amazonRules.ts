/**
 * Amazon's rules for a request sent to a skill hosted as a web service, as numbers and names
 * (data, not code). Source: "Host a Custom Skill as a Web Service", section "Verify that the
 * request was sent by Alexa":
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html#verify-request-sent-by-alexa
 * Where the page is silent, the ASK SDK's verifier (`ask-sdk-express-adapter`,
 * lib/verifier/index.ts) is the reference; each such value says so.
 */
export const CERTIFICATE_URL = {
	/** Compared case-insensitively: the URL parser lowercases scheme and host. */
	protocol: 'https:',
	hostname: 's3.amazonaws.com',
	/** Compared case-sensitively, after the path is normalised ("/echo.api/../echo.api/" is fine). */
	pathPrefix: '/echo.api/',
	/** If the URL names a port, it must be this one. */
	port: '443',
} as const;

/** The domain that must be among the signing certificate's subject alternative names. */
export const SIGNING_CERTIFICATE_DOMAIN = 'echo-api.amazon.com';

/** Request headers (n8n hands them over lowercased). `Signature-256` is RSA-SHA256 over the raw body. */
export const HEADERS = {
	certificateChainUrl: 'signaturecertchainurl',
	signature: 'signature-256',
} as const;

/** "Verify that the request timestamp is within 150 seconds of the current time." */
export const REQUEST_TOLERANCE_MS = 150_000;

/**
 * Skill events (AlexaSkillEvent.*) may arrive up to an hour after they were created: Alexa
 * retries their delivery. Amazon's page does not give the figure; the ASK SDK's verifier does
 * (MAXIMUM_SKILL_EVENT_TOLERANCE_IN_MILLIS = 3600000). A skill event's timestamp may be old by up
 * to this much, and, like every request, no more than REQUEST_TOLERANCE_MS in the future.
 */
export const SKILL_EVENT_TOLERANCE_MS = 3_600_000;
export const SKILL_EVENT_PREFIX = 'AlexaSkillEvent.';

/** How long the trigger waits for the certificate chain from S3 (Alexa waits 8 s for the answer). */
export const CERTIFICATE_FETCH_TIMEOUT_MS = 3_000;
