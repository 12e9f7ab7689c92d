import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from './validate';

/**
 * "Access Token Source", for the operations that act for a customer (events, and Skill
 * Enablement for a customer): the token the credential's refresh token gets (one customer), or
 * each item's own customer token (many customers). The node has no refresh token for an item's
 * token, so it sends it as given and never refreshes it (see delivery/retry.ts).
 */
export const tokenSourceProperties: INodeProperties[] = [
	{
		displayName: 'Access Token Source',
		name: 'accessTokenSource',
		type: 'options',
		options: [
			{
				name: 'Credential',
				value: 'credential',
				description: "Get the token with the credential's refresh token (one customer)",
			},
			{
				name: 'From Input',
				value: 'input',
				description:
					"Give each item's customer access token, for example from your database (many customers)",
			},
		],
		default: 'credential',
		description: "These requests act for a customer and are sent with that customer's access token",
	},
	{
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: '={{ $json.accessToken }}',
		description:
			"The customer's LWA access token (Atza|…). Get and refresh these with the Authorization resource.",
		displayOptions: { show: { accessTokenSource: ['input'] } },
	},
];

/**
 * The item's own access token when its source is the input (checked: not empty), or undefined
 * when the credential's token is to be used. The planner puts it in the item's plan.
 */
export function itemAccessToken(context: IExecuteSingleFunctions): string | undefined {
	if (context.getNodeParameter('accessTokenSource', 'credential') !== 'input') return undefined;
	return requireNonEmptyString(
		'Access Token',
		context.getNodeParameter('accessToken'),
		"Map Access Token to the customer's stored access token, or switch Access Token Source to Credential.",
	);
}
