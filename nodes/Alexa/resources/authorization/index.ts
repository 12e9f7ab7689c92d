import type { INodeProperties } from 'n8n-workflow';

import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa/tokens';
import { credentialSelector } from '../credentialSelector';
import * as exchangeGrantCode from './exchangeGrantCode.operation';
import * as refreshAccessToken from './refreshAccessToken.operation';

/** Customer tokens for smart home events: a POST to LWA's token URL, one file per grant. */
const operations = [exchangeGrantCode, refreshAccessToken];

export const description: INodeProperties[] = [
	credentialSelector('authorization', REFRESH_TOKEN_CREDENTIAL),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['authorization'] } },
		options: operations.map((operation) => operation.option),
		default: 'exchangeGrantCode',
	},
	...operations.flatMap((operation) => operation.description),
];
