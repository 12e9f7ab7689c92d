import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { AlexaApi } from '../alexa/apis';
import { amazonApiHost } from '../alexa/hosts';
import { triggerItem } from '../util/triggerItem';
import { InputProblem } from './validate';

/**
 * The request Alexa sent the skill, as the in-session APIs need it: its apiEndpoint (the host to
 * call), its apiAccessToken (the only token these APIs take), and what else an operation names
 * (the requestId of a progressive response, the deviceId of the settings and the address).
 * Request and response JSON reference, "System object":
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html
 *
 * Each value is found without the user mapping it, in this order:
 * 1. the field, when the user mapped or typed something into it;
 * 2. the input item's own field of the same name (the Alexa Trigger's item, when this node
 *    follows the trigger);
 * 3. the item of the Alexa Trigger that started this execution, wherever it is upstream, so that
 *    the nodes between the trigger and this one need not carry the token along.
 * The trigger gives apiAccessToken only with its Include Access Tokens option on.
 */

/** What an operation needs of the request, besides the endpoint and the token. */
export type RequestField = 'requestId' | 'deviceId';

/** The item fields of the Alexa Trigger's item (AlexaTrigger/requests/outputItem.ts) this module reads. */
const ITEM_FIELDS = {
	apiEndpoint: 'apiEndpoint',
	apiAccessToken: 'apiAccessToken',
	requestId: 'requestId',
	deviceId: 'deviceId',
	requestType: 'requestType',
	locale: 'locale',
	answerBy: 'answerBy',
} as const;

/** Each field's description ends with where an empty field is taken from, written out in each for n8n's lint. */
const FIELD_TEXT: Record<RequestField | 'apiEndpoint' | 'apiAccessToken', INodeProperties> = {
	apiEndpoint: {
		displayName: 'API Endpoint',
		name: 'apiEndpoint',
		type: 'string',
		default: '',
		placeholder: 'From the Alexa Trigger',
		description:
			"The apiEndpoint of the request Alexa sent the skill, such as https://api.amazonalexa.com. Only Amazon's API hosts are accepted, since the access token is sent there. Leave it empty to take it from the Alexa Trigger that started this execution (with its Include Access Tokens option on), even with other nodes in between; map it when the request comes from elsewhere.",
	},
	apiAccessToken: {
		displayName: 'API Access Token',
		name: 'apiAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: 'From the Alexa Trigger',
		description:
			'The apiAccessToken of the request Alexa sent the skill. It is never shown in the output or in errors. Leave it empty to take it from the Alexa Trigger that started this execution (with its Include Access Tokens option on), even with other nodes in between; map it when the request comes from elsewhere.',
	},
	requestId: {
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '',
		placeholder: 'From the Alexa Trigger',
		description:
			'The requestId of the request Alexa sent the skill. Leave it empty to take it from the Alexa Trigger that started this execution (with its Include Access Tokens option on), even with other nodes in between; map it when the request comes from elsewhere.',
	},
	deviceId: {
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		default: '',
		placeholder: 'From the Alexa Trigger',
		description:
			'The deviceId of the device the user spoke to (amzn1.ask.device.…). Leave it empty to take it from the Alexa Trigger that started this execution (with its Include Access Tokens option on), even with other nodes in between; map it when the request comes from elsewhere.',
	},
};

/**
 * The fields of an operation that calls an in-session API: the request's endpoint and token, and
 * the request fields it names, each empty by default (found as the module's comment says).
 */
export function alexaRequestFields(needs: RequestField[] = []): INodeProperties[] {
	return [
		...needs.map((field) => FIELD_TEXT[field]),
		FIELD_TEXT.apiEndpoint,
		FIELD_TEXT.apiAccessToken,
	];
}

/** The request an item's operation sends with, checked. */
export interface AlexaRequest {
	/** One of the API's Amazon hosts (checked by `amazonApiHost`). */
	host: string;
	accessToken: string;
	requestId?: string;
	deviceId?: string;
	/** The type of the request the token came with, when the node can know it (LaunchRequest, Messaging.MessageReceived…). */
	requestType?: string;
	/** The request's locale, when the node can know it (en-US). */
	locale?: string;
	/** When Alexa stops waiting for the answer to the request (the Alexa Trigger's answerBy), when the node can know it. */
	answerBy?: string;
}

/**
 * Requests Alexa sends outside a user's session with the skill: a skill message
 * (Messaging.MessageReceived, "Send a Message Request to a Skill"), a skill event
 * (AlexaSkillEvent.*, "Skill Events in Alexa Skills"), a reminder event (Reminders.*). Their token
 * is what Amazon's pages call an out-of-session token.
 */
export function isOutOfSessionRequest(requestType: string | undefined): boolean {
	if (requestType === undefined) return false;
	return (
		requestType === 'Messaging.MessageReceived' ||
		requestType.startsWith('AlexaSkillEvent.') ||
		requestType.startsWith('Reminders.')
	);
}

const ENDPOINT_HINT =
	"Map API Endpoint to the apiEndpoint of the Alexa Trigger's item, such as https://api.amazonalexa.com, or leave it empty. The node sends only to Amazon's API hosts (api.amazonalexa.com, api.eu.amazonalexa.com, api.fe.amazon.com, api.fe.amazonalexa.com), since the request's access token goes with it.";

/**
 * The item's request: endpoint, token and the fields the operation needs, each from the field, the
 * input item or the Alexa Trigger's item. Throws `InputProblem` naming the field when one is
 * missing or the endpoint is not one of Amazon's hosts; the token's value is never repeated.
 */
export function alexaRequestOf(
	context: IExecuteSingleFunctions,
	api: Exclude<AlexaApi, 'loginWithAmazon'>,
	needs: RequestField[] = [],
): AlexaRequest {
	const sources = requestSources(context);
	const found = (name: keyof typeof ITEM_FIELDS, parameter?: string): string | undefined => {
		if (parameter !== undefined) {
			const value = context.getNodeParameter(parameter, '');
			if (typeof value === 'string' && value.trim() !== '') return value.trim();
		}
		for (const source of sources()) {
			const value = source[ITEM_FIELDS[name]];
			if (typeof value === 'string' && value.trim() !== '') return value.trim();
		}
		return undefined;
	};

	const endpoint = found('apiEndpoint', 'apiEndpoint');
	if (endpoint === undefined) {
		throw new InputProblem(
			'API Endpoint',
			'is empty and no Alexa Trigger item gives one',
			ENDPOINT_HINT,
		);
	}
	const checked = amazonApiHost(api, endpoint);
	if ('problem' in checked) {
		throw new InputProblem(
			'API Endpoint',
			`${checked.problem}: it must be the apiEndpoint Alexa sent, one of Amazon's API hosts`,
			`${ENDPOINT_HINT} Nothing goes to another host.`,
		);
	}
	const accessToken = found('apiAccessToken', 'apiAccessToken');
	if (accessToken === undefined) {
		throw new InputProblem(
			'API Access Token',
			'is empty and no Alexa Trigger item gives one',
			"Turn on the Alexa Trigger's Include Access Tokens option (Options → Include Access Tokens), or map API Access Token to the apiAccessToken of the request Alexa sent the skill.",
		);
	}
	const request: AlexaRequest = { host: checked.host, accessToken };
	for (const need of needs) {
		const value = found(need, need);
		if (value === undefined) {
			const label = FIELD_TEXT[need].displayName;
			throw new InputProblem(
				label,
				'is empty and no Alexa Trigger item gives one',
				`Map ${label} to the ${need} of the Alexa Trigger's item, or leave it empty with the Alexa Trigger upstream of this node.`,
			);
		}
		request[need] = value;
	}
	const requestType = found('requestType');
	if (requestType !== undefined) request.requestType = requestType;
	const locale = found('locale');
	if (locale !== undefined) request.locale = locale;
	const answerBy = found('answerBy');
	if (answerBy !== undefined) request.answerBy = answerBy;
	return request;
}

/**
 * Where a value is looked for after the field: the input item, then the Alexa Trigger's item
 * (read once, and only when the input item lacks a value).
 */
function requestSources(context: IExecuteSingleFunctions): () => IDataObject[] {
	let fromTrigger: IDataObject | undefined | null = null;
	return () => {
		if (fromTrigger === null)
			fromTrigger = triggerItem(context, 'alexaTrigger', context.getItemIndex());
		const input = context.getInputData()?.json ?? {};
		return fromTrigger ? [input, fromTrigger] : [input];
	};
}
