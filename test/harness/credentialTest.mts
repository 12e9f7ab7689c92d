/**
 * The editor's "Test" button for a credential, as n8n 2.41.1 runs it
 * (packages/cli credentials-tester.service.ts, `getCredentialTestFunction`): the credential's
 * own `test` first; without one, the function a node names in its `testedBy`.
 * - A `test` request (`runRequestTest`): a throw-away node of type n8n-nodes-base.noOp whose only
 *   parameter `temp` routes the credential's `test.request`, executed by n8n-core's RoutingNode
 *   with the decrypted credential. Errors are turned into the message the editor shows by the
 *   same rules as n8n's.
 * - A node's function: called with n8n-core's own CredentialTestContext (its legacy `request`
 *   helper is the only one), and the credential as n8n decrypts it; its answer is the editor's.
 */
import type { ICredentialDataDecryptedObject, INode, INodeType, INodeTypes } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials.mts';
import {
	alexaNodeModule,
	n8nCore,
	n8nWorkflow,
	refreshTokenCredentialModule,
	skillMessagingCredentialModule,
} from './modules.mts';

const credentialTypes = {
	alexaSkillMessagingApi: new skillMessagingCredentialModule.AlexaSkillMessagingApi(),
	alexaLwaRefreshTokenApi: new refreshTokenCredentialModule.AlexaLwaRefreshTokenApi(),
};

/** What n8n's additional data holds for a credential test, whichever way it runs. */
const BASE_ADDITIONAL_DATA = {
	variables: {},
	restApiUrl: 'http://localhost:5678/rest',
	instanceBaseUrl: 'http://localhost:5678/',
	webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
	formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
};

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(
	type: keyof typeof credentialTypes,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentialType = credentialTypes[type];
	if (!('test' in credentialType) || !credentialType.test) return await testedByTheNode(type, data);
	const credentialsHelper = new TestCredentialsHelper(credentialTypes);
	credentialsHelper.add({ id: 'tested', name: 'Tested', type, data });

	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: 'tested', name: 'Tested' } },
	};
	const nodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'credential test',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test!.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new n8nWorkflow.Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = {
		...BASE_ADDITIONAL_DATA,
		credentialsHelper,
		currentNodeExecutionIndex: 0,
	} as never;
	const executeData = { node, data: {}, source: null };
	const context = new n8nCore.ExecuteContext(
		workflow,
		workflow.getNode('Temp-Node')!,
		additionalData,
		'internal',
		n8nWorkflow.createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData as never,
		[],
	);
	const routingNode = new n8nCore.RoutingNode(context, nodeType, {
		id: 'tested',
		name: 'Tested',
		type,
		data,
	});
	try {
		await workflow.expression.acquireIsolate?.();
		await routingNode.runNode();
	} catch (error) {
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	} finally {
		await workflow.expression.releaseIsolate?.();
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** The function the Alexa node names in `testedBy` for this credential, as n8n calls it. */
async function testedByTheNode(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const node = new alexaNodeModule.Alexa();
	const testedBy = node.description.credentials?.find((entry) => entry.name === type)?.testedBy;
	if (typeof testedBy !== 'string') throw new Error(`${type}: no test and no testedBy`);
	const test = node.methods.credentialTest[testedBy as keyof typeof node.methods.credentialTest];
	const context = new n8nCore.CredentialTestContext(BASE_ADDITIONAL_DATA as never);
	const result = await test.call(context as never, { id: 'tested', name: 'Tested', type, data });
	return result as CredentialTestResult;
}
