import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import type { AlexaApi } from './apis';

export type AlexaRegion = 'northAmerica' | 'europe' | 'farEast';

/**
 * Hosts per API and region, from Amazon's pages (see ALEXA-FACTS). Far East is the odd one:
 * Skill Messaging lives on api.fe.amazon.com, the Event Gateway on api.fe.amazonalexa.com.
 */
export const API_HOSTS: Record<Exclude<AlexaApi, 'loginWithAmazon'>, Record<AlexaRegion, string>> = {
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
};

/** Login with Amazon serves every grant from one host, whatever the region. */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export const CUSTOM_REGION = 'custom';

export function apiBaseUrl(credentials: ICredentialDataDecryptedObject, api: AlexaApi): string {
	if (api === 'loginWithAmazon') return lwaTokenUrl(credentials);
	const region = credentials.region as string;
	if (region === CUSTOM_REGION) return trimTrailingSlash(String(credentials.apiBaseUrl ?? ''));
	const host = API_HOSTS[api][region as AlexaRegion];
	if (!host) throw new Error(`Unknown Alexa region "${region}" in the credential`);
	return host;
}

export function lwaTokenUrl(credentials: ICredentialDataDecryptedObject): string {
	return credentials.region === CUSTOM_REGION ? String(credentials.loginWithAmazonUrl ?? '') : LWA_TOKEN_URL;
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
		placeholder: 'https://alexa-proxy.example.com',
		description: 'Used in place of the regional Alexa host, for every Alexa API',
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
