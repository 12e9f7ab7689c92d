import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import {
	REFRESH_TOKEN_CREDENTIAL_TEST,
	testRefreshTokenCredential,
} from './shared/lwa/credentialTest';
import { localResources, resources, sendingResources } from './resources';
import { deliveryOptions } from './shared/delivery/deliveryOptions';
import { REFRESH_TOKEN_CREDENTIAL, SKILL_MESSAGING_CREDENTIAL } from './shared/lwa/tokens';
import { customOperationsFor } from './shared/delivery/runner';
import { localOperationsFor } from './shared/local/localOperations';

export class Alexa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alexa',
		name: 'alexa',
		icon: { light: 'file:alexa.svg', dark: 'file:alexa.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send messages to Alexa skills, notifications to their users, smart home events to Alexa, manage skill enablement, build skill responses and send progressive responses',
		defaults: { name: 'Alexa' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: SKILL_MESSAGING_CREDENTIAL,
				required: true,
				displayOptions: { show: { authentication: [SKILL_MESSAGING_CREDENTIAL] } },
			},
			{
				name: REFRESH_TOKEN_CREDENTIAL,
				required: true,
				// The node tests this credential: with the Refresh Token left empty, a test request
				// could only fail (shared/lwa/credentialTest.ts).
				testedBy: REFRESH_TOKEN_CREDENTIAL_TEST,
				displayOptions: { show: { authentication: [REFRESH_TOKEN_CREDENTIAL] } },
			},
		],
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			// Every status reaches the alexaErrors hook, and a refused token is handled by the
			// retry module (shared/delivery/retry.ts), which knows Skill Messaging's 403 as well as 401.
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources.map((resource) => resource.option),
				default: 'skillMessage',
			},
			...resources.flatMap((resource) => resource.description),
			// Resources that send nothing have no delivery to tune.
			{
				...deliveryOptions,
				displayOptions: { hide: { resource: localResources.map((local) => local.option.value) } },
			},
		],
	};

	methods = {
		credentialTest: { [REFRESH_TOKEN_CREDENTIAL_TEST]: testRefreshTokenCredential },
	};

	/**
	 * Every sending operation runs through the node's own runner, from its definition
	 * (shared/delivery/operation.ts): it keeps far less per item than n8n's engine and sends at most
	 * 250 items at once (docs/decisions/0004), with a credential or, for Progressive Response, with
	 * each item's own token. Operations that send nothing (Skill Response) run in the node
	 * (shared/local/localOperations.ts).
	 */
	customOperations = {
		...customOperationsFor(this.description, sendingResources),
		...localOperationsFor(localResources),
	};
}
