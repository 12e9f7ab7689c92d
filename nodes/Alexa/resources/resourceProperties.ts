import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { LwaCredentialType } from '../shared/lwa/tokens';

/** What every `*.operation.ts` exports: its fields, and its entry in the Operation picker, with its routing. */
export interface OperationModule {
	description: INodeProperties[];
	option: INodePropertyOptions;
}

/**
 * A resource's properties: the hidden credential selector, the Operation picker listing its
 * operations (alphabetical by name, as n8n's lint wants), the fields all its operations share,
 * then each operation's own fields.
 *
 * n8n picks a declarative node's credential by the parameter named `authentication`: each
 * resource has this hidden field, holding the credential type its API needs, so the editor
 * shows exactly that credential.
 */
export function resourceProperties(
	resource: string,
	credential: LwaCredentialType,
	operations: OperationModule[],
	defaultOperation: string,
	sharedFields: INodeProperties[] = [],
): INodeProperties[] {
	const showForResource = { resource: [resource] };
	return [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: credential,
			displayOptions: { show: showForResource },
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: showForResource },
			options: operations.map((operation) => operation.option).sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...sharedFields.map((property) => ({
			...property,
			displayOptions: { show: { ...showForResource, ...(property.displayOptions?.show ?? {}) } },
		})),
		...operations.flatMap((operation) => operation.description),
	];
}
