/**
 * The real-n8n bench's floor (scripts/bench-n8n.mts): a minimal community-style node that, per
 * item, reads its parameters (the user and a data value, or the endpoint, by expression) and
 * sends the skill message or change report with `this.helpers.httpRequestWithAuthentication` on
 * the Alexa credentials, as the n8n-nodes-starter's programmatic nodes do, and nothing else: no
 * checks, no retries, no pacing. 200 requests at a time, as many as the Alexa node's default Max Requests in Flight, so
 * the two differ only in what each does per item.
 *
 * Test code only: the bench copies it into the bench n8n's custom folder (.n8n/custom), where
 * n8n loads it as `CUSTOM.benchMinimal`. Plain CommonJS because n8n loads `*.node.js` files from
 * that folder with require; it is not part of the package (package.json ships dist/ only).
 */
'use strict';

const { randomUUID } = require('node:crypto');

const IN_FLIGHT = 200;
const CREDENTIAL_OF = {
	skillMessage: 'alexaSkillMessagingApi',
	changeReport: 'alexaLwaRefreshTokenApi',
};

/** The request for one item, as a developer would write it by hand from Amazon's pages. */
function requestFor(operation, baseUrl, target, value) {
	if (operation === 'skillMessage') {
		return {
			method: 'POST',
			url: `${baseUrl}/v1/skillmessages/users/${encodeURIComponent(target)}`,
			body: { data: { device: value }, expiresAfterSeconds: 3600 },
			json: true,
		};
	}
	return {
		method: 'POST',
		url: `${baseUrl}/v3/events`,
		json: true,
		body: {
			event: {
				header: {
					namespace: 'Alexa',
					name: 'ChangeReport',
					messageId: randomUUID(),
					payloadVersion: '3',
				},
				// The credential's `authenticate` puts the token here, as it does in the Authorization header.
				endpoint: { scope: { type: 'BearerToken', token: '' }, endpointId: target },
				payload: {
					change: {
						cause: { type: 'PHYSICAL_INTERACTION' },
						properties: [
							{
								namespace: 'Alexa.PowerController',
								name: 'powerState',
								value: 'ON',
								timeOfSample: new Date().toISOString(),
								uncertaintyInMilliseconds: 0,
							},
						],
					},
				},
			},
		},
	};
}

class BenchMinimal {
	constructor() {
		this.description = {
			displayName: 'Bench Minimal',
			name: 'benchMinimal',
			group: ['output'],
			version: 1,
			description:
				'The real-n8n bench floor: httpRequestWithAuthentication per item and nothing else',
			defaults: { name: 'Bench Minimal' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{
					name: 'alexaSkillMessagingApi',
					required: true,
					displayOptions: { show: { operation: ['skillMessage'] } },
				},
				{
					name: 'alexaLwaRefreshTokenApi',
					required: true,
					displayOptions: { show: { operation: ['changeReport'] } },
				},
			],
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					options: [
						{ name: 'Skill Message', value: 'skillMessage' },
						{ name: 'Change Report', value: 'changeReport' },
					],
					default: 'skillMessage',
				},
				{
					displayName: 'Target',
					name: 'target',
					type: 'string',
					default: '',
					description: 'The user ID or the endpoint ID',
				},
				{
					displayName: 'Message Value',
					name: 'value',
					type: 'string',
					default: '',
					description: "The skill message's one data value",
					displayOptions: { show: { operation: ['skillMessage'] } },
				},
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0);
		const credentialType = CREDENTIAL_OF[operation];
		// The region's base URL; the credentials of this bench are in the Custom region.
		const { apiBaseUrl } = await this.getCredentials(credentialType);
		const output = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				const target = String(this.getNodeParameter('target', index));
				const value =
					operation === 'skillMessage' ? String(this.getNodeParameter('value', index)) : undefined;
				await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialType,
					requestFor(operation, apiBaseUrl, target, value),
				);
				output[index] = { json: { accepted: true, target }, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
		return [output];
	}
}

module.exports = { BenchMinimal };
