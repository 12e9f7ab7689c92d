import { randomUUID } from 'crypto';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { useAccessTokenSource } from '../../shared/accessTokenSource';
import { clock } from '../../shared/clock';
import { planMessages, type PlannedMessage } from '../../shared/requestPlan';
import { checkInput, InputProblem, requireNonEmptyString } from '../../shared/validate';

/** What every Event Gateway message shares, and the checks every event operation uses. */

export const PAYLOAD_VERSION = '3';

/** The five causes Amazon documents for a ChangeReport. */
export const CHANGE_CAUSES = [
	{ name: 'App Interaction', value: 'APP_INTERACTION', description: 'A customer used your app' },
	{ name: 'Periodic Poll', value: 'PERIODIC_POLL', description: 'Your service polled the device' },
	{ name: 'Physical Interaction', value: 'PHYSICAL_INTERACTION', description: 'Someone used the device itself' },
	{ name: 'Rule Trigger', value: 'RULE_TRIGGER', description: 'A rule or routine of yours changed it' },
	{ name: 'Voice Interaction', value: 'VOICE_INTERACTION', description: 'A voice command, through Alexa or not' },
];

/** Amazon's rules for an endpoint ID (Discovery documentation). */
const ENDPOINT_ID_PATTERN = /^[a-zA-Z0-9_\-=#;:?@&]+$/;
const ENDPOINT_ID_MAX_LENGTH = 256;

export function requireEndpointId(field: string, value: unknown): string {
	const endpointId = requireNonEmptyString(field, value, `Set ${field} to the endpointId you gave the device in discovery.`);
	if (endpointId.length > ENDPOINT_ID_MAX_LENGTH || !ENDPOINT_ID_PATTERN.test(endpointId)) {
		throw new InputProblem(
			field,
			`"${endpointId.slice(0, 40)}" is not a valid endpoint ID: at most ${ENDPOINT_ID_MAX_LENGTH} characters of letters, digits and _ - = # ; : ? @ &`,
			'Use the endpointId exactly as your skill reported it in discovery.',
		);
	}
	return endpointId;
}

export function requireCorrelationToken(context: IExecuteSingleFunctions): string {
	return requireNonEmptyString(
		'Correlation Token',
		context.getNodeParameter('correlation'),
		'Map Correlation Token to directive.header.correlationToken of the directive you are answering.',
	);
}

/** An ISO 8601 UTC time, `now` when empty. `withMilliseconds: false` for fields Amazon's schema allows no fraction in. */
export function isoTime(field: string, value: unknown, withMilliseconds = true): string {
	let date: Date;
	if (value === undefined || value === null || value === '') {
		date = new Date(clock.now());
	} else if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) {
		date = new Date(value);
	} else {
		date = new Date(String(value));
	}
	if (Number.isNaN(date.getTime())) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(value)}, which is not a date and time`,
			`Give ${field} as ISO 8601, for example 2026-11-22T08:30:00Z, or leave it empty for now.`,
		);
	}
	const text = date.toISOString();
	return withMilliseconds ? text : text.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A property value as typed in the editor: numbers, true/false and JSON objects are sent as
 * such, anything else as text ("ON"). A value that arrives already typed (from an expression)
 * is kept as it is.
 */
export function propertyValue(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return value;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return value;
	}
}

/** A list of Alexa properties in the editor: namespace, instance, name, value, time, uncertainty. */
export function propertyCollection(name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description,
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{
						displayName: 'Instance',
						name: 'instance',
						type: 'string',
						default: '',
						placeholder: 'Blinds.Position',
						description: 'Only for multi-instance interfaces (Toggle, Mode, Range controllers)',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'powerState',
					},
					{
						displayName: 'Namespace',
						name: 'namespace',
						type: 'string',
						default: '',
						placeholder: 'Alexa.PowerController',
						description: 'The interface the property belongs to',
					},
					{
						displayName: 'Time of Sample',
						name: 'timeOfSample',
						type: 'string',
						default: '',
						placeholder: '2026-11-22T08:30:00Z',
						description: 'When the value was read, ISO 8601. Empty means now.',
					},
					{
						displayName: 'Uncertainty (Ms)',
						name: 'uncertaintyInMilliseconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'How many milliseconds old the value may be',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'ON',
						description:
							'Numbers, true/false and JSON objects (for example {"value": 21.5, "scale": "CELSIUS"}) are sent as such; anything else as text',
					},
				],
			},
		],
	};
}

/** The properties of a property collection, checked, in Alexa's shape. */
export function readProperties(
	context: IExecuteSingleFunctions,
	name: string,
	field: string,
	required: boolean,
): IDataObject[] {
	const rows = context.getNodeParameter(`${name}.property`, []) as IDataObject[];
	if (required && rows.length === 0) {
		throw new InputProblem(field, 'has no property; at least one is required', `Add the property that changed to ${field}.`);
	}
	return rows.map((row, index) => {
		const label = `${field} #${index + 1}`;
		const namespace = requireNonEmptyString(`${label} Namespace`, row.namespace, 'Give the interface, for example Alexa.PowerController.');
		const propertyName = requireNonEmptyString(`${label} Name`, row.name, 'Give the property name, for example powerState.');
		if (row.value === undefined || row.value === '') {
			throw new InputProblem(`${label} Value`, 'is empty', 'Give the property\'s current value.');
		}
		const uncertainty = row.uncertaintyInMilliseconds ?? 0;
		if (typeof uncertainty !== 'number' || !Number.isFinite(uncertainty) || uncertainty < 0) {
			throw new InputProblem(`${label} Uncertainty`, `is ${JSON.stringify(uncertainty)}; it must be 0 or more`, 'Give a number of milliseconds.');
		}
		const property: IDataObject = { namespace };
		if (typeof row.instance === 'string' && row.instance.trim() !== '') property.instance = row.instance.trim();
		property.name = propertyName;
		property.value = propertyValue(row.value) as IDataObject;
		property.timeOfSample = isoTime(`${label} Time of Sample`, row.timeOfSample);
		property.uncertaintyInMilliseconds = uncertainty;
		return property;
	});
}

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
 * The `preSend` hook of every event operation: takes the item's own access token when the token
 * comes from the input, then checks the item and plans its messages with `build`.
 */
export function eventRequest(build: (context: IExecuteSingleFunctions) => PlannedMessage[]) {
	return async function buildEventRequest(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return checkInput(this, requestOptions, () => {
			useAccessTokenSource(this, requestOptions);
			const messages = build(this);
			planMessages(requestOptions, messages);
			requestOptions.body = messages[0].body;
		});
	};
}
