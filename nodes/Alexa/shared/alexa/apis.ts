/**
 * The APIs this package calls, declared once, at the bottom of the layers: the retry policy table
 * (delivery/retry.ts), the hosts (hosts.ts) and the error catalogue (errors/catalogue/) are typed
 * against this list, so the compiler refuses a table that misses an API or names one not here.
 * `loginWithAmazon` is LWA's token endpoint, called directly by the Authorization resource.
 * `progressiveResponse` is the Progressive Response REST API (`POST /v1/directives`), called with
 * the token and on the host of the request Alexa sent the skill, not with a credential, as are
 * the Reminders API, the Alexa Settings API (`deviceSettings`), the Customer Profile API and the
 * Device Address API (shared/input/alexaRequest.ts). Each resource says which API it talks to
 * (resources/<resource>/index.ts).
 */
export const ALEXA_APIS = [
	'skillMessaging',
	'eventGateway',
	'skillEnablement',
	'proactiveEvents',
	'progressiveResponse',
	'reminders',
	'deviceSettings',
	'customerProfile',
	'deviceAddress',
	'loginWithAmazon',
] as const;

export type AlexaApi = (typeof ALEXA_APIS)[number];

/**
 * Statuses that mean "try again later" on every Alexa API and on LWA: the resends of the retry
 * policy (delivery/retry.ts), and LWA's trouble as opposed to a refusal (lwa/tokenRequest.ts).
 */
export const TRY_LATER = [429, 500, 502, 503, 504];
