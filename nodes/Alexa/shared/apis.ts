/** The Alexa APIs this package calls. Each has its own hosts, error catalogue and retry policy. */
export type AlexaApi = 'skillMessaging' | 'eventGateway' | 'skillEnablement';

/** Which API each resource of the node talks to. */
const API_OF_RESOURCE: Record<string, AlexaApi> = {
	skillMessage: 'skillMessaging',
};

export function apiOfResource(resource: string): AlexaApi {
	const api = API_OF_RESOURCE[resource];
	if (!api) throw new Error(`The Alexa node has no resource "${resource}"`);
	return api;
}

