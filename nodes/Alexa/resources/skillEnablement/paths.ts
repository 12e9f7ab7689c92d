/** Skill Enablement's paths (Skill Enablement API reference), as templates the planners fill in. */

/** The developer's enablement of one stage. */
export const STAGE_ENABLEMENT_PATH = '/v1/skills/{skillId}/stages/{stage}/enablement';

/** A customer's enablement. */
export const CUSTOMER_ENABLEMENT_PATH = '/v1/users/~current/skills/{skillId}/enablement';

/** Get API Endpoint: the hosts that serve the customer, asked on api.amazonalexa.com. */
export const API_ENDPOINT_PATH = '/v1/alexaApiEndpoint';
