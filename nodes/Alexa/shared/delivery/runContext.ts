import {
	getCredentialAllowedDomains,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { AlexaApi } from '../alexa/apis';
import type { LwaCredentialType } from '../lwa/tokens';
import { credentialSecrets } from '../util/redact';
import { deliverySettings } from './deliveryOptions';
import { pacerFor, type Pacer } from './pacer';
import { RunSlots } from './runSlots';
import { RETRY_POLICY, withUserLimits, type EffectivePolicy } from './retry';
import { Transport } from './transport';

/** What n8n's "Request Options" collection (added to every declarative node) holds. */
interface RequestOptionsParameter {
	batching?: { batch?: { batchSize?: number; batchInterval?: number } };
	proxy?: string;
	allowUnauthorizedCerts?: boolean;
	timeout?: unknown;
}

/**
 * What every item of one node run shares, read once at the start of the run: the API, the
 * credential (read and decrypted once, as n8n's engine does), the retry policy with the user's
 * limits, the run's slots and the process's pacers, and what every request starts from (n8n's request defaults, Request
 * Options, the credential's allowed domains, the timeout).
 */
export interface RunContext {
	/** n8n's functions for this node run. */
	n8n: IExecuteFunctions;
	api: AlexaApi;
	/** None for a resource without a credential: its items carry their own tokens (plan.ts). */
	credentialType?: LwaCredentialType;
	transport: Transport;
	policy: EffectivePolicy;
	/** The run's own Max Requests in Flight. */
	slots: RunSlots;
	/** The process-wide pace of this run's credential and API at a base URL (pacer.ts). */
	pacerFor(baseURL: string): Pacer;
	/** How long an attempt may wait for a slot before it fails unsent. */
	maxWaitMs: number;
	/** What every item's request starts from. */
	requestBase: Partial<IHttpRequestOptions>;
	/** Request Options → Proxy was given but is not a URL with a host: every item fails with it. */
	invalidProxy: boolean;
	/** n8n's Batching option: a pause of `intervalMs` before each batch of `size` items after the first. */
	batching: { size: number; intervalMs: number };
	continueOnFail: boolean;
	/** Values that must never reach an output or an error: the credential's secrets. */
	secrets: string[];
}

/**
 * The credential is the one the resource's hidden `authentication` field names (`sendingResource`).
 * A resource without a credential has no such field: nothing is read, the credential data is empty,
 * and the pace is per API and host.
 */
export async function readRunContext(
	n8n: IExecuteFunctions,
	description: INodeTypeDescription,
): Promise<RunContext> {
	const requestOptionsParameter = n8n.getNodeParameter(
		'requestOptions',
		0,
		{},
	) as RequestOptionsParameter;
	const credentialType =
		(n8n.getNodeParameter('authentication', 0, '') as LwaCredentialType | '') || undefined;
	const credentials = credentialType
		? await n8n.getCredentials<ICredentialDataDecryptedObject>(credentialType, 0)
		: {};
	const api = n8n.getNodeParameter('alexaApi', 0) as AlexaApi;
	const settings = deliverySettings(
		n8n.getNodeParameter('delivery', 0, {}) as Record<string, unknown>,
		requestOptionsParameter.timeout,
	);
	const proxy = requestOptionsParameter.proxy ? proxyOf(requestOptionsParameter.proxy) : undefined;
	return {
		n8n,
		api,
		credentialType,
		transport: new Transport(n8n, credentialType ?? '', credentials),
		policy: withUserLimits(RETRY_POLICY[api], settings.maxRetries, settings.maxBackoffMs),
		slots: new RunSlots(settings.maxConcurrency),
		// One pace per credential (its client), API and base URL: Alexa throttles a skill.
		pacerFor: (baseURL) =>
			pacerFor([credentialType ?? '', String(credentials.clientId ?? ''), api, baseURL].join('\n')),
		maxWaitMs: settings.maxWaitMs,
		requestBase: requestBase(
			n8n,
			description,
			requestOptionsParameter,
			proxy,
			credentials,
			settings.timeoutMs,
		),
		invalidProxy: Boolean(requestOptionsParameter.proxy) && !proxy,
		batching: {
			size: Math.max(1, Number(requestOptionsParameter.batching?.batch?.batchSize) || 1),
			intervalMs: Number(requestOptionsParameter.batching?.batch?.batchInterval) || 0,
		},
		continueOnFail: n8n.continueOnFail(),
		secrets: credentialSecrets(credentials),
	};
}

/**
 * What every item's request starts from, the same for the whole run: the node's request
 * defaults and n8n's Request Options (proxy, SSL), limited to the credential's allowed domains.
 */
function requestBase(
	n8n: IExecuteFunctions,
	description: INodeTypeDescription,
	requestOptionsParameter: RequestOptionsParameter,
	proxy: IHttpRequestOptions['proxy'] | undefined,
	credentials: ICredentialDataDecryptedObject,
	timeoutMs: number,
): Partial<IHttpRequestOptions> {
	const base: Partial<IHttpRequestOptions> = {
		...((description.requestDefaults ?? {}) as Partial<IHttpRequestOptions>),
	};
	if (proxy) base.proxy = proxy;
	if (requestOptionsParameter.allowUnauthorizedCerts) base.skipSslCertificateValidation = true;
	const allowedDomains = getCredentialAllowedDomains({
		node: n8n.getNode(),
		credentialData: credentials,
		credentialOwnedSurface: true,
	});
	if (allowedDomains) base.allowedDomains = allowedDomains;
	base.timeout = timeoutMs;
	return base;
}

/** Request Options → Proxy as n8n's request wants it; undefined when it is not a URL with a host. */
function proxyOf(proxy: string): IHttpRequestOptions['proxy'] | undefined {
	let url: URL;
	try {
		url = new URL(proxy);
	} catch {
		return undefined;
	}
	if (!url.hostname) return undefined;
	const protocol = url.protocol.replace(/:$/, '');
	return {
		host: url.hostname,
		port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80,
		protocol,
		...(url.username
			? {
					auth: {
						username: decodeURIComponent(url.username),
						password: decodeURIComponent(url.password),
					},
				}
			: {}),
	};
}
