import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa/tokens';
import { sendingResource } from '../defineResource';
import * as exchangeGrantCode from './exchangeGrantCode.operation';
import * as refreshAccessToken from './refreshAccessToken.operation';

/** Customer tokens for smart home events: a POST to LWA's token URL, one file per grant. */
export const resource = sendingResource({
	option: {
		name: 'Authorization',
		value: 'authorization',
		description: 'Customer tokens for smart home events',
	},
	api: 'loginWithAmazon',
	credential: REFRESH_TOKEN_CREDENTIAL,
	operations: [exchangeGrantCode.operation, refreshAccessToken.operation],
	defaultOperation: 'exchangeGrantCode',
});
