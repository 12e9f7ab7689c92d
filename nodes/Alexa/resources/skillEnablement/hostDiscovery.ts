import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { CUSTOMER_HOSTS, GLOBAL_ALEXA_HOST } from '../../shared/alexa/hosts';
import type { HostDiscovery } from '../../shared/delivery/hostDiscovery';
import { httpStatusOf, isAlexaApiError } from '../../shared/errors/alexaApiError';
import { API_ENDPOINT_PATH } from './paths';

/**
 * "Discover Automatically" for a customer's Skill Enablement (Skill Enablement API reference,
 * "Get API endpoint"): ask Get API Endpoint which hosts serve the customer and call them in
 * sequence, one will succeed; if Get API Endpoint fails with 5xx, call the three customer hosts
 * in sequence. The lookup goes through the item's attempt loop: a refused credential token is
 * refreshed once, a 429 is resent by the retry policy.
 *
 * Only 400 `incorrectEndpoint` and 404 mean "not this host". A status query's 404 is an answer
 * ("not enabled here"), kept only if no later host knows the customer.
 */
export const customerHostDiscovery: HostDiscovery = {
	async hosts(lookup) {
		return await lookup(
			{
				method: 'GET',
				url: API_ENDPOINT_PATH,
				headers: { Accept: 'application/json' },
				json: true,
			},
			GLOBAL_ALEXA_HOST,
			hostsOfAnswer,
		);
	},
	isWrongHost(failure) {
		if (!isAlexaApiError(failure)) return false;
		const status = httpStatusOf(failure);
		return status === 404 || (status === 400 && failure.context.alexaCode === 'incorrectEndpoint');
	},
	isNotHere(items) {
		return items[0]?.json.statusCode === 404;
	},
};

/** The hosts Get API Endpoint answered, the three customer hosts after a 5xx, or undefined for any other answer (an error). */
function hostsOfAnswer(response: IN8nHttpFullResponse): string[] | undefined {
	if (response.statusCode >= 500) return CUSTOMER_HOSTS;
	const endpoints = (response.body as { endpoints?: unknown } | undefined)?.endpoints;
	if (response.statusCode === 200 && Array.isArray(endpoints) && endpoints.length > 0) {
		// Amazon answers host names; accept full URLs too.
		return endpoints.map((endpoint) =>
			String(endpoint)
				.replace(/^https?:\/\//, '')
				.replace(/\/+$/, ''),
		);
	}
	return undefined;
}
