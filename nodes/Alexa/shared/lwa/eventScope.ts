import type { IDataObject } from 'n8n-workflow';

/** Discovery reports carry the customer's token in `payload.scope` instead of `endpoint.scope`. */
const PAYLOAD_SCOPED_EVENTS = ['Alexa.Discovery.AddOrUpdateReport', 'Alexa.Discovery.DeleteReport'];

/**
 * An Event Gateway message must carry the same access token in its body as in its
 * Authorization header. This sets it, at the moment the header is set, in the one place the
 * message has a scope: `payload.scope` for discovery reports, `endpoint.scope` for a message
 * about an endpoint. Every event the node sends has one of the two (the gateway refuses an
 * event without its token in the body: "Send Events to the Event Gateway").
 */
export function setEventScopeToken(body: unknown, token: string): void {
	const event = (body as { event?: IDataObject } | undefined)?.event;
	if (!event || typeof event !== 'object') return;
	const header = (event.header ?? {}) as IDataObject;
	const scope = { type: 'BearerToken', token };
	if (PAYLOAD_SCOPED_EVENTS.includes(`${header.namespace}.${header.name}`)) {
		event.payload = { ...((event.payload ?? {}) as IDataObject), scope };
	} else if (event.endpoint && typeof event.endpoint === 'object') {
		(event.endpoint as IDataObject).scope = scope;
	}
}

export function isPayloadScoped(namespace: string, name: string): boolean {
	return PAYLOAD_SCOPED_EVENTS.includes(`${namespace}.${name}`);
}
