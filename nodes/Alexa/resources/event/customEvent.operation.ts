import { randomUUID } from 'crypto';
import { updateDisplayOptions, type IDataObject, type IExecuteSingleFunctions, type INodeProperties } from 'n8n-workflow';

import { isPayloadScoped } from '../../shared/eventScope';
import type { PlannedMessage } from '../../shared/requestPlan';
import { InputProblem, requireJsonObject } from '../../shared/validate';
import { PAYLOAD_VERSION } from './common';
import { MAX_ENDPOINTS_PER_REPORT } from './discovery';

const displayOptions = { show: { resource: ['event'], operation: ['customEvent'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Event (JSON)',
		name: 'eventJson',
		type: 'json',
		required: true,
		default: '{\n  "header": { "namespace": "Alexa", "name": "ChangeReport" },\n  "endpoint": { "endpointId": "" },\n  "payload": {}\n}',
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

export const description = updateDisplayOptions(displayOptions, properties);

export function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	let event = requireJsonObject('Event (JSON)', context.getNodeParameter('eventJson')) as IDataObject;
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
		typeof contextText === 'string' ? contextText.trim() !== '' : contextText !== null && typeof contextText === 'object' && Object.keys(contextText).length > 0;
	if (contextGiven) {
		messageContext = requireJsonObject('Context (JSON)', contextText) as IDataObject;
	}

	const header = requireJsonObject('Event (JSON) header', event.header) as IDataObject;
	for (const field of ['namespace', 'name']) {
		if (typeof header[field] !== 'string' || header[field] === '') {
			throw new InputProblem(`Event (JSON) header.${field}`, 'is missing', 'Every event names its namespace and name, for example Alexa and ChangeReport.');
		}
	}
	const namespace = header.namespace as string;
	const name = header.name as string;
	if (event.payload === undefined) {
		throw new InputProblem('Event (JSON) payload', 'is missing', 'Give a payload; use {} when the event has none.');
	}
	const payloadEndpoints = (event.payload as IDataObject)?.endpoints;
	if (isPayloadScoped(namespace, name) && Array.isArray(payloadEndpoints) && payloadEndpoints.length > MAX_ENDPOINTS_PER_REPORT) {
		throw new InputProblem(
			'Event (JSON) payload.endpoints',
			`has ${payloadEndpoints.length} endpoints; one report may have at most ${MAX_ENDPOINTS_PER_REPORT}`,
			'Use the Add or Update Report or Delete Report operation, which splits them into several reports.',
		);
	}

	const messageId = typeof header.messageId === 'string' && header.messageId !== '' ? header.messageId : randomUUID();
	const filledHeader: IDataObject = { ...header, messageId, payloadVersion: header.payloadVersion ?? PAYLOAD_VERSION };
	const filledEvent: IDataObject = { ...event, header: filledHeader };
	if (filledEvent.endpoint && typeof filledEvent.endpoint === 'object') {
		// The scope token is set when the message is sent, to the token that signs it.
		filledEvent.endpoint = { ...(filledEvent.endpoint as IDataObject), scope: { type: 'BearerToken', token: '' } };
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
