import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import { singleMessage, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { itemAccessToken, tokenSourceProperties } from '../../shared/input/accessTokenSource';
import { apiEndpointFallback, reportApiEndpoints } from './output';
import { API_ENDPOINT_PATH } from './paths';

/**
 * Get API Endpoint: `GET /v1/alexaApiEndpoint` on api.amazonalexa.com with the customer's
 * token; Alexa answers the hosts that serve the customer. Its only fields say whose token. Still
 * failing with 5xx after its resends, it answers the three customer hosts, as Amazon's reference
 * says to call them then.
 */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return singleMessage(request, {
		host: { kind: 'global' },
		accessToken: itemAccessToken(context),
		fallback: apiEndpointFallback,
	});
}

export const operation: SendingOperation = {
	name: 'Get API Endpoint',
	value: 'getApiEndpoint',
	action: 'Get the hosts that serve a customer',
	description: 'For a customer, the Alexa hosts to call Skill Enablement on',
	fields: tokenSourceProperties,
	method: 'GET',
	path: API_ENDPOINT_PATH,
	plan,
	output: [mapAlexaErrors, reportApiEndpoints],
};
