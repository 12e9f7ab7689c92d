import type { INodeProperties } from 'n8n-workflow';

/**
 * Get API Endpoint: `GET /v1/alexaApiEndpoint` on api.amazonalexa.com with the customer's
 * token; Alexa answers the hosts that serve the customer. It needs no fields.
 */
export const description: INodeProperties[] = [];
