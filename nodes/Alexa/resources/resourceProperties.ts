import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { AlexaApi } from '../shared/alexa/apis';
import type { LwaCredentialType } from '../shared/lwa/tokens';

/** What every `*.operation.ts` exports: its fields, and its entry in the Operation picker, with its routing. */
export interface OperationModule {
	description: INodeProperties[];
	option: INodePropertyOptions;
}

/** What a resource says about itself: its entry in the Resource picker, the API it talks to, its credential. */
export interface ResourceSpec {
	option: INodePropertyOptions;
	api: AlexaApi;
	credential: LwaCredentialType;
}

/**
 * An operation that sends nothing: it builds each item's output in the node itself, from the
 * item's parameters (shared/local/localOperations.ts). Its `option` has no routing, so the
 * runner of the sending operations never sees it; `build` throws `InputProblem` for bad input.
 */
export interface LocalOperationModule {
	description: INodeProperties[];
	option: INodePropertyOptions;
	build: (n8n: IExecuteFunctions, itemIndex: number) => IDataObject;
	/** Runs once after every item is built (Build Response: the Alexa deadline and Respond to Alexa Now). */
	finish?: (n8n: IExecuteFunctions, output: INodeExecutionData[]) => Promise<void>;
}

/** A resource whose operations all send nothing: no API, no credential. */
export interface LocalResourceSpec {
	option: INodePropertyOptions;
}

/**
 * A resource's properties: two hidden fields, the Operation picker listing its operations
 * (alphabetical by name, as n8n's lint wants), the fields all its operations share, then each
 * operation's own fields.
 *
 * The hidden fields: `authentication`, by which n8n picks a declarative node's credential (so
 * the editor shows exactly the credential this resource's API needs), and `alexaApi`, which tells
 * the runner and the error hook whose hosts, retry policy and error catalogue apply.
 */
export function resourceProperties(
	spec: ResourceSpec,
	operations: OperationModule[],
	defaultOperation: string,
	sharedFields: INodeProperties[] = [],
): INodeProperties[] {
	const resource = String(spec.option.value);
	const { api, credential } = spec;
	const showForResource = { resource: [resource] };
	return [
		{
			displayName: 'Alexa API',
			name: 'alexaApi',
			type: 'hidden',
			default: api,
			displayOptions: { show: showForResource },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: credential,
			displayOptions: { show: showForResource },
		},
		operationPicker(resource, operations, defaultOperation),
		...sharedFields.map((property) => ({
			...property,
			displayOptions: { show: { ...showForResource, ...(property.displayOptions?.show ?? {}) } },
		})),
		...operations.flatMap((operation) => operation.description),
	];
}

/**
 * A local resource's properties: the Operation picker and each operation's fields. No hidden
 * `authentication` field, so n8n asks for no credential, and no `alexaApi`: nothing is sent.
 */
export function localResourceProperties(
	spec: LocalResourceSpec,
	operations: LocalOperationModule[],
	defaultOperation: string,
): INodeProperties[] {
	return [
		operationPicker(String(spec.option.value), operations, defaultOperation),
		...operations.flatMap((operation) => operation.description),
	];
}

/** The Operation picker of one resource, its operations alphabetical by name, as n8n's lint wants. */
function operationPicker(
	resource: string,
	operations: Array<{ option: INodePropertyOptions }>,
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations.map((operation) => operation.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
}
