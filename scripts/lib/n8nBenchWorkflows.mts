/**
 * The workflows the real-n8n bench (scripts/bench-n8n.mts) imports: each is Manual Trigger →
 * a Code node that makes the items → the node measured, named "Send". The Alexa node and the
 * minimal node use the credentials the e2e suite imports (test/e2e/fixtures.mts); the HTTP
 * Request node is written as a user would write the same request by hand, with a token the user
 * got from Login with Amazon in its Authorization header.
 */

/** The measured node's name in every bench workflow. */
export const MEASURED_NODE = 'Send';

export type Kind = 'skill messages' | 'change reports';

/** What an item carries: a Skill Messaging user and a smart home endpoint, both unique per item. */
function itemsCode(count: number): string {
	return `return Array.from({ length: ${count} }, (_, index) => ({ json: { user: 'amzn1.ask.account.B' + index, device: 'device-' + index } }));`;
}

const CREDENTIAL_REFS = {
	'skill messages': {
		alexaSkillMessagingApi: { id: 'alexaE2eMessaging', name: 'Alexa Skill Messaging' },
	},
	'change reports': {
		alexaLwaRefreshTokenApi: { id: 'alexaE2eCustomer', name: 'Alexa smart home customer' },
	},
};

export function alexaNode(kind: Kind) {
	const parameters =
		kind === 'skill messages'
			? {
					resource: 'skillMessage',
					operation: 'send',
					userId: '={{ $json.user }}',
					dataPairs: { pair: [{ key: 'device', value: '={{ $json.device }}' }] },
					expiresAfterSeconds: 3600,
				}
			: {
					resource: 'event',
					operation: 'changeReport',
					endpointId: '={{ $json.device }}',
					cause: 'PHYSICAL_INTERACTION',
					changedProperties: {
						property: [{ namespace: 'Alexa.PowerController', name: 'powerState', value: 'ON' }],
					},
				};
	return {
		type: 'n8n-nodes-alexa.alexa',
		typeVersion: 1,
		parameters,
		credentials: CREDENTIAL_REFS[kind],
	};
}

export function minimalNode(kind: Kind) {
	return {
		type: 'CUSTOM.benchMinimal',
		typeVersion: 1,
		parameters:
			kind === 'skill messages'
				? { operation: 'skillMessage', target: '={{ $json.user }}', value: '={{ $json.device }}' }
				: { operation: 'changeReport', target: '={{ $json.device }}' },
		credentials: CREDENTIAL_REFS[kind],
	};
}

function httpRequest(url: string, token: string, jsonBody: string) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
	};
}

/**
 * The same request with n8n's HTTP Request node, as a user writes it: URL and body with the
 * item's user (device) by expression, the token in the header. A change report also carries the
 * token in its scope and needs a message ID of its own per item.
 */
export function httpRequestNode(kind: Kind, baseUrl: string, token: string) {
	if (kind === 'skill messages') {
		return httpRequest(
			`=${baseUrl}/v1/skillmessages/users/{{ $json.user }}`,
			token,
			'={ "data": { "device": "{{ $json.device }}" }, "expiresAfterSeconds": 3600 }',
		);
	}
	const event =
		'={ "event": { "header": { "namespace": "Alexa", "name": "ChangeReport", "messageId": "{{ $execution.id }}-{{ $itemIndex }}", "payloadVersion": "3" }, ' +
		`"endpoint": { "scope": { "type": "BearerToken", "token": "${token}" }, "endpointId": "{{ $json.device }}" }, ` +
		'"payload": { "change": { "cause": { "type": "PHYSICAL_INTERACTION" }, "properties": [ { "namespace": "Alexa.PowerController", "name": "powerState", "value": "ON", "timeOfSample": "{{ $now.toISO() }}", "uncertaintyInMilliseconds": 0 } ] } } } }';
	return httpRequest(`${baseUrl}/v3/events`, token, event);
}

/** The id of the bench's n8n OAuth2 credential (client credentials at the fake LWA): `oauth2Credential`. */
export const OAUTH2_CREDENTIAL_ID = 'benchOAuth2Messaging';

/**
 * The credential a user would make for the HTTP Request node to send skill messages: n8n's
 * generic OAuth2 credential with the client-credentials grant at Login with Amazon's token URL,
 * scope alexa:skill_messaging, the client ID and secret sent in the body (as LWA takes them).
 */
export function oauth2Credential(tokenUrl: string, clientId: string, clientSecret: string) {
	return {
		id: OAUTH2_CREDENTIAL_ID,
		name: 'Login with Amazon (client credentials)',
		type: 'oAuth2Api',
		data: {
			grantType: 'clientCredentials',
			accessTokenUrl: tokenUrl,
			clientId,
			clientSecret,
			scope: 'alexa:skill_messaging',
			authentication: 'body',
		},
	};
}

/**
 * Skill messages with the HTTP Request node as a user who cannot paste a token builds it: the same
 * two expressions (URL and body), authentication by n8n's OAuth2 credential (oauth2Credential),
 * which n8n reads, decrypts and signs with on every request.
 */
export function httpRequestOAuth2Node(baseUrl: string) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `=${baseUrl}/v1/skillmessages/users/{{ $json.user }}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={ "data": { "device": "{{ $json.device }}" }, "expiresAfterSeconds": 3600 }',
			options: {},
		},
		credentials: {
			oAuth2Api: { id: OAUTH2_CREDENTIAL_ID, name: 'Login with Amazon (client credentials)' },
		},
	};
}

/** The floor: one fixed URL and body, nothing read from the item. */
export function staticHttpRequestNode(baseUrl: string, token: string) {
	return httpRequest(
		`${baseUrl}/v1/skillmessages/users/amzn1.ask.account.STATIC`,
		token,
		'{ "data": { "device": "device-0" }, "expiresAfterSeconds": 3600 }',
	);
}

type MeasuredNode = {
	type: string;
	typeVersion: number;
	parameters: object;
	credentials?: object;
	onError?: string;
};

/**
 * Manual Trigger → items → the measured node. "On Error: Continue" unless the node says
 * otherwise, so a run that gets 429s finishes and its failed items are counted instead of
 * stopping the execution.
 */
export function benchWorkflow(id: string, name: string, items: number, measured: MeasuredNode) {
	const node = (index: number) => `b0000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				parameters: {},
				id: node(1),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: { jsCode: itemsCode(items) },
				id: node(2),
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
			},
			{
				onError: 'continueRegularOutput',
				...measured,
				id: node(3),
				name: MEASURED_NODE,
				position: [440, 0],
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: MEASURED_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
