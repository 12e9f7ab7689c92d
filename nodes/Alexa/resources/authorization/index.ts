import type { INodeProperties } from 'n8n-workflow';

import { credentialSelector } from '../credentialSelector';
import { mapAlexaErrors } from '../../shared/errors';
import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa';
import * as exchangeGrantCode from './exchangeGrantCode.operation';
import * as refreshAccessToken from './refreshAccessToken.operation';
import { reportTokens, tokenGrantRequest } from './tokenGrant';

const showOnlyForAuthorization = { resource: ['authorization'] };

/** A POST to LWA's token URL (the delivery step sets it as the base URL for this resource). */
function grantsToken(grantFields: typeof exchangeGrantCode.grantFields) {
	return {
		request: { method: 'POST' as const, url: '' },
		send: { preSend: [tokenGrantRequest(grantFields)] },
		output: { postReceive: [mapAlexaErrors, reportTokens] },
	};
}

export const description: INodeProperties[] = [
	credentialSelector('authorization', REFRESH_TOKEN_CREDENTIAL),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForAuthorization },
		options: [
			{
				name: 'Exchange Grant Code',
				value: 'exchangeGrantCode',
				action: 'Exchange an accept grant code for tokens',
				description: 'Turn the code of an AcceptGrant directive, or of app-to-app account linking, into the customer\'s access and refresh tokens',
				routing: grantsToken(exchangeGrantCode.grantFields),
			},
			{
				name: 'Refresh Access Token',
				value: 'refreshAccessToken',
				action: 'Refresh a customer access token',
				description: 'Get a new access token with the customer\'s refresh token',
				routing: grantsToken(refreshAccessToken.grantFields),
			},
		],
		default: 'exchangeGrantCode',
	},
	...exchangeGrantCode.description,
	...refreshAccessToken.description,
];
