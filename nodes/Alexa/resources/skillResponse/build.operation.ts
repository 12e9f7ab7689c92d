import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { InputProblem, utf8Bytes } from '../../shared/input/validate';
import { RESPONSE_MAX_BYTES, SPEECH_MAX_CHARACTERS } from './limits';
import { canFulfillIntent, canFulfillIntentProperties } from './canFulfillIntent';
import { card, cardFields } from './card';
import { directives, directivesOption } from './directives';
import { CAN_FULFILL_INTENT, onlyFor, responseTypeField, SPEECH_AND_CARD } from './responseType';
import {
	KEEP_OPEN,
	sessionAttributes,
	sessionAttributesOption,
	sessionChoice,
	shouldEndSession,
	shouldEndSessionField,
} from './session';
import { ssmlFault, withSpeakRoot } from './ssml';
import { textParameter } from './textParameter';

export { answerAlexa as finish } from './answerAlexa';

/**
 * Builds the body a custom skill returns to Alexa, as the "Request and Response JSON Reference"
 * describes it (https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html#response-format):
 * `{ version: "1.0", sessionAttributes?, response: { outputSpeech?, card?, reprompt?, directives?, shouldEndSession? } }`,
 * or, for a CanFulfillIntentRequest, `{ version: "1.0", response: { canFulfillIntent } }` (canFulfillIntent.ts).
 * The output item's JSON is exactly that body, so that the Alexa Trigger's "When Last Node
 * Finishes" (First Entry JSON) or a Respond to Webhook node (First Incoming Item) returns it as it is.
 */

const displayOptions = { show: { resource: ['skillResponse'], operation: ['build'] } };

const speechTypeOptions = [
	{ name: 'Plain Text', value: 'plainText', description: 'Alexa reads the text as it is' },
	{
		name: 'SSML',
		value: 'ssml',
		description: 'Speech Synthesis Markup Language; wrapped in &lt;speak&gt;…&lt;/speak&gt; when it does not start with &lt;speak&gt;',
	},
];

/** The fields of an answer with speech, card, directives and session (Response Type: Speech and Card). */
const speechProperties: INodeProperties[] = [
	{
		displayName: 'Output Speech Type',
		name: 'speechType',
		type: 'options',
		options: speechTypeOptions,
		default: 'plainText',
	},
	{
		displayName: 'Output Speech',
		name: 'speech',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'You have three items on your list.',
		description: 'What Alexa says; leave empty to say nothing. At most 8000 characters (SSML: with its tags).',
	},
	shouldEndSessionField,
	{
		displayName: 'Reprompt Type',
		name: 'repromptType',
		type: 'options',
		options: speechTypeOptions,
		default: 'plainText',
		displayOptions: { show: { shouldEndSession: [KEEP_OPEN] } },
	},
	{
		displayName: 'Reprompt',
		name: 'reprompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'What would you like to do?',
		displayOptions: { show: { shouldEndSession: [KEEP_OPEN] } },
		description: 'What Alexa says when the user does not answer; leave empty for no reprompt. At most 8000 characters.',
	},
	...cardFields,
];

const properties: INodeProperties[] = [
	responseTypeField,
	...onlyFor(SPEECH_AND_CARD, speechProperties),
	...onlyFor(CAN_FULFILL_INTENT, canFulfillIntentProperties),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Respond to Alexa Now',
				name: 'respondNow',
				type: 'boolean',
				default: false,
				description:
					"Whether to send the first item to Alexa as soon as it is built. Use it when the Alexa Trigger's Respond is \"Using 'Respond to Webhook' Node\"; the workflow goes on after the answer.",
			},
			directivesOption,
			sessionAttributesOption,
		],
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

/** An outputSpeech object, or undefined when the text is empty. */
function outputSpeech(field: string, type: unknown, value: unknown): IDataObject | undefined {
	const text = textParameter(field, value);
	if (text === '') return undefined;
	if (type === 'ssml') {
		const ssml = withSpeakRoot(text);
		const fault = ssmlFault(ssml);
		if (fault) {
			throw new InputProblem(
				field,
				`is not well-formed SSML ${fault}`,
				'Close every tag in the order it was opened, write & as &amp; and < as &lt; in text, and quote attribute values. Or choose Plain Text.',
			);
		}
		requireSpeechLength(field, ssml, ' (the SSML as returned, tags included)');
		return { type: 'SSML', ssml };
	}
	requireSpeechLength(field, text, '');
	return { type: 'PlainText', text };
}

function requireSpeechLength(field: string, text: string, counted: string): void {
	if (text.length > SPEECH_MAX_CHARACTERS) {
		throw new InputProblem(
			field,
			`is ${text.length} characters${counted}; Alexa accepts at most ${SPEECH_MAX_CHARACTERS}`,
			'Say less, and put the details in a card.',
		);
	}
}

/** One item's response body, checked against Alexa's limits. */
export function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const responseType = n8n.getNodeParameter('responseType', itemIndex, SPEECH_AND_CARD);
	const envelope =
		responseType === CAN_FULFILL_INTENT ? { version: '1.0', response: { canFulfillIntent: canFulfillIntent(n8n, itemIndex) } } : speechEnvelope(n8n, itemIndex);
	const bytes = utf8Bytes(JSON.stringify(envelope));
	if (bytes > RESPONSE_MAX_BYTES) {
		throw new InputProblem(
			'Response',
			`is ${bytes} bytes as JSON; Alexa accepts at most ${RESPONSE_MAX_BYTES} bytes (120 KB)`,
			'Keep less in Session Attributes (store it elsewhere and keep a key), or send less speech, card text or directives.',
		);
	}
	return envelope;
}

/** Speech, card, reprompt, directives and session: the answer to a launch, an intent, a message. */
function speechEnvelope(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const parameter = (name: string, fallback: unknown) => n8n.getNodeParameter(name, itemIndex, fallback);
	const options = parameter('options', {}) as { sessionAttributes?: unknown; directives?: unknown };
	const attributes = sessionAttributes(options.sessionAttributes);
	const session = sessionChoice(n8n, itemIndex);

	const response: IDataObject = {};
	const speech = outputSpeech('Output Speech', parameter('speechType', 'plainText'), parameter('speech', ''));
	if (speech) response.outputSpeech = speech;
	const shown = card(n8n, itemIndex);
	if (shown) response.card = shown;
	if (session === KEEP_OPEN) {
		const reprompt = outputSpeech('Reprompt', parameter('repromptType', 'plainText'), parameter('reprompt', ''));
		if (reprompt) response.reprompt = { outputSpeech: reprompt };
	}
	const directiveList = directives(options.directives);
	if (directiveList) response.directives = directiveList;
	const endsSession = shouldEndSession(session, directiveList);
	if (endsSession !== undefined) response.shouldEndSession = endsSession;

	const envelope: IDataObject = { version: '1.0' };
	if (attributes) envelope.sessionAttributes = attributes;
	envelope.response = response;
	return envelope;
}

export const option: INodePropertyOptions = {
	name: 'Build',
	value: 'build',
	action: 'Build a response to Alexa',
	description: 'Build the JSON your skill answers Alexa with: speech, reprompt, card, session, or a CanFulfillIntent answer; nothing is sent',
};
