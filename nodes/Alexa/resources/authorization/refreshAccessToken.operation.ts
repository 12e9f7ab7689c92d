import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from '../../shared/input/validate';
import { tokenGrantOperation } from './tokenGrant';

const properties: INodeProperties[] = [
	{
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '={{ $json.refreshToken }}',
		description: "The customer's refresh token (Atzr|…), as stored after the grant code exchange",
	},
];

function grantFields(context: IExecuteSingleFunctions): Record<string, string> {
	const refreshToken = requireNonEmptyString(
		'Refresh Token',
		context.getNodeParameter('refreshToken'),
		"Map Refresh Token to the customer's stored refresh token.",
	);
	return { grant_type: 'refresh_token', refresh_token: refreshToken };
}

export const operation = tokenGrantOperation({
	name: 'Refresh Access Token',
	value: 'refreshAccessToken',
	action: 'Refresh a customer access token',
	description: "Get a new access token with the customer's refresh token",
	fields: properties,
	grantFields,
});
