import type { INodeProperties } from 'n8n-workflow';

import type { LwaCredentialType } from '../shared/lwa/tokens';

/**
 * n8n picks a declarative node's credential by the parameter named `authentication`. Each
 * resource has this hidden field, holding the credential type its API needs, so the editor
 * shows exactly that credential.
 */
export function credentialSelector(resource: string, credential: LwaCredentialType): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'hidden',
		default: credential,
		displayOptions: { show: { resource: [resource] } },
	};
}
