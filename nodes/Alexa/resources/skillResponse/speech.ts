import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { speechOf, speechTypeOptions } from '../../shared/input/speech';
import { InputProblem } from '../../shared/input/validate';
import { SPEECH_MAX_CHARACTERS } from './limits';
import { KEEP_OPEN } from './session';

/**
 * What Alexa says: the Output Speech (`response.outputSpeech`) and, while the session stays
 * open, the Reprompt (`response.reprompt.outputSpeech`). Each is `{ type: "PlainText", text }`
 * or `{ type: "SSML", ssml }`, the SSML checked before Alexa sees it (shared/input/speech.ts);
 * the length limit is a response's own (limits.ts).
 */

export const outputSpeechFields: INodeProperties[] = [
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
		description:
			'What Alexa says; leave empty to say nothing. At most 8000 characters (SSML: with its tags).',
	},
];

/** Shown only when Should End Session (session.ts) keeps the session open: only then does Alexa wait for an answer. */
export const repromptFields: INodeProperties[] = [
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
		description:
			'What Alexa says when the user does not answer; leave empty for no reprompt. At most 8000 characters.',
	},
];

/** One item's Output Speech as an outputSpeech object, or undefined when Alexa says nothing. */
export function outputSpeech(n8n: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	return speechObject(
		'Output Speech',
		n8n.getNodeParameter('speechType', itemIndex, 'plainText'),
		n8n.getNodeParameter('speech', itemIndex, ''),
	);
}

/** One item's Reprompt as an outputSpeech object, or undefined for no reprompt. */
export function reprompt(n8n: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	return speechObject(
		'Reprompt',
		n8n.getNodeParameter('repromptType', itemIndex, 'plainText'),
		n8n.getNodeParameter('reprompt', itemIndex, ''),
	);
}

/** An outputSpeech object, or undefined when the text is empty. */
function speechObject(field: string, type: unknown, value: unknown): IDataObject | undefined {
	const speech = speechOf(field, type, value);
	if (speech === undefined) return undefined;
	if (speech.type === 'SSML')
		requireSpeechLength(field, speech.ssml, ' (the SSML as returned, tags included)');
	else requireSpeechLength(field, speech.text, '');
	return speech;
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
