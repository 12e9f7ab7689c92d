import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { singleMessage, withPath, type ItemPlan } from '../../shared/delivery/plan';
import { itemAccessToken } from '../../shared/input/accessTokenSource';
import { customerHostDiscovery } from './hostDiscovery';

/**
 * Where Skill Enablement requests go (Skill Enablement API reference): the developer's
 * enablement of a stage always on api.amazonalexa.com; a customer's on the customer's host, with
 * the customer's token (the credential's, or the item's own). The paths are in paths.ts.
 */

/** A developer operation's plan: the path filled in, to api.amazonalexa.com, with the credential. */
export function developerPlan(request: IHttpRequestOptions, path: Record<string, string>): ItemPlan {
	return singleMessage(withPath(request, path), { host: { kind: 'global' } });
}

/**
 * A customer operation's plan: whose token (Access Token Source), then the path, and the
 * customer's host: the credential's region, or "Discover Automatically". The output says which
 * host answered.
 */
export function customerPlan(context: IExecuteSingleFunctions, request: IHttpRequestOptions, path: Record<string, string>): ItemPlan {
	const accessToken = itemAccessToken(context);
	const discover = context.getNodeParameter('endpoint', 'region') === 'discover';
	return singleMessage(withPath(request, path), {
		host: discover ? { kind: 'discover', strategy: customerHostDiscovery } : { kind: 'region' },
		reportHost: true,
		accessToken,
	});
}
