import { updateDisplayOptions, type IExecuteSingleFunctions, type INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from '../../shared/validate';

const displayOptions = { show: { resource: ['authorization'], operation: ['refreshAccessToken'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '={{ $json.refreshToken }}',
		description: 'The customer\'s refresh token (Atzr|…), as stored after the grant code exchange',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export function grantFields(context: IExecuteSingleFunctions): Record<string, string> {
	const refreshToken = requireNonEmptyString(
		'Refresh Token',
		context.getNodeParameter('refreshToken'),
		'Map Refresh Token to the customer\'s stored refresh token.',
	);
	return { grant_type: 'refresh_token', refresh_token: refreshToken };
}
