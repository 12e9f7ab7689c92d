/**
 * The APIs this package calls. Each has its own hosts, error catalogue and retry policy.
 * `loginWithAmazon` is LWA's token endpoint, called directly by the Authorization resource.
 */
export type AlexaApi = 'skillMessaging' | 'eventGateway' | 'skillEnablement' | 'loginWithAmazon';

/** Which API each resource of the node talks to. */
const API_OF_RESOURCE: Record<string, AlexaApi> = {
	skillMessage: 'skillMessaging',
	event: 'eventGateway',
	authorization: 'loginWithAmazon',
	skillEnablement: 'skillEnablement',
};

export function apiOfResource(resource: string): AlexaApi {
	const api = API_OF_RESOURCE[resource];
	if (!api) throw new Error(`The Alexa node has no resource "${resource}"`);
	return api;
}
