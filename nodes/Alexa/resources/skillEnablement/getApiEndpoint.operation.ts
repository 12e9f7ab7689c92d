import { updateDisplayOptions } from 'n8n-workflow';

import { tokenSourceProperties } from '../../shared/accessTokenSource';

/**
 * Get API Endpoint: `GET /v1/alexaApiEndpoint` on api.amazonalexa.com with the customer's
 * token; Alexa answers the hosts that serve the customer. Its only fields say whose token.
 */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['getApiEndpoint'] } };

export const description = updateDisplayOptions(displayOptions, tokenSourceProperties);
