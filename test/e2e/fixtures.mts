/** What the e2e stages share: the fake Alexa's accounts and the credentials n8n imports, pointed at it. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { FakeAlexa } from '../fake-alexa/server.mts';
import { output, root } from './n8n.mts';

export const CLIENT_ID = 'amzn1.application-oa2-client.e2e00000000000000000001';
export const CLIENT_SECRET = 'e2e-client-secret-0123456789abcdef01234567';
export const CUSTOMER_REFRESH_TOKEN = 'Atzr|e2e-customer-refresh-token-0123456789';
export const DEVELOPER_REFRESH_TOKEN = 'Atzr|e2e-developer-refresh-token-0123456789';
export const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

/** The credentials to import, with ids the examples' placeholders are replaced by (see importExample). */
/** The secret the smart home relay and the e2e credential share. */
export const RELAY_SECRET = 'e2e-relay-secret-0123456789abcdef012345';
/** The customer's account-linking token in the smart home directives the e2e relay forwards. */
export const SMART_HOME_BEARER_TOKEN = 'e2e-smart-home-bearer-token-7f3a9c';

export function credentialsFile(fake: FakeAlexa): string {
	const custom = { region: 'custom', apiBaseUrl: fake.url, loginWithAmazonUrl: fake.tokenUrl };
	const credentials = [
		{
			id: 'alexaE2eMessaging',
			name: 'Alexa Skill Messaging',
			type: 'alexaSkillMessagingApi',
			data: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...custom },
		},
		{
			id: 'alexaE2eCustomer',
			name: 'Alexa smart home customer',
			type: 'alexaLwaRefreshTokenApi',
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				refreshToken: CUSTOMER_REFRESH_TOKEN,
				...custom,
			},
		},
		{
			id: 'alexaE2eDeveloper',
			name: 'Alexa developer',
			type: 'alexaLwaRefreshTokenApi',
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				refreshToken: DEVELOPER_REFRESH_TOKEN,
				...custom,
			},
		},
		{
			id: 'alexaE2eRelay',
			name: 'Alexa smart home relay',
			type: 'alexaSmartHomeRelayApi',
			data: { relaySecret: RELAY_SECRET },
		},
	];
	const file = path.join(output, 'credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	return file;
}

/** Access tokens LWA issued for the imported credentials, kept across resets for the final secret scan. */
export const credentialAccessTokens = new Set<string>();

/** A clean fake with the e2e client, its customer and developer, and the skill. */
export function resetFake(fake: FakeAlexa) {
	for (const [token, issued] of fake.tokens)
		if (issued.grant !== 'authorization_code') credentialAccessTokens.add(token);
	fake.reset();
	fake.addClient(CLIENT_ID, CLIENT_SECRET, {
		refreshTokens: [CUSTOMER_REFRESH_TOKEN, DEVELOPER_REFRESH_TOKEN],
		scopes: ['alexa:skill_messaging', 'alexa::proactive_events'],
	});
	fake.skills.add(SKILL_ID);
}

/** The Alexa Smart Home Trigger's Events options (its "On …" triggers in the node panel), as built. */
export function smartHomeEventNames(): string[] {
	const { SMART_HOME_EVENTS } = createRequire(import.meta.url)(
		path.join(root, 'dist/nodes/AlexaSmartHomeTrigger/directives/smartHomeEvents.js'),
	);
	return SMART_HOME_EVENTS.map((event: { name: string }) => event.name);
}

/** Each resource's actions, read from the node's description as built (the same build as the tarball). */
export function actionsByResource(): Map<string, string[]> {
	const { Alexa } = createRequire(import.meta.url)(
		path.join(root, 'dist/nodes/Alexa/Alexa.node.js'),
	);
	const properties: any[] = new Alexa().description.properties;
	const resources: Array<{ name: string; value: string }> = properties.find(
		(property) => property.name === 'resource',
	).options;
	return new Map(
		resources.map(({ name, value }) => [
			name,
			properties
				.filter(
					(property) =>
						property.name === 'operation' &&
						property.displayOptions?.show?.resource?.includes(value),
				)
				.flatMap((property) => property.options.map((option: { action: string }) => option.action)),
		]),
	);
}
