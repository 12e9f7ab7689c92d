import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { amazonApiHost } from '../../shared/alexa/hosts';
import type { SendingOperation } from '../../shared/delivery/operation';
import type { ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { speechAsSsml, speechOf, speechTypeOptions } from '../../shared/input/speech';
import { InputProblem, requireNonEmptyString } from '../../shared/input/validate';

/**
 * Progressive Response → Send: `POST {apiEndpoint}/v1/directives` with a VoicePlayer.Speak
 * directive, signed with the apiAccessToken of the request Alexa sent the skill ("Progressive
 * Response REST API Reference"; docs/alexa-facts.md, "Progressive responses"). The defaults map
 * the Alexa Trigger's item (requests/outputItem.ts in the trigger) with Include Access Tokens on.
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
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '={{ $json.requestId }}',
		required: true,
		description:
			"The requestId of the request Alexa sent the skill: the Alexa Trigger's requestId. Alexa plays the speech only while it waits for that request's answer.",
	},
	{
		displayName: 'API Endpoint',
		name: 'apiEndpoint',
		type: 'string',
		default: '={{ $json.apiEndpoint }}',
		required: true,
		description:
			"The apiEndpoint of the request Alexa sent the skill: the Alexa Trigger's apiEndpoint, such as https://api.amazonalexa.com. Only Amazon's API hosts are accepted, since the access token is sent there.",
	},
	{
		displayName: 'API Access Token',
		name: 'apiAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.apiAccessToken }}',
		required: true,
		description:
			"The apiAccessToken of the request Alexa sent the skill: the Alexa Trigger's, with its Include Access Tokens option on. It is never shown in the output or in errors.",
	},
];

const ENDPOINT_HINT =
	"Map API Endpoint to the apiEndpoint of the Alexa Trigger's item, such as https://api.amazonalexa.com. The node sends only to Amazon's API hosts (api.amazonalexa.com, api.eu.amazonalexa.com, api.fe.amazon.com, api.fe.amazonalexa.com), since the request's access token goes with it.";

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
	const requestId = requireNonEmptyString(
		'Request ID',
		context.getNodeParameter('requestId'),
		"Map Request ID to the requestId of the Alexa Trigger's item, {{ $json.requestId }} when this node follows the trigger.",
	);
	const endpoint = requireNonEmptyString(
		'API Endpoint',
		context.getNodeParameter('apiEndpoint'),
		ENDPOINT_HINT,
	);
	const checked = amazonApiHost('progressiveResponse', endpoint);
	if ('problem' in checked) {
		throw new InputProblem(
			'API Endpoint',
			`${checked.problem}: it must be the apiEndpoint Alexa sent, one of Amazon's API hosts`,
			`${ENDPOINT_HINT} Nothing goes to another host.`,
		);
	}
	const accessToken = requireNonEmptyString(
		'API Access Token',
		context.getNodeParameter('apiAccessToken'),
		"Map API Access Token to the apiAccessToken of the Alexa Trigger's item, and turn the trigger's Include Access Tokens option on.",
	);
	const body: IDataObject = {
		header: { requestId },
		directive: { type: 'VoicePlayer.Speak', speech: ssml },
	};
	request.body = body;
	return {
		request,
		messages: [{ body, output: { requestId, speech: ssml } }],
		host: { kind: 'item', host: checked.host },
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
