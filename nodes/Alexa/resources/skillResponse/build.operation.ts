import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	answerTrigger,
	respondNowOption,
	type AnsweredTrigger,
} from '../../shared/local/answerTrigger';
import type { LocalOperation } from '../../shared/local/localOperations';
import { InputProblem, utf8Bytes } from '../../shared/input/validate';
import { canFulfillIntent, canFulfillIntentProperties } from './canFulfillIntent';
import { card, cardFields } from './card';
import { directives, directivesOption } from './directives';
import { RESPONSE_MAX_BYTES } from './limits';
import { CAN_FULFILL_INTENT, onlyFor, responseTypeField, SPEECH_AND_CARD } from './responseType';
import {
	KEEP_OPEN,
	sessionAttributes,
	sessionAttributesOption,
	sessionChoice,
	shouldEndSession,
	shouldEndSessionField,
} from './session';
import { outputSpeech, outputSpeechFields, reprompt, repromptFields } from './speech';

/**
 * Builds the body a custom skill returns to Alexa, as the "Request and Response JSON Reference"
 * describes it (https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html#response-format):
 * `{ version: "1.0", sessionAttributes?, response: { outputSpeech?, card?, reprompt?, directives?, shouldEndSession? } }`,
 * or, for a CanFulfillIntentRequest, `{ version: "1.0", response: { canFulfillIntent } }` (canFulfillIntent.ts).
 * The output item's JSON is exactly that body, so that the Alexa Trigger's "When Last Node
 * Finishes" (First Entry JSON) or a Respond to Webhook node (First Incoming Item) returns it as it is.
 *
 * Each part has its fields and the code that reads them in its own file: speech.ts, card.ts,
 * directives.ts, session.ts; this file puts them in the order n8n shows them and assembles the body.
 */

/** Too late for Alexa: what the user can do instead. */
const ALEXA_TRIGGER: AnsweredTrigger = {
	nodeType: 'alexaTrigger',
	whenLate:
		"Unless its When the Workflow Is Slow option is Keep Waiting, the Alexa Trigger answered in this node's place 7 s after the request. Make the steps between the Alexa Trigger and this node faster, or answer first and deliver later (Respond to Alexa Now, then a Reminder or Notification: the README's answer now, deliver later).",
};

/** The fields of an answer with speech, card, directives and session (Response Type: Speech and Card). */
const speechAndCardFields: INodeProperties[] = [
	...outputSpeechFields,
	shouldEndSessionField,
	...repromptFields,
	...cardFields,
];

const properties: INodeProperties[] = [
	responseTypeField,
	...onlyFor(SPEECH_AND_CARD, speechAndCardFields),
	...onlyFor(CAN_FULFILL_INTENT, canFulfillIntentProperties),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [respondNowOption('Alexa Trigger'), directivesOption, sessionAttributesOption],
	},
];

/** One item's response body, checked against Alexa's limits. */
function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const responseType = n8n.getNodeParameter('responseType', itemIndex, SPEECH_AND_CARD);
	const envelope =
		responseType === CAN_FULFILL_INTENT
			? { version: '1.0', response: { canFulfillIntent: canFulfillIntent(n8n, itemIndex) } }
			: speechEnvelope(n8n, itemIndex);
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

/**
 * Speech, card, reprompt, directives and session: the answer to a launch, an intent, a message.
 * The parts are read in this order so that, of several faulty fields, the same one is reported.
 */
function speechEnvelope(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = n8n.getNodeParameter('options', itemIndex, {}) as {
		sessionAttributes?: unknown;
		directives?: unknown;
	};
	const attributes = sessionAttributes(options.sessionAttributes);
	const session = sessionChoice(n8n, itemIndex);

	const response: IDataObject = {};
	const speech = outputSpeech(n8n, itemIndex);
	if (speech) response.outputSpeech = speech;
	const shown = card(n8n, itemIndex);
	if (shown) response.card = shown;
	if (session === KEEP_OPEN) {
		const prompt = reprompt(n8n, itemIndex);
		if (prompt) response.reprompt = { outputSpeech: prompt };
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

export const operation: LocalOperation = {
	name: 'Build',
	value: 'build',
	action: 'Build a response to Alexa',
	description:
		'Build the JSON your skill answers Alexa with: speech, reprompt, card, session, or a CanFulfillIntent answer; nothing is sent',
	fields: properties,
	build,
	finish: (n8n, output) => answerTrigger(n8n, output, ALEXA_TRIGGER),
};
