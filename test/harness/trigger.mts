/**
 * Runs the Alexa Trigger the way n8n's webhook server does (n8n's cli, webhooks/webhook-helpers.ts,
 * `executeWebhook`), on a local HTTP server:
 * - the request's raw body and parsed JSON go to n8n-core's WebhookContext, and the node's
 *   `webhook()` runs in it;
 * - `noWebhookResponse` means the node answered itself; no `workflowData` means no execution, and
 *   the node's `webhookResponse` is the answer;
 * - otherwise the workflow runs in n8n-core's WorkflowExecute from the trigger's items, and the
 *   answer follows the Respond setting: Immediately (the node's `webhookResponse`, before the
 *   run), When Last Node Finishes (the last node's first item), or a node's `sendResponse`.
 * What this leaves out of n8n's server (body parsers, execution storage, queue mode) the
 * end-to-end suite covers in a real n8n.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	Workflow,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials.mts';
import {
	capturedLogs,
	credentialTypes,
	nodeTypes,
	registerNodeType,
	testAdditionalData,
} from './engine.mts';
import { alexaTriggerModule, n8nCore, n8nWorkflow, smartHomeTriggerModule } from './modules.mts';

const requireResolve = createRequire(import.meta.url).resolve;

export const TRIGGER_NODE_TYPE = 'n8n-nodes-alexa.alexaTrigger';
export const SMART_HOME_TRIGGER_NODE_TYPE = 'n8n-nodes-alexa.alexaSmartHomeTrigger';
const ANSWER_NODE_TYPE = 'harness.answer';
export const WEBHOOK_ID = 'test-webhook-id';

/**
 * A node's `this.logger` is n8n's Logger from the DI container (n8n-core's NodeExecutionContext):
 * the harness puts one there that writes into capturedLogs, so tests can read what was logged.
 */
const requireFromCore = createRequire(requireResolve('n8n-core'));
const { Container } = requireFromCore('@n8n/di') as {
	Container: { set(token: unknown, value: unknown): void };
};
const { Logger } = requireFromCore('@n8n/backend-common') as { Logger: unknown };
const record =
	(level: string) =>
	(message: string, meta?: object): void => {
		capturedLogs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	};
const testLogger = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped: () => testLogger,
};
Container.set(Logger, testLogger);

const triggerNodeTypes: Record<string, INodeType> = {
	[TRIGGER_NODE_TYPE]: new alexaTriggerModule.AlexaTrigger(),
	[SMART_HOME_TRIGGER_NODE_TYPE]: new smartHomeTriggerModule.AlexaSmartHomeTrigger(),
};
for (const [name, nodeType] of Object.entries(triggerNodeTypes)) registerNodeType(name, nodeType);

/**
 * A stand-in for the user's own nodes after the trigger: it answers with a spoken line naming the
 * request type, after an optional delay, and in Respond-by-node mode sends it as Respond to
 * Webhook does (`sendResponse`).
 */
const answerNodeType: INodeType = {
	description: {
		displayName: 'Answer',
		name: ANSWER_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Answers the Alexa request',
		defaults: { name: 'Answer' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Delay', name: 'delayMs', type: 'number', default: 0 },
			{ displayName: 'Send Response', name: 'sendResponse', type: 'boolean', default: false },
		],
	},
	async execute(this: IExecuteFunctions) {
		const delayMs = this.getNodeParameter('delayMs', 0) as number;
		if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
		const items = this.getInputData();
		const answer = {
			version: '1.0',
			response: {
				outputSpeech: { type: 'PlainText', text: `You sent ${String(items[0]?.json.requestType)}` },
				shouldEndSession: true,
			},
		};
		if (this.getNodeParameter('sendResponse', 0) as boolean)
			this.sendResponse({ body: answer, headers: {}, statusCode: 200 });
		return [[{ json: answer }]];
	},
};
registerNodeType(ANSWER_NODE_TYPE, answerNodeType);

export interface TriggerEndpointOptions {
	trigger: INodeParameters;
	/** The trigger node's type: the Alexa Trigger unless given. */
	triggerType?: string;
	/** The trigger node's credentials, as a workflow stores them. */
	triggerCredentials?: INode['credentials'];
	/** Nodes after the trigger, in a line: the harness Answer node unless given. */
	after?: Array<{
		name: string;
		type: string;
		parameters: INodeParameters;
		credentials?: INode['credentials'];
	}>;
	credentialsHelper?: TestCredentialsHelper;
	/**
	 * How n8n runs the webhook: 'webhook' for a published workflow, 'manual' while the editor
	 * listens for a test event (n8n's TestWebhooks run it in that mode).
	 */
	mode?: 'webhook' | 'manual';
}

export interface Execution {
	triggerItems: INodeExecutionData[];
	runData: IDataObject;
	lastNodeOutput: INodeExecutionData[];
	error?: unknown;
}

export interface TriggerEndpoint {
	url: string;
	/** Executions started, in order, once each has finished. */
	executions: Execution[];
	/** Lines n8n's logger received while this endpoint ran. */
	logs: string[];
	post(
		body: string,
		headers: Record<string, string>,
	): Promise<{ status: number; body: unknown; text: string }>;
	close(): Promise<void>;
}

let executionCounter = 0;

export async function startTriggerEndpoint(
	options: TriggerEndpointOptions,
): Promise<TriggerEndpoint> {
	const credentialsHelper = options.credentialsHelper ?? new TestCredentialsHelper(credentialTypes);
	const triggerType = options.triggerType ?? TRIGGER_NODE_TYPE;
	const triggerNodeType = triggerNodeTypes[triggerType]!;
	const trigger: INode = {
		id: 'trigger',
		name: triggerNodeType.description.defaults.name!,
		type: triggerType,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.trigger,
		webhookId: WEBHOOK_ID,
		...(options.triggerCredentials ? { credentials: options.triggerCredentials } : {}),
	};
	const after = (options.after ?? [{ name: 'Answer', type: ANSWER_NODE_TYPE, parameters: {} }]).map(
		(node, index): INode => ({
			id: `after-${index}`,
			typeVersion: 1,
			position: [200 * (index + 1), 0],
			...node,
		}),
	);
	const nodes = [trigger, ...after];
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	> = {};
	for (let index = 0; index < after.length; index++) {
		connections[nodes[index]!.name] = {
			main: [[{ node: after[index]!.name, type: 'main', index: 0 }]],
		};
	}
	const newWorkflow = () =>
		new n8nWorkflow.Workflow({
			id: 'trigger-workflow',
			name: 'Alexa Trigger test',
			nodes,
			connections,
			active: true,
			nodeTypes,
			settings: {},
		});
	// Node parameters as n8n stores them: defaults filled in.
	trigger.parameters = n8nWorkflow.NodeHelpers.getNodeParameters(
		triggerNodeType.description.properties,
		trigger.parameters,
		true,
		false,
		trigger,
		triggerNodeType.description,
	) as INodeParameters;

	const executions: Execution[] = [];
	const webhookDescription = triggerNodeType.description.webhooks![0]!;
	const path = `/webhook/${WEBHOOK_ID}/${webhookDescription.path as string}`;

	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== path) {
			res.writeHead(404).end();
			return;
		}
		let body: unknown = {};
		try {
			body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
		} catch {
			body = {};
		}
		const request = Object.assign(req, { rawBody, body, params: {}, query: {} });
		const response = expressLikeResponse(res);
		// As n8n's LiveWebhooks.executeWebhook: a Workflow of its own per request (an execution
		// releases its workflow's isolate when it ends, so requests must not share one), and the
		// webhook phase holds an expression isolate (n8n 2.41 skips it only for its own Webhook
		// node); a no-op under the legacy engine.
		const workflow = newWorkflow();
		const acquired = await workflow.expression.acquireIsolate();
		try {
			await handle(workflow, request, response);
		} catch (error) {
			if (!res.headersSent) response.status(500).json({ harnessError: String(error) });
		} finally {
			if (acquired) await workflow.expression.releaseIsolate();
		}
	});

	async function handle(
		workflow: Workflow,
		request: http.IncomingMessage,
		response: ReturnType<typeof expressLikeResponse>,
	) {
		const executionId = `trigger-${++executionCounter}`;
		const hooks = new n8nCore.ExecutionLifecycleHooks('webhook', executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes,
			connections,
			active: true,
			settings: {},
		} as never);
		let sentByNode: unknown;
		hooks.addHandler('sendResponse', async (answer) => {
			sentByNode = (answer as { body?: unknown }).body;
			if (!response.raw.headersSent) response.status(200).json(sentByNode);
		});
		const additionalData = testAdditionalData(executionId, credentialsHelper, hooks);
		Object.assign(additionalData, { httpRequest: request, httpResponse: response });
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: trigger.name,
			path: webhookDescription.path as string,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new n8nCore.WebhookContext(
			workflow,
			trigger,
			additionalData,
			options.mode ?? 'webhook',
			webhookData,
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await triggerNodeType.webhook!.call(context as never);
		} catch (error) {
			// As n8n 2.41.1 (webhook-helpers.ts, executeWebhook): a webhook method that throws gets
			// the caller HTTP 500 "Workflow Webhook Error: Workflow could not be started!", and an
			// execution that fails at the trigger with the error (nothing after it runs).
			if (!response.raw.headersSent)
				response
					.status(500)
					.json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			executions.push({ triggerItems: [], runData: {}, lastNodeOutput: [], error });
			return;
		}
		const responseMode = workflow.expression.getSimpleParameterValue(
			trigger,
			webhookDescription.responseMode,
			'webhook',
			{},
			undefined,
			'onReceived',
		) as string;

		if (result.noWebhookResponse) return;
		if (result.workflowData === undefined) {
			response.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		if (responseMode === 'onReceived')
			response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });

		const runExecutionData = n8nWorkflow.createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: trigger, data: { main: result.workflowData }, source: null }],
			},
		});
		const run = await new n8nCore.WorkflowExecute(
			additionalData,
			'webhook',
			runExecutionData,
		).processRunExecutionData(workflow);
		const runData = run.data.resultData.runData;
		const lastNode = run.data.resultData.lastNodeExecuted;
		const lastNodeOutput = (lastNode && runData[lastNode]?.[0]?.data?.main?.[0]) || [];
		executions.push({
			triggerItems: result.workflowData[0] ?? [],
			runData: runData as unknown as IDataObject,
			lastNodeOutput,
			error: run.data.resultData.error,
		});
		if (response.raw.headersSent) return;
		if (responseMode === 'lastNode') {
			if (run.data.resultData.error) response.status(500).json({ message: 'Error in workflow' });
			else response.status(200).json(lastNodeOutput[0]?.json ?? {});
		} else if (responseMode === 'responseNode' && sentByNode === undefined) {
			response.status(200).json({ message: 'Workflow executed successfully' });
		}
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
	const logStart = capturedLogs.length;
	return {
		url,
		executions,
		get logs() {
			return capturedLogs.slice(logStart);
		},
		async post(body, headers) {
			const answer = await fetch(url, { method: 'POST', body, headers });
			const text = await answer.text();
			let parsed: unknown = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
			return { status: answer.status, body: parsed, text };
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The subset of Express's response that n8n nodes use. */
function expressLikeResponse(raw: http.ServerResponse) {
	const response = {
		raw,
		get headersSent() {
			return raw.headersSent;
		},
		status(code: number) {
			raw.statusCode = code;
			return response;
		},
		json(body: unknown) {
			raw.setHeader('content-type', 'application/json; charset=utf-8');
			raw.end(JSON.stringify(body));
			return response;
		},
		send(body: unknown) {
			raw.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
			return response;
		},
		setHeader(name: string, value: string) {
			raw.setHeader(name, value);
			return response;
		},
		end(body?: string) {
			raw.end(body);
			return response;
		},
	};
	return response;
}
