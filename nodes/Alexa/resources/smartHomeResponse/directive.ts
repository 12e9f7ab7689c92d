import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { respondNowOption, type AnsweredTrigger } from '../../shared/local/answerTrigger';
import { InputProblem } from '../../shared/input/validate';
import { checkProperty, requireEndpointId } from '../../shared/smartHome/checks';
import { PAYLOAD_VERSION } from '../../shared/smartHome/schemaRules';
import { triggerItem } from '../../shared/util/triggerItem';

/**
 * What every Smart Home Response operation shares: the directive it answers, read from the Alexa
 * Smart Home Trigger's item of this execution (or from the input item when no such trigger
 * started it), the fields that name it, and the answer's envelope.
 */

export const SMART_HOME_TRIGGER: AnsweredTrigger = {
	nodeType: 'alexaSmartHomeTrigger',
	whenLate:
		'Make the steps between the Alexa Smart Home Trigger and this node faster, or answer with Smart Home Response → Defer Answer first and send the real answer later with Event → Send Response.',
};

/** The directive an item answers: the trigger's item (plain fields, as the trigger gives them), or the input item. */
export function directiveOf(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	return triggerItem(n8n, SMART_HOME_TRIGGER.nodeType) ?? n8n.getInputData()[itemIndex]?.json ?? {};
}

/** A text field's value; when it is empty, the directive's field of the same meaning. */
export function fieldOrDirective(
	n8n: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	directive: IDataObject,
	key: string,
): string | undefined {
	const given = n8n.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (given !== undefined && given !== null && given !== '') {
		if (typeof given !== 'string') {
			throw new InputProblem(
				labelOf(parameter),
				`is ${typeof given}; it must be text`,
				`Map ${labelOf(parameter)} to text, or leave it empty.`,
			);
		}
		if (given.trim() !== '') return given.trim();
	}
	const fromDirective = directive[key];
	return typeof fromDirective === 'string' && fromDirective !== '' ? fromDirective : undefined;
}

const LABELS: Record<string, string> = {
	correlation: 'Correlation Token',
	endpointId: 'Endpoint ID',
	'options.directiveNamespace': 'Directive Namespace',
	'options.directiveName': 'Directive Name',
	'options.directiveInstance': 'Directive Instance',
};
const labelOf = (parameter: string) => LABELS[parameter] ?? parameter;

const FROM_TRIGGER =
	"Empty: the Alexa Smart Home Trigger's item of this execution, or the input item's field of the same name";

export const correlationField: INodeProperties = {
	displayName: 'Correlation Token',
	// Not `correlationToken`: n8n's lint takes any parameter named *token* for a secret.
	name: 'correlation',
	type: 'string',
	default: '',
	description: `The correlationToken of the directive this answers, echoed back. ${FROM_TRIGGER}.`,
};

export const endpointIdField: INodeProperties = {
	displayName: 'Endpoint ID',
	name: 'endpointId',
	type: 'string',
	default: '',
	placeholder: 'living-room-lamp',
	description: `The endpointId of the device the directive is for. ${FROM_TRIGGER}.`,
};

/** The directive's namespace, name and instance, as options: they come from the trigger's item unless given. */
export const directiveOptions: INodeProperties[] = [
	{
		displayName: 'Directive Instance',
		name: 'directiveInstance',
		type: 'string',
		default: '',
		placeholder: 'Fan.Speed',
		description: `The instance of a Toggle, Mode or Range controller directive. ${FROM_TRIGGER}.`,
	},
	{
		displayName: 'Directive Name',
		name: 'directiveName',
		type: 'string',
		default: '',
		placeholder: 'TurnOn',
		description: `The directive's name. ${FROM_TRIGGER}.`,
	},
	{
		displayName: 'Directive Namespace',
		name: 'directiveNamespace',
		type: 'string',
		default: '',
		placeholder: 'Alexa.PowerController',
		description: `The directive's interface. ${FROM_TRIGGER}.`,
	},
];

/** The Options collection of an operation: its own options, then Respond to Alexa Now. */
export function optionsField(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, respondNowOption('Alexa Smart Home Trigger')],
	};
}

export interface DirectiveName {
	namespace?: string;
	name?: string;
	instance?: string;
}

/** Which directive this answers: the Directive options, or the directive's own fields. */
export function directiveName(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directive: IDataObject,
): DirectiveName {
	const read = (option: string, key: string) =>
		fieldOrDirective(n8n, itemIndex, `options.${option}`, directive, key);
	return {
		namespace: read('directiveNamespace', 'namespace'),
		name: read('directiveName', 'name'),
		instance: read('directiveInstance', 'instance'),
	};
}

/** The operation that answers a directive, by its namespace and name. */
function answeredBy(which: DirectiveName): string {
	if (which.namespace === 'Alexa.Discovery') return 'Answer Discovery';
	if (which.namespace === 'Alexa.Authorization') return 'Answer Accept Grant';
	if (which.namespace === 'Alexa' && which.name === 'ReportState') return 'Report State';
	return 'Confirm Directive';
}

/**
 * Refuses a directive this operation cannot answer, naming the one that can. Report Error and
 * Defer Answer answer any directive but Discover and AcceptGrant: Amazon's schema has no error or
 * deferred answer to those (each has its own failure: no endpoints, ACCEPT_GRANT_FAILED).
 */
export function requireAnswerable(which: DirectiveName, operation: string): void {
	if (!which.namespace) return;
	const answer = answeredBy(which);
	const anyButSetup = operation === 'Report Error' || operation === 'Defer Answer';
	const setup = answer === 'Answer Discovery' || answer === 'Answer Accept Grant';
	if (anyButSetup ? !setup : answer === operation) return;
	throw new InputProblem(
		'Directive',
		`is ${`${which.namespace} ${which.name ?? ''}`.trim()}, which ${operation} does not answer`,
		`Answer it with Smart Home Response → ${answer}${setup && anyButSetup ? ` (${answer === 'Answer Discovery' ? 'with no endpoints' : 'as failed'}, if it went wrong)` : ''}.`,
	);
}

export function requireCorrelationToken(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directive: IDataObject,
): string {
	const token = fieldOrDirective(n8n, itemIndex, 'correlation', directive, 'correlationToken');
	if (!token) {
		throw new InputProblem(
			'Correlation Token',
			"is empty, and neither the Alexa Smart Home Trigger's item nor the input item has a correlationToken",
			"Map Correlation Token to the directive's correlationToken; Alexa matches the answer to the directive by it.",
		);
	}
	return token;
}

/** The endpoint ID, from the field or the directive; `undefined` only when `required` is false. */
export function endpointIdOf(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directive: IDataObject,
	required: boolean,
): string | undefined {
	const endpointId = fieldOrDirective(n8n, itemIndex, 'endpointId', directive, 'endpointId');
	if (endpointId === undefined && !required) return undefined;
	return requireEndpointId('Endpoint ID', endpointId);
}

export interface AnswerParts {
	namespace: string;
	name: string;
	correlationToken?: string;
	endpointId?: string;
	payload: IDataObject;
	/** Reported in `context.properties`. */
	properties?: IDataObject[];
}

/** The answer Alexa gets: `{event: {header, endpoint?, payload}, context?}` (no scope: a synchronous answer needs none). */
export function answerMessage(parts: AnswerParts): IDataObject {
	const header: IDataObject = {
		namespace: parts.namespace,
		name: parts.name,
		messageId: randomUUID(),
	};
	if (parts.correlationToken) header.correlationToken = parts.correlationToken;
	header.payloadVersion = PAYLOAD_VERSION;
	const event: IDataObject = { header };
	if (parts.endpointId !== undefined) event.endpoint = { endpointId: parts.endpointId };
	event.payload = parts.payload;
	const message: IDataObject = { event };
	if (parts.properties) message.context = { properties: parts.properties };
	return message;
}

/** A property to report, with the field it came from, so that a check can name it. */
export interface Reported {
	field: string;
	property: IDataObject;
}

/** The properties checked against the schema's rules, in Alexa's shape. */
export function checkedProperties(reported: Reported[]): IDataObject[] {
	return reported.map(({ field, property }) => {
		checkProperty(field, property);
		return property;
	});
}
