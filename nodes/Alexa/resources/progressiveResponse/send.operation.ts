import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import type { ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { speechAsSsml, speechOf, speechTypeOptions } from '../../shared/input/speech';
import {
	alexaRequestFields,
	alexaRequestOf,
	type AlexaRequest,
} from '../../shared/input/alexaRequest';
import { InputProblem } from '../../shared/input/validate';
import { BoundedCache } from '../../shared/util/boundedCache';
import { clock } from '../../shared/util/clock';

/**
 * Progressive Response → Send: `POST {apiEndpoint}/v1/directives` with a VoicePlayer.Speak
 * directive, signed with the apiAccessToken of the request Alexa sent the skill ("Progressive
 * Response REST API Reference"; docs/alexa-facts.md, "Progressive responses"). The request's
 * fields are found in the Alexa Trigger's item when left empty (shared/input/alexaRequest.ts).
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Speech Type',
		name: 'speechType',
		type: 'options',
		options: speechTypeOptions,
		default: 'plainText',
	},
	{
		displayName: 'Speech',
		name: 'speech',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'One moment, let me look that up.',
		description:
			'What Alexa says while the workflow prepares its answer. Plain text is escaped and wrapped in &lt;speak&gt;; SSML may hold short audio.',
	},
	...alexaRequestFields(['requestId']),
];

/**
 * "You can send progressive responses from the context of a current LaunchRequest or
 * IntentRequest", and Alexa plays them only before the skill's full answer, within about eight
 * seconds ("Send the User a Progressive Response"). Five per request is the figure third parties
 * give (docs/alexa-facts.md, "Progressive responses"): counted per request in this n8n process.
 */
export const MAX_PROGRESSIVE_RESPONSES_PER_REQUEST = 5;
const REQUEST_TYPES_WITH_PROGRESSIVE_RESPONSES = ['LaunchRequest', 'IntentRequest'];
/** Progressive responses planned per requestId; a request's ID is forgotten after Alexa's window, so 10,000 is ample. */
const sentPerRequest = new BoundedCache<number>(10_000);

/** What the node can know Alexa refuses: the wrong kind of request, a window that closed, a sixth response. */
function refuseWhatAlexaWouldNotPlay(alexaRequest: AlexaRequest): void {
	const { requestType, answerBy } = alexaRequest;
	const requestId = alexaRequest.requestId!;
	if (
		requestType !== undefined &&
		!REQUEST_TYPES_WITH_PROGRESSIVE_RESPONSES.includes(requestType)
	) {
		throw new InputProblem(
			'Request ID',
			`belongs to a ${requestType}; Alexa plays progressive responses only for a LaunchRequest or IntentRequest`,
			'Send a progressive response only while Alexa waits for the answer to a LaunchRequest or IntentRequest. Nothing was sent.',
		);
	}
	if (answerBy !== undefined && Date.parse(answerBy) <= clock.now()) {
		throw new InputProblem(
			'Request ID',
			`belongs to a request Alexa stopped waiting for at ${answerBy}`,
			"Alexa plays a progressive response only within about eight seconds of its request (the Alexa Trigger's answerBy): send it right after the trigger, before the slow steps. Nothing was sent.",
		);
	}
	const sent = sentPerRequest.get(requestId) ?? 0;
	if (sent >= MAX_PROGRESSIVE_RESPONSES_PER_REQUEST) {
		throw new InputProblem(
			'Request ID',
			`already has ${sent} progressive responses; Alexa plays at most ${MAX_PROGRESSIVE_RESPONSES_PER_REQUEST} for one request`,
			'Send one progressive response per wait, and the full answer after it. Nothing was sent.',
		);
	}
	sentPerRequest.set(requestId, sent + 1);
}

/** Checks the item and plans the directive, to the item's own Amazon host with its own token. */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	const speech = speechOf(
		'Speech',
		context.getNodeParameter('speechType', 'plainText'),
		context.getNodeParameter('speech'),
	);
	if (speech === undefined) {
		throw new InputProblem(
			'Speech',
			'is empty; it is required',
			'Give what Alexa says while the workflow works, such as "One moment, let me look that up."',
		);
	}
	const ssml = speechAsSsml('Speech', speech);
	const alexaRequest = alexaRequestOf(context, 'progressiveResponse', ['requestId']);
	const { host, accessToken } = alexaRequest;
	const requestId = alexaRequest.requestId!;
	refuseWhatAlexaWouldNotPlay(alexaRequest);
	const body: IDataObject = {
		header: { requestId },
		directive: { type: 'VoicePlayer.Speak', speech: ssml },
	};
	request.body = body;
	return {
		request,
		messages: [{ body, output: { requestId, speech: ssml } }],
		host: { kind: 'item', host },
		accessToken,
	};
}

/** Alexa answers 204 with no body: the item says it was sent (the request ID and speech come from the plan). */
async function reportSent(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [
		{
			json: { sent: true, statusCode: response.statusCode },
			pairedItem: { item: this.getItemIndex() },
		},
	];
}

export const operation: SendingOperation = {
	value: 'send',
	name: 'Send',
	action: 'Send a progressive response',
	description: 'Have Alexa say something while the workflow prepares its answer',
	fields: properties,
	method: 'POST',
	path: '/v1/directives',
	plan,
	output: [mapAlexaErrors, reportSent],
};
