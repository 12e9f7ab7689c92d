import type { IHttpRequestOptions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

/**
 * A resource's way of finding the host that serves a customer, for plans whose host rule is
 * `discover`. The delivery step calls it, tries the hosts it names in turn, and sends its lookup
 * through the same attempt loop (slots and pacer, token, retry policy) as any other request.
 */
export interface HostDiscovery {
	/** The hosts to try, in order. */
	hosts(lookup: HostLookup): Promise<string[]>;
	/** This failure means "not this host": try the next. */
	isWrongHost(failure: unknown): boolean;
	/** This answer means "not here"; it is the item's answer only if no later host answers better. */
	isNotHere(items: INodeExecutionData[]): boolean;
}

/**
 * Sends `request` to `host` with the item's token, within the run's limits, and reads the answer
 * with `read`. When `read` finds no answer in it (undefined), the answer is an Alexa error, and
 * the retry policy judges it like any other.
 */
export type HostLookup = <T>(
	request: IHttpRequestOptions,
	host: string,
	read: (response: IN8nHttpFullResponse) => T | undefined,
) => Promise<T>;
