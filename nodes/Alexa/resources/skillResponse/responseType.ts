import type { INodeProperties } from 'n8n-workflow';

/**
 * Build's Response Type: the answer to a launch, an intent or a message (speech, card,
 * directives, session), or the answer to a CanFulfillIntentRequest (canFulfillIntent.ts). The
 * values are here rather than in build.operation.ts because the parts' own fields name them in
 * their display options, and build.operation.ts imports those parts.
 */

export const SPEECH_AND_CARD = 'speech';
export const CAN_FULFILL_INTENT = 'canFulfillIntent';

export const responseTypeField: INodeProperties = {
	displayName: 'Response Type',
	name: 'responseType',
	type: 'options',
	options: [
		{
			name: 'Speech and Card',
			value: SPEECH_AND_CARD,
			description: 'What Alexa says and shows: speech, reprompt, card, directives, session',
		},
		{
			name: 'Can Fulfill Intent',
			value: CAN_FULFILL_INTENT,
			description:
				'The answer to a CanFulfillIntentRequest: whether the skill can handle the request, per slot; nothing is said',
		},
	],
	default: SPEECH_AND_CARD,
};

/** Shown only for one Response Type (merged with a field's own display options). */
export function onlyFor(responseType: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...field.displayOptions?.show, responseType: [responseType] },
		},
	}));
}
