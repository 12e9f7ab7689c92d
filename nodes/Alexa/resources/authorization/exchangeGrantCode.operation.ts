import { updateDisplayOptions, type IExecuteSingleFunctions, type INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from '../../shared/validate';

const displayOptions = { show: { resource: ['authorization'], operation: ['exchangeGrantCode'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Grant Code',
		name: 'code',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '={{ $json.directive.payload.grant.code }}',
		description:
			'The payload.grant.code of the Alexa.Authorization AcceptGrant directive. It lasts 5 minutes and works once.',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export function grantFields(context: IExecuteSingleFunctions): Record<string, string> {
	const code = requireNonEmptyString(
		'Grant Code',
		context.getNodeParameter('code'),
		'Map Grant Code to directive.payload.grant.code of the AcceptGrant directive.',
	);
	return { grant_type: 'authorization_code', code };
}
