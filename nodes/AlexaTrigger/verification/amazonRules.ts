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
 * The skill events Alexa may deliver up to an hour after they were created (it retries their
 * delivery). Amazon's page does not give the figure; the ASK SDK's verifier does
 * (ask-sdk-express-adapter, lib/verifier/index.ts: MAXIMUM_SKILL_EVENT_TOLERANCE_IN_MILLIS =
 * 3600000, applied to exactly these five types). Every other request, other skill events such as
 * AlexaSkillEvent.ProactiveSubscriptionChanged and any event Amazon adds later included, gets
 * REQUEST_TOLERANCE_MS. No request may be more than REQUEST_TOLERANCE_MS in the future.
 */
export const SKILL_EVENT_TOLERANCE_MS = 3_600_000;
export const REQUEST_TYPES_WITH_SKILL_EVENT_TOLERANCE: ReadonlySet<string> = new Set([
	'AlexaSkillEvent.SkillEnabled',
	'AlexaSkillEvent.SkillDisabled',
	'AlexaSkillEvent.SkillPermissionAccepted',
	'AlexaSkillEvent.SkillPermissionChanged',
	'AlexaSkillEvent.SkillAccountLinked',
]);
export const SKILL_EVENT_PREFIX = 'AlexaSkillEvent.';

/**
 * Fetching the chain from S3: what a request from the internet may make the trigger do. Amazon
 * only says to fetch the chain and cache it per URL; these bounds are ours (decision 8 in
 * docs/decisions/), sized so that Amazon's real chain (about 5 KB, one or two URLs in use at a
 * time) always fits with room to spare.
 */
export const CERTIFICATE_FETCH = {
	/** One deadline for the whole fetch, connection to last byte (Alexa waits 8 s for the answer). */
	deadlineMs: 3_000,
	/** A chain is a few KB; a larger answer is refused without reading the rest. */
	maxBytes: 64 * 1024,
	/** Chains kept per process, least recently used out first. */
	cachedChains: 32,
	/** URLs whose fetch failed, remembered so that they are not fetched again at once. */
	rememberedFailures: 64,
	/** Fetches of different URLs at the same time; a request that would start one more is refused. */
	fetchesInFlight: 4,
	/** How long a failed URL is answered from memory before it may be fetched again. */
	retryFailedAfterMs: 10_000,
} as const;

/**
 * The requestIds of verified requests, remembered per process so that a copy replayed within its
 * timestamp's tolerance is refused: Amazon's page gives the timestamp check as the protection
 * against replayed requests, and within the window it is none. Every request type carries
 * `requestId`, "a unique identifier for the specific request" (Request Types Reference:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-types-reference.html; the
 * request object of the JSON reference:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html),
 * so one without it is refused. An id is kept until its timestamp would be refused anyway
 * (`acceptedUntil`, requestTimestamp.ts), then forgotten. The caps are ours (decision 8 in
 * docs/decisions/): when one is reached, the oldest id goes first.
 */
export const REPLAY_MEMORY = {
	/**
	 * Requests with 150 s. 100,000 ids are 666 requests a second for 150 s, five times the 130 a
	 * second one n8n process served in the benchmark (docs/benchmarks.md), about 13 MB when full
	 * (some 130 bytes an id).
	 */
	requestIds: 100_000,
	/** The five skill events with an hour, apart, so that busy traffic cannot push them out early. */
	skillEventIds: 10_000,
} as const;
