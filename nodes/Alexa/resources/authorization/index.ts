import type { INodeProperties } from 'n8n-workflow';

import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa/tokens';
import { resourceProperties, type ResourceSpec } from '../resourceProperties';
import * as exchangeGrantCode from './exchangeGrantCode.operation';
import * as refreshAccessToken from './refreshAccessToken.operation';

/** Customer tokens for smart home events: a POST to LWA's token URL, one file per grant. */
const operations = [exchangeGrantCode, refreshAccessToken];

export const resource: ResourceSpec = {
	option: { name: 'Authorization', value: 'authorization', description: 'Customer tokens for smart home events' },
	api: 'loginWithAmazon',
	credential: REFRESH_TOKEN_CREDENTIAL,
};

export const description: INodeProperties[] = resourceProperties(resource, operations, 'exchangeGrantCode');
