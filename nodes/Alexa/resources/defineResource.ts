import {
	updateDisplayOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { AlexaApi } from '../shared/alexa/apis';
import {
	pickerEntry,
	sendingOption,
	type OperationBasics,
	type SendingOperation,
} from '../shared/delivery/operation';
import type { LocalOperation } from '../shared/local/localOperations';
import type { LwaCredentialType } from '../shared/lwa/tokens';

/**
 * A resource, from its folder's `index.ts`: its Resource option and its operations (each
 * `*.operation.ts` exports one `operation`, shared/delivery/operation.ts). From them come every
 * property n8n shows for the resource, with the resource and operation display options written
 * here and nowhere else, and the tables the node runs the operations from.
 */

/**
 * A resource that sends to one of Alexa's APIs: the API (hosts, retry policy, error catalogue) and
 * the credential it needs, or none when each item carries its own token (Progressive Response:
 * the token of the request Alexa sent the skill).
 */
export interface SendingResource {
	option: INodePropertyOptions;
	api: AlexaApi;
	credential?: LwaCredentialType;
	operations: SendingOperation[];
	description: INodeProperties[];
}

/** A resource whose operations send nothing: no API, no credential (shared/local/localOperations.ts). */
export interface LocalResource {
	option: INodePropertyOptions;
	operations: LocalOperation[];
	description: INodeProperties[];
}

export function sendingResource(spec: {
	option: INodePropertyOptions;
	api: AlexaApi;
	/** Left out when every item carries its own token: n8n then asks for no credential. */
	credential?: LwaCredentialType;
	/** In the order their fields appear; the picker sorts them by name. */
	operations: SendingOperation[];
	defaultOperation: string;
	/** Fields every operation of the resource shows, after the picker. */
	sharedFields?: INodeProperties[];
}): SendingResource {
	const { option, api, credential, operations, defaultOperation, sharedFields = [] } = spec;
	const showForResource = { resource: [String(option.value)] };
	return {
		option,
		api,
		credential,
		operations,
		description: [
			// `authentication` is how n8n picks a declarative node's credential (the editor shows
			// exactly the credential this resource's API needs, and none without the field, as for a
			// local resource); `alexaApi` tells the runner and the error hook whose hosts, retry
			// policy and error catalogue apply.
			{
				displayName: 'Alexa API',
				name: 'alexaApi',
				type: 'hidden',
				default: api,
				displayOptions: { show: showForResource },
			},
			...(credential === undefined
				? []
				: [
						{
							displayName: 'Authentication',
							name: 'authentication',
							type: 'hidden' as const,
							default: credential,
							displayOptions: { show: showForResource },
						},
					]),
			operationPicker(option, operations.map(sendingOption), defaultOperation),
			...sharedFields.map((property) => ({
				...property,
				displayOptions: { show: { ...showForResource, ...(property.displayOptions?.show ?? {}) } },
			})),
			...operations.flatMap((operation) => fieldsOf(option, operation)),
		],
	};
}

/** No hidden `authentication` field, so n8n asks for no credential, and no `alexaApi`: nothing is sent. */
export function localResource(spec: {
	option: INodePropertyOptions;
	operations: LocalOperation[];
	defaultOperation: string;
}): LocalResource {
	const { option, operations, defaultOperation } = spec;
	return {
		option,
		operations,
		description: [
			operationPicker(option, operations.map(pickerEntry), defaultOperation),
			...operations.flatMap((operation) => fieldsOf(option, operation)),
		],
	};
}

/** An operation's fields, shown for its resource and itself only. */
function fieldsOf(resource: INodePropertyOptions, operation: OperationBasics): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [String(resource.value)], operation: [operation.value] } },
		operation.fields,
	);
}

/** The Operation picker of one resource, its operations alphabetical by name, as n8n's lint wants. */
function operationPicker(
	resource: INodePropertyOptions,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [String(resource.value)] } },
		options: options.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
}
