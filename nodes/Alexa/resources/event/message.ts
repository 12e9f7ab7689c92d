import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { OperationBasics, SendingOperation } from '../../shared/delivery/operation';
import type { ItemPlan, PlannedMessage } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { itemAccessToken } from '../../shared/input/accessTokenSource';
import { reportEventAccepted } from './output';

/** What every Event Gateway message shares, and the definition every event operation fills in. */

export const PAYLOAD_VERSION = '3';

export interface EventParts {
	namespace: string;
	name: string;
	correlationToken?: string;
	/** Present for messages about one endpoint: they carry `endpoint.scope`. */
	endpointId?: string;
	payload: IDataObject;
	contextProperties?: IDataObject[];
}

/**
 * One Event Gateway message. Its scope token is left for the credential's `authenticate` to
 * set, together with the Authorization header, so that the two are always the same token.
 */
export function eventMessage(parts: EventParts, output: IDataObject = {}): PlannedMessage {
	const messageId = randomUUID();
	const header: IDataObject = {
		namespace: parts.namespace,
		name: parts.name,
		messageId,
		payloadVersion: PAYLOAD_VERSION,
	};
	if (parts.correlationToken) header.correlationToken = parts.correlationToken;
	const event: IDataObject = { header };
	if (parts.endpointId !== undefined) {
		event.endpoint = { scope: { type: 'BearerToken', token: '' }, endpointId: parts.endpointId };
	}
	event.payload = parts.payload;
	const body: IDataObject = { event };
	if (parts.contextProperties?.length) body.context = { properties: parts.contextProperties };
	return {
		body,
		output: {
			messageId,
			eventName: `${parts.namespace}.${parts.name}`,
			endpointId: parts.endpointId ?? null,
			...output,
		},
	};
}

/**
 * An event operation: every event is a POST to /v3/events, and the operations differ only in the
 * messages they build. The planner takes the item's own access token when the token comes from
 * the input, then the operation's checks and messages.
 */
export function eventOperation(
	basics: OperationBasics & { build: (context: IExecuteSingleFunctions) => PlannedMessage[] },
): SendingOperation {
	const { build, ...rest } = basics;
	const plan = (context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan => {
		const accessToken = itemAccessToken(context);
		const messages = build(context);
		request.body = messages[0].body;
		return { request, messages, host: { kind: 'region' }, accessToken };
	};
	return {
		...rest,
		method: 'POST',
		path: '/v3/events',
		plan,
		output: [mapAlexaErrors, reportEventAccepted],
	};
}
