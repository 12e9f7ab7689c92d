import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import type { AlexaApi } from './apis';

export type AlexaRegion = 'northAmerica' | 'europe' | 'farEast';

/**
 * Hosts per API and region, from each API's own page (the Skill Messaging, Skill Enablement,
 * Proactive Events and Progressive Response REST API references, "Send Events to the Alexa Event Gateway"; docs/alexa-facts.md lists
 * them). Far East is the odd one: Skill Messaging lives on api.fe.amazon.com, the Event Gateway
 * on api.fe.amazonalexa.com. One row per API of ALEXA_APIS (apis.ts), checked by the compiler,
 * but LWA's: it has one host for every region (LWA_TOKEN_URL).
 */
/**
 * The apiEndpoint values of Alexa's requests to a custom skill, per region, for the APIs called
 * with that request's token on that request's host: the Progressive Response reference's list.
 */
const HOSTS_OF_ALEXA_REQUESTS: Record<AlexaRegion, string> = {
	northAmerica: 'https://api.amazonalexa.com',
	europe: 'https://api.eu.amazonalexa.com',
	farEast: 'https://api.fe.amazon.com',
};

export const API_HOSTS: Record<
	Exclude<AlexaApi, 'loginWithAmazon'>,
	Record<AlexaRegion, string>
> = {
	skillMessaging: {
		northAmerica: 'https://api.amazonalexa.com',
		europe: 'https://api.eu.amazonalexa.com',
		farEast: 'https://api.fe.amazon.com',
	},
	eventGateway: {
		northAmerica: 'https://api.amazonalexa.com',
		europe: 'https://api.eu.amazonalexa.com',
		farEast: 'https://api.fe.amazonalexa.com',
	},
	skillEnablement: {
		northAmerica: 'https://api.amazonalexa.com',
		europe: 'https://api.eu.amazonalexa.com',
		farEast: 'https://api.fe.amazon.com',
	},
	// "Proactive Events REST API Reference", API endpoint: the same hosts for both stages, Far
	// East on api.fe.amazonalexa.com (https://developer.amazon.com/docs/alexa/smapi/proactive-events-api-reference.html).
	proactiveEvents: {
		northAmerica: 'https://api.amazonalexa.com',
		europe: 'https://api.eu.amazonalexa.com',
		farEast: 'https://api.fe.amazonalexa.com',
	},
	// "Progressive Response REST API Reference", API endpoint: Far East on api.fe.amazon.com
	// (https://developer.amazon.com/en-US/docs/alexa/custom-skills/progressive-response-api-reference.html).
	// A request goes to the host its item names (Alexa's context.System.apiEndpoint), never to a
	// region's: these, with OTHER_AMAZON_HOSTS, are the hosts an item may name (amazonApiHost).
	progressiveResponse: HOSTS_OF_ALEXA_REQUESTS,
	// "Alexa Reminders API Reference", API endpoint (Far East api.fe.amazon.com on the current page,
	// api.fe.amazonalexa.com on older ones):
	// https://developer.amazon.com/en-US/docs/alexa/smapi/alexa-reminders-api-reference.html
	reminders: HOSTS_OF_ALEXA_REQUESTS,
	// "Alexa Settings API Reference", "Customer Profile API Reference", "Device Address API
	// Reference": each says to call the apiEndpoint of the request (custom-skills/…-api-reference.html).
	deviceSettings: HOSTS_OF_ALEXA_REQUESTS,
	customerProfile: HOSTS_OF_ALEXA_REQUESTS,
	deviceAddress: HOSTS_OF_ALEXA_REQUESTS,
};

/**
 * Amazon's hosts for an API beyond its row above, where Amazon's pages name more than one per
 * region: older pages about progressive responses and reminders give the Far East as
 * api.fe.amazonalexa.com (docs/alexa-facts.md, "Progressive responses", "In-session APIs").
 */
const OLDER_FAR_EAST_HOST = ['https://api.fe.amazonalexa.com'];
const OTHER_AMAZON_HOSTS: Partial<Record<AlexaApi, string[]>> = {
	progressiveResponse: OLDER_FAR_EAST_HOST,
	reminders: OLDER_FAR_EAST_HOST,
	deviceSettings: OLDER_FAR_EAST_HOST,
	customerProfile: OLDER_FAR_EAST_HOST,
	deviceAddress: OLDER_FAR_EAST_HOST,
};

/**
 * Why `endpoint` is not one of Amazon's base URLs for `api` (in words that never repeat it: a
 * token mapped into the field by mistake must not reach an error), or its host when it is.
 * Accepted: `https://` and one of the API's hosts, nothing else (no user, port, path, query or
 * fragment); a trailing slash and the host's case do not matter.
 */
export function amazonApiHost(
	api: Exclude<AlexaApi, 'loginWithAmazon'>,
	endpoint: string,
): { host: string } | { problem: string } {
	const hosts = amazonHostsOf(api);
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return { problem: 'is not a URL' };
	}
	if (url.protocol !== 'https:') return { problem: 'is not an https:// URL' };
	if (!hosts.includes(url.hostname)) return { problem: "names a host that is not one of Amazon's" };
	if (url.username || url.password) return { problem: 'has a user name or password in it' };
	if (url.port) return { problem: 'names a port' };
	if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(endpoint))
		return { problem: 'has a path, query or fragment after the host' };
	return { host: url.hostname };
}

/** The host names Amazon's pages give for an API (its row and OTHER_AMAZON_HOSTS). */
export function amazonHostsOf(api: Exclude<AlexaApi, 'loginWithAmazon'>): string[] {
	return [...Object.values(API_HOSTS[api]), ...(OTHER_AMAZON_HOSTS[api] ?? [])].map(
		(url) => new URL(url).hostname,
	);
}

/** Login with Amazon serves every grant from one host, whatever the region. */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export const CUSTOM_REGION = 'custom';

/** Skill Enablement for the skill's developer, and Get API Endpoint, use one host everywhere. */
export const GLOBAL_ALEXA_HOST = 'api.amazonalexa.com';

/** The customer hosts of Skill Enablement, in the order to try them when discovery fails. */
export const CUSTOMER_HOSTS = Object.values(API_HOSTS.skillEnablement).map(
	(url) => new URL(url).host,
);

/**
 * The base URL for a request: the API's host in the credential's region, or `host` when the
 * caller names one (a discovered customer host, or the global host).
 *
 * In the Custom region every request goes to the API Base URL. A `{host}` in it is replaced by
 * the Alexa host name the request is meant for (the North America one unless a host is named),
 * so that a proxy, or a test server, can tell the hosts apart.
 */
export function apiBaseUrl(
	credentials: ICredentialDataDecryptedObject,
	api: AlexaApi,
	host?: string,
): string {
	if (api === 'loginWithAmazon') return lwaTokenUrl(credentials);
	const region = credentials.region as string;
	if (region === CUSTOM_REGION) {
		const base = trimTrailingSlash(String(credentials.apiBaseUrl ?? ''));
		return base.replace('{host}', host ?? new URL(API_HOSTS[api].northAmerica).host);
	}
	if (host) return `https://${host}`;
	const url = API_HOSTS[api][region as AlexaRegion];
	if (!url) throw new Error(`Unknown Alexa region "${region}" in the credential`);
	return url;
}

/** The host name a base URL stands for: the one put in for `{host}`, or the URL's own. */
export function hostOf(
	credentials: ICredentialDataDecryptedObject,
	api: AlexaApi,
	host?: string,
): string {
	if (host) return host;
	if (api === 'loginWithAmazon') return new URL(lwaTokenUrl(credentials)).host;
	if (
		credentials.region === CUSTOM_REGION &&
		String(credentials.apiBaseUrl ?? '').includes('{host}')
	) {
		return new URL(API_HOSTS[api].northAmerica).host;
	}
	return new URL(apiBaseUrl(credentials, api)).host;
}

export function lwaTokenUrl(credentials: ICredentialDataDecryptedObject): string {
	return credentials.region === CUSTOM_REGION
		? String(credentials.loginWithAmazonUrl ?? '')
		: LWA_TOKEN_URL;
}

function trimTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** The region fields both credential types share. */
export const regionProperties: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: [
			{
				name: 'North America',
				value: 'northAmerica',
				description: 'Also Brazil, Canada, Mexico and the US',
			},
			{
				name: 'Europe',
				value: 'europe',
				description: 'Also India, the Middle East and the UK',
			},
			{
				name: 'Far East',
				value: 'farEast',
				description: 'Japan, Australia and New Zealand',
			},
			{
				name: 'Custom',
				value: CUSTOM_REGION,
				description: 'Your own base URLs, for a proxy or a test server',
			},
		],
		default: 'northAmerica',
		description:
			'The Alexa region of your skill. Use the region where the customer enabled the skill; tokens only work in their own region.',
	},
	{
		displayName: 'API Base URL',
		name: 'apiBaseUrl',
		type: 'string',
		default: '',
		placeholder: 'https://alexa-proxy.example.com/{host}',
		description:
			'Used in place of the regional Alexa hosts, for every Alexa API. A {host} in it is replaced by the Alexa host name a request is meant for (api.amazonalexa.com, api.eu.amazonalexa.com, …).',
		displayOptions: { show: { region: [CUSTOM_REGION] } },
	},
	{
		displayName: 'LWA Token URL',
		name: 'loginWithAmazonUrl',
		type: 'string',
		default: LWA_TOKEN_URL,
		description: 'Used in place of the Login with Amazon token URL',
		displayOptions: { show: { region: [CUSTOM_REGION] } },
	},
];
