/**
 * Runs the Alexa node through n8n-core's WorkflowExecute, the engine n8n itself runs: a
 * two-node workflow (a source of items, then the Alexa node), real credentials handling (see
 * credentials.mts), and the node as built into dist/.
 */
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials.mts';
import {
	alexaNodeModule,
	n8nCore,
	n8nWorkflow,
	refreshTokenCredentialModule,
	skillMessagingCredentialModule,
	smartHomeRelayCredentialModule,
} from './modules.mts';

export const ALEXA_NODE_TYPE = 'n8n-nodes-alexa.alexa';
const SOURCE_NODE_TYPE = 'harness.items';

export const credentialTypes = {
	alexaSkillMessagingApi: new skillMessagingCredentialModule.AlexaSkillMessagingApi(),
	alexaLwaRefreshTokenApi: new refreshTokenCredentialModule.AlexaLwaRefreshTokenApi(),
	alexaSmartHomeRelayApi: new smartHomeRelayCredentialModule.AlexaSmartHomeRelayApi(),
};

/** Lines n8n and the node logged during runs, so tests can look for secrets in them. */
export const capturedLogs: string[] = [];
const capture =
	(level: string) =>
	(message: string, meta?: object): void => {
		capturedLogs.push(`${level} ${message} ${meta ? safeStringify(meta) : ''}`);
	};
n8nWorkflow.LoggerProxy.init({
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => n8nWorkflow.LoggerProxy,
} as never);

function safeStringify(value: unknown): string {
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
}

let itemsForSource: INodeExecutionData[] = [];

/** The first node of every test workflow: it outputs the items the test gives it. */
const sourceNodeType: INodeType = {
	description: {
		displayName: 'Items',
		name: SOURCE_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Outputs the test items',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [itemsForSource];
	},
};

/**
 * Which expression engine evaluates the node's parameters. A real n8n 2.41 (`n8n start`,
 * `n8n execute`, workers) starts `vm`: every expression in an isolated-vm isolate, with n8n's
 * default pool and limits (@n8n/config ExpressionEngineConfig). Without that start n8n-workflow
 * uses its legacy in-process evaluator, which costs a fraction of it per expression: a harness
 * figure is then not an n8n figure (docs/benchmarks.md, 2026-12-01). The tests and the benchmark
 * run `vm`, as n8n does; the trigger harness (trigger.mts) holds an isolate for the webhook phase
 * as n8n's webhook service does. HARNESS_EXPRESSION_ENGINE=legacy gives the in-process evaluator
 * (quicker tests, and the figures of the benchmarks before 2026-12-01).
 */
export const expressionEngine =
	process.env.HARNESS_EXPRESSION_ENGINE === 'legacy' ? 'legacy' : 'vm';
if (expressionEngine === 'vm') {
	await n8nWorkflow.Expression.initExpressionEngine({
		engine: 'vm',
		poolSize: 1,
		maxCodeCacheSize: 1024,
		bridgeTimeout: 5000,
		bridgeMemoryLimit: 128,
	});
}

const alexaNodeType = new alexaNodeModule.Alexa();
n8nCore.DirectoryLoader.applyDeclarativeNodeOptionParameters(alexaNodeType);

/** Other node types a run may use in the Alexa node's place (the benchmark's HTTP Request node). */
const otherNodeTypes = new Map<string, INodeType>();
export function registerNodeType(name: string, nodeType: INodeType): void {
	otherNodeTypes.set(name, nodeType);
}

/** The node of `throughOtherNode`: each item replaced by `{ work: 'done' }`, paired with its input. */
const THROUGH_NODE_TYPE = 'harness.slowWork';
const throughNodeType: INodeType = {
	description: {
		displayName: 'Slow work',
		name: THROUGH_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Replaces each item',
		defaults: { name: 'Slow work' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [
			this.getInputData().map((_item, index) => ({
				json: { work: 'done' },
				pairedItem: { item: index },
			})),
		];
	},
};
otherNodeTypes.set(THROUGH_NODE_TYPE, throughNodeType);

const typeNamed = (name: string) =>
	name === ALEXA_NODE_TYPE ? alexaNodeType : (otherNodeTypes.get(name) ?? sourceNodeType);
export const nodeTypes: INodeTypes = {
	getByName: typeNamed,
	getByNameAndVersion: typeNamed,
	getKnownTypes: () => ({}),
} as INodeTypes;

export interface CredentialForTest {
	type: 'alexaSkillMessagingApi' | 'alexaLwaRefreshTokenApi';
	data: ICredentialDataDecryptedObject;
}

export interface RunOptions {
	parameters: INodeParameters;
	items?: IDataObject[];
	/** None for operations that send nothing (Skill Response): the node then has no credential at all. */
	credential?: CredentialForTest;
	/** Run this registered node type (at this version) in place of the Alexa node. */
	nodeType?: { name: string; version: number };
	continueOnFail?: boolean;
	/** n8n's "On Error → Continue (using error output)": failed items leave by a second output. */
	useErrorOutput?: boolean;
	/** Reuse a helper across runs (its stored credential, its counters). */
	credentialsHelper?: TestCredentialsHelper;
	/** Cancel the execution this long after it starts, as the editor's Stop button does. */
	cancelAfterMs?: number;
	/**
	 * The node type of the first node, which outputs the test's items whatever its type: a
	 * trigger's type (`n8n-nodes-alexa.alexaSmartHomeTrigger`) makes them that trigger's items.
	 */
	sourceNodeType?: string;
	/**
	 * A node between the first node and the Alexa node, named "Slow work", whose items are only
	 * `{ work: 'done' }` (paired with their input): what the Alexa node's input looks like after
	 * other steps, when what it needs is in the trigger's item only.
	 */
	throughOtherNode?: boolean;
}

export interface RunResult {
	/** The Alexa node's output items (success and error items), or [] if the node failed. */
	output: INodeExecutionData[];
	/** Items on the error output, with `useErrorOutput`. */
	errorOutput: INodeExecutionData[];
	/** The error that failed the node, if it failed. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
	/** What the node sent with `sendResponse` (Respond to Alexa Now), in order. */
	responses: unknown[];
}

let executionCounter = 0;

export async function runAlexaNode(options: RunOptions): Promise<RunResult> {
	const credentialsHelper = options.credentialsHelper ?? new TestCredentialsHelper(credentialTypes);
	const credentialId = 'cred-1';
	if (options.credential && !credentialsHelper.stored.has(credentialId)) {
		credentialsHelper.add({
			id: credentialId,
			name: 'Alexa test',
			type: options.credential.type,
			data: options.credential.data,
		});
	}

	const source: INode = {
		id: 'source',
		name: 'Items',
		type: options.sourceNodeType ?? SOURCE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const alexa: INode = {
		id: 'alexa',
		name: 'Alexa',
		type: options.nodeType?.name ?? ALEXA_NODE_TYPE,
		typeVersion: options.nodeType?.version ?? 1,
		position: [200, 0],
		parameters: options.parameters,
		...(options.credential
			? { credentials: { [options.credential.type]: { id: credentialId, name: 'Alexa test' } } }
			: {}),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.useErrorOutput ? { onError: 'continueErrorOutput' as const } : {}),
	};
	const through: INode = {
		id: 'through',
		name: 'Slow work',
		type: THROUGH_NODE_TYPE,
		typeVersion: 1,
		position: [100, 0],
		parameters: {},
	};
	const nodes = options.throughOtherNode ? [source, through, alexa] : [source, alexa];
	const connections: IConnections = options.throughOtherNode
		? {
				Items: { main: [[{ node: 'Slow work', type: 'main' as const, index: 0 }]] },
				'Slow work': { main: [[{ node: 'Alexa', type: 'main' as const, index: 0 }]] },
			}
		: { Items: { main: [[{ node: 'Alexa', type: 'main' as const, index: 0 }]] } };
	const workflow = new n8nWorkflow.Workflow({
		id: 'test-workflow',
		name: 'Alexa test',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: {},
	});

	const executionId = `test-${++executionCounter}`;
	const hooks = new n8nCore.ExecutionLifecycleHooks('manual', executionId, {
		id: 'test-workflow',
		name: 'Alexa test',
		nodes,
		connections: {},
		active: false,
		settings: {},
	} as never);
	const responses: unknown[] = [];
	hooks.addHandler('sendResponse', (response) => {
		responses.push(response);
	});
	const additionalData = testAdditionalData(executionId, credentialsHelper, hooks);

	itemsForSource = (options.items ?? [{}]).map((json) => ({ json }));
	const workflowExecute = new n8nCore.WorkflowExecute(additionalData, 'manual');
	let run: IRun;
	try {
		const running = workflowExecute.run({ workflow, startNode: source });
		if (options.cancelAfterMs !== undefined)
			setTimeout(() => running.cancel(), options.cancelAfterMs);
		run = await running;
	} catch (thrown) {
		// n8n refuses to start a workflow whose nodes have issues (a required field left empty).
		return {
			output: [],
			errorOutput: [],
			error: thrown as RunResult['error'],
			run: { data: { resultData: { runData: {} } } } as IRun,
			credentialsHelper,
			responses,
		};
	}

	const taskData = run.data.resultData.runData.Alexa?.[0];
	const output = taskData?.data?.main?.[0] ?? [];
	const errorOutput = taskData?.data?.main?.[1] ?? [];
	const error = (run.data.resultData.error ?? taskData?.error) as RunResult['error'];
	return { output, errorOutput, error, run, credentialsHelper, responses };
}

/** What n8n hands the engine for one execution, with the test's credentials helper and hooks. */
export function testAdditionalData(
	executionId: string,
	credentialsHelper: TestCredentialsHelper,
	hooks: InstanceType<typeof n8nCore.ExecutionLifecycleHooks>,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}
