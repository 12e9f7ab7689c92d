import type { INodeProperties } from 'n8n-workflow';

import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa/tokens';
import { resourceProperties } from '../resourceProperties';
import * as exchangeGrantCode from './exchangeGrantCode.operation';
import * as refreshAccessToken from './refreshAccessToken.operation';

/** Customer tokens for smart home events: a POST to LWA's token URL, one file per grant. */
const operations = [exchangeGrantCode, refreshAccessToken];

export const description: INodeProperties[] = resourceProperties('authorization', REFRESH_TOKEN_CREDENTIAL, operations, 'exchangeGrantCode');
