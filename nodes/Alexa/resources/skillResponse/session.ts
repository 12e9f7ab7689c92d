import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireJsonObject } from '../../shared/input/validate';
import { SPEECH_AND_CARD } from './responseType';

/**
 * The session of a speech answer: whether Alexa listens after it (`response.shouldEndSession`),
 * and what Alexa hands back with the session's next request (`sessionAttributes`).
 */

const END_SESSION = 'end';
/** Also shows the Reprompt fields (speech.ts) and lets Build read them. */
export const KEEP_OPEN = 'keepOpen';
const LEAVE_UNSET = 'unset';

export const shouldEndSessionField: INodeProperties = {
	displayName: 'Should End Session',
	name: 'shouldEndSession',
	type: 'options',
	options: [
		{
			name: 'End Session',
			value: END_SESSION,
			description: 'The skill is done; Alexa does not listen for an answer (true)',
		},
		{
			name: 'Keep Open and Listen',
			value: KEEP_OPEN,
			description:
				"Alexa opens the microphone for the user's answer, and plays the reprompt if none comes (false)",
		},
		{
			name: 'Leave Unset',
			value: LEAVE_UNSET,
			description:
				'Omit shouldEndSession: on a device with a screen the session stays open for a while without listening; elsewhere it ends',
		},
	],
	default: END_SESSION,
	description:
		'Whether Alexa listens after the answer. A response with a VideoApp.Launch directive never carries shouldEndSession, whatever is chosen here: Amazon does not allow it there.',
};

/** An entry of Build's Options collection (build.operation.ts), for Speech and Card only. */
export const sessionAttributesOption: INodeProperties = {
	displayName: 'Session Attributes (JSON)',
	name: 'sessionAttributes',
	type: 'json',
	default: '{}',
	displayOptions: { show: { '/responseType': [SPEECH_AND_CARD] } },
	description:
		'A JSON object Alexa sends back in session.attributes of the next request of this session, for example {"step": 2}',
};

/** One item's Should End Session choice: END_SESSION, KEEP_OPEN or LEAVE_UNSET. */
export function sessionChoice(n8n: IExecuteFunctions, itemIndex: number): unknown {
	return n8n.getNodeParameter('shouldEndSession', itemIndex, END_SESSION);
}

/**
 * A response that launches a video must not carry shouldEndSession, true or false ("VideoApp
 * Interface Reference", "Parameters of Response":
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/videoapp-interface-reference.html);
 * the ASK SDK's addVideoAppLaunchDirective deletes it too, and its withShouldEndSession leaves it
 * out while such a directive is present.
 */
const VIDEO_APP_LAUNCH = 'VideoApp.Launch';

/** response.shouldEndSession for the choice and the response's directives, or undefined to leave it out. */
export function shouldEndSession(
	choice: unknown,
	directives: IDataObject[] | undefined,
): boolean | undefined {
	if (directives?.some((directive) => directive.type === VIDEO_APP_LAUNCH)) return undefined;
	if (choice === END_SESSION) return true;
	if (choice === KEEP_OPEN) return false;
	return undefined;
}

/** The Session Attributes option as an object, or undefined when there are none to send. */
export function sessionAttributes(value: unknown): IDataObject | undefined {
	if (value === undefined) return undefined;
	const attributes = requireJsonObject('Session Attributes (JSON)', value);
	return Object.keys(attributes).length > 0 ? (attributes as IDataObject) : undefined;
}
