import type { INodePropertyOptions } from 'n8n-workflow';

import { disallowedCharacter, escapeSsmlText, ssmlFault, withSpeakRoot } from './ssml';
import { textParameter } from './textParameter';
import { InputProblem } from './validate';

/**
 * What Alexa says, from a Speech Type and a Speech field, checked the one way for every resource
 * that speaks: Skill Response → Build (its outputSpeech and reprompt) and Progressive Response →
 * Send. Each resource adds its own limits.
 */
export type Speech = { type: 'PlainText'; text: string } | { type: 'SSML'; ssml: string };

export const speechTypeOptions: INodePropertyOptions[] = [
	{ name: 'Plain Text', value: 'plainText', description: 'Alexa reads the text as it is' },
	{
		name: 'SSML',
		value: 'ssml',
		description:
			'Speech Synthesis Markup Language; wrapped in &lt;speak&gt;…&lt;/speak&gt; when it does not start with &lt;speak&gt;',
	},
];

/**
 * One speech field as Alexa takes it, or undefined when it is empty: plain text as given (trimmed),
 * SSML with a <speak> root and checked well-formed (ssml.ts), before Alexa sees it.
 */
export function speechOf(field: string, type: unknown, value: unknown): Speech | undefined {
	const text = textParameter(field, value);
	if (text === '') return undefined;
	if (type !== 'ssml') return { type: 'PlainText', text };
	const ssml = withSpeakRoot(text);
	const fault = ssmlFault(ssml);
	if (fault) {
		throw new InputProblem(
			field,
			`is not well-formed SSML ${fault}`,
			'Close every tag in the order it was opened, write & as &amp; and < as &lt; in text, and quote attribute values. Or choose Plain Text.',
		);
	}
	return { type: 'SSML', ssml };
}

/**
 * Speech where Alexa takes only SSML (a progressive response): SSML as checked, plain text with
 * &, < and > escaped inside <speak>…</speak>. A character XML cannot carry is refused, as in SSML.
 */
export function speechAsSsml(field: string, speech: Speech): string {
	if (speech.type === 'SSML') return speech.ssml;
	const disallowed = disallowedCharacter(speech.text);
	if (disallowed) {
		throw new InputProblem(
			field,
			`has the character ${disallowed.name} at character ${disallowed.index + 1}, which Alexa's speech (SSML) cannot carry`,
			'Remove the control character from the text.',
		);
	}
	return `<speak>${escapeSsmlText(speech.text)}</speak>`;
}
