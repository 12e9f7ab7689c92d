import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { isPayloadScoped } from '../../shared/lwa/eventScope';
import type { PlannedMessage } from '../../shared/delivery/plan';
import { InputProblem, requireJsonObject } from '../../shared/input/validate';
import { MAX_ENDPOINTS_PER_REPORT } from './discovery';
import { requireEndpointId } from '../../shared/smartHome/checks';
import { PAYLOAD_VERSION, eventOperation } from './message';

const properties: INodeProperties[] = [
	{
		displayName: 'Event (JSON)',
		name: 'eventJson',
		type: 'json',
		required: true,
		default:
			'{\n  "header": { "namespace": "Alexa", "name": "ChangeReport" },\n  "endpoint": { "endpointId": "" },\n  "payload": {}\n}',
		description:
			'The message\'s "event" object (a whole message with "event" and "context" works too). The node adds header.messageId and header.payloadVersion when missing, and always sets the scope token.',
	},
	{
		displayName: 'Context (JSON)',
		name: 'contextJson',
		type: 'json',
		default: '',
		description: 'The message\'s "context" object, if it has one; leave empty for none',
	},
];

/** Asynchronous answers to a directive: they carry the directive's correlation token. */
const ANSWERS_TO_DIRECTIVES = ['Alexa.Response', 'Alexa.ErrorResponse', 'Alexa.StateReport'];

/**
 * What the gateway refuses whatever the payload ("Send Events to the Event Gateway"): an event
 * without the customer's token in its body (so without an endpoint, unless it is a discovery
 * report, which carries it in payload.scope), a DeferredResponse (a synchronous answer only,
 * docs/decisions/0005), and an answer to a directive without its correlation token.
 */
function checkGatewayEvent(
	namespace: string,
	name: string,
	header: IDataObject,
	event: IDataObject,
): void {
	const eventName = `${namespace}.${name}`;
	if (eventName === 'Alexa.DeferredResponse') {
		throw new InputProblem(
			'Event (JSON) header.name',
			"is DeferredResponse, which Alexa accepts only as your skill's immediate answer to a directive, not on the Event Gateway",
			"Return the DeferredResponse from your skill's directive handler, then send the real answer here with Send Response or Send Error Response.",
		);
	}
	if (
		ANSWERS_TO_DIRECTIVES.includes(eventName) &&
		(typeof header.correlationToken !== 'string' || header.correlationToken.trim() === '')
	) {
		throw new InputProblem(
			'Event (JSON) header.correlationToken',
			`is missing; an asynchronous ${name} answers a directive and must carry its correlation token`,
			'Copy directive.header.correlationToken of the directive you are answering.',
		);
	}
	if (isPayloadScoped(namespace, name)) return;
	const endpoint = event.endpoint;
	if (!endpoint || typeof endpoint !== 'object' || Array.isArray(endpoint)) {
		throw new InputProblem(
			'Event (JSON) endpoint',
			"is missing; the Event Gateway needs the customer's token in endpoint.scope, so every event names its endpoint",
			'Add "endpoint": { "endpointId": "…" } with the device\'s endpointId; the node sets the scope.',
		);
	}
	requireEndpointId('Event (JSON) endpoint.endpointId', (endpoint as IDataObject).endpointId);
}

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	let event = requireJsonObject(
		'Event (JSON)',
		context.getNodeParameter('eventJson'),
	) as IDataObject;
	let messageContext: IDataObject | undefined;
	if (event.directive !== undefined) {
		throw new InputProblem(
			'Event (JSON)',
			'holds a directive, which Alexa sends to your skill; only events go to the Event Gateway',
			'Give the event your skill sends back, for example an Alexa.Response.',
		);
	}
	if (event.event !== undefined && event.header === undefined) {
		// A whole message was pasted: take its event and context.
		messageContext = event.context as IDataObject | undefined;
		event = requireJsonObject('Event (JSON) event', event.event) as IDataObject;
	}
	const contextText: unknown = context.getNodeParameter('contextJson', '');
	const contextGiven =
		typeof contextText === 'string'
			? contextText.trim() !== ''
			: contextText !== null &&
				typeof contextText === 'object' &&
				Object.keys(contextText).length > 0;
	if (contextGiven) {
		messageContext = requireJsonObject('Context (JSON)', contextText) as IDataObject;
	}

	const header = requireJsonObject('Event (JSON) header', event.header) as IDataObject;
	for (const field of ['namespace', 'name']) {
		if (typeof header[field] !== 'string' || header[field] === '') {
			throw new InputProblem(
				`Event (JSON) header.${field}`,
				'is missing',
				'Every event names its namespace and name, for example Alexa and ChangeReport.',
			);
		}
	}
	const namespace = header.namespace as string;
	const name = header.name as string;
	if (event.payload === undefined) {
		throw new InputProblem(
			'Event (JSON) payload',
			'is missing',
			'Give a payload; use {} when the event has none.',
		);
	}
	checkGatewayEvent(namespace, name, header, event);
	const payloadEndpoints = (event.payload as IDataObject)?.endpoints;
	if (
		isPayloadScoped(namespace, name) &&
		Array.isArray(payloadEndpoints) &&
		payloadEndpoints.length > MAX_ENDPOINTS_PER_REPORT
	) {
		throw new InputProblem(
			'Event (JSON) payload.endpoints',
			`has ${payloadEndpoints.length} endpoints; one report may have at most ${MAX_ENDPOINTS_PER_REPORT}`,
			'Use the Add or Update Report or Delete Report operation, which splits them into several reports.',
		);
	}

	const messageId =
		typeof header.messageId === 'string' && header.messageId !== ''
			? header.messageId
			: randomUUID();
	const filledHeader: IDataObject = {
		...header,
		messageId,
		payloadVersion: header.payloadVersion ?? PAYLOAD_VERSION,
	};
	const filledEvent: IDataObject = { ...event, header: filledHeader };
	if (filledEvent.endpoint && typeof filledEvent.endpoint === 'object') {
		// The scope token is set when the message is sent, to the token that signs it.
		filledEvent.endpoint = {
			...(filledEvent.endpoint as IDataObject),
			scope: { type: 'BearerToken', token: '' },
		};
	}
	const body: IDataObject = { event: filledEvent };
	if (messageContext) body.context = messageContext;
	const endpointId = (filledEvent.endpoint as IDataObject | undefined)?.endpointId;
	return [
		{
			body,
			output: {
				messageId,
				eventName: `${namespace}.${name}`,
				endpointId: typeof endpointId === 'string' ? endpointId : null,
			},
		},
	];
}

export const operation = eventOperation({
	name: 'Send Custom Event',
	value: 'customEvent',
	action: 'Send a custom event',
	description: 'Send any event, written as JSON',
	fields: properties,
	build,
});
