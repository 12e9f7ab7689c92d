import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import { singleMessage, withPath, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { requireUserId, userIdProperty } from '../../shared/input/skillFields';
import {
	InputProblem,
	jsonObjectKeys,
	requireIntegerInRange,
	requireJsonObject,
	utf8Bytes,
} from '../../shared/input/validate';
import { acceptedItem } from '../../shared/util/response';

/**
 * Alexa's limits for a skill message, from the Skill Messaging REST API Reference and "Send a
 * Message Request to a Skill". The two disagree on the shortest expiry (1 or 60 seconds): the
 * node accepts what both allow. See docs/alexa-facts.md.
 */
export const MESSAGE_DATA_MAX_BYTES = 6144;
export const EXPIRES_AFTER_MIN_SECONDS = 60;
export const EXPIRES_AFTER_MAX_SECONDS = 86400;
export const EXPIRES_AFTER_DEFAULT_SECONDS = 3600;

const properties: INodeProperties[] = [
	userIdProperty,
	{
		// Not "Message Data" too: the field below has that name, and two fields of one label left
		// users unsure which to fill (issue 28).
		displayName: 'Give Message Data As',
		name: 'dataMode',
		type: 'options',
		options: [
			{ name: 'Key-Value Pairs', value: 'pairs', description: 'Enter each key and value' },
			{ name: 'JSON', value: 'json', description: 'Give the whole object as JSON' },
		],
		default: 'pairs',
		description: 'How to give the message your skill receives in request.message',
	},
	{
		displayName: 'Message Data',
		name: 'dataPairs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Key-Value Pair',
		default: {},
		displayOptions: { show: { dataMode: ['pairs'] } },
		description:
			'Each key once; keys and values are sent as text, empty ones too; at most 6144 bytes in all',
		options: [
			{
				displayName: 'Pair',
				name: 'pair',
				values: [
					// The editor names a value the AI Agent's model fills after the display name
					// (pair0_Message_Value): a bare "Value" would leave the model guessing.
					{ displayName: 'Message Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Message Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Message Data (JSON)',
		name: 'dataJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { dataMode: ['json'] } },
		description:
			'An object whose values are all strings, for example {"event": "reminder"}; each key once; at most 6144 bytes as compact JSON',
	},
	{
		displayName: 'Expires After Seconds',
		name: 'expiresAfterSeconds',
		type: 'number',
		typeOptions: { minValue: EXPIRES_AFTER_MIN_SECONDS, maxValue: EXPIRES_AFTER_MAX_SECONDS },
		default: EXPIRES_AFTER_DEFAULT_SECONDS,
		description:
			'How long Alexa keeps retrying delivery if your skill does not acknowledge the message, from 60 to 86400 seconds',
	},
];

/**
 * Message Data as [key, value] entries, in the order given and with repeated keys kept: from
 * the pairs, or from the JSON object's text (where `JSON.parse` alone would hide a repeat).
 */
function messageEntries(context: IExecuteSingleFunctions): Array<[unknown, unknown]> {
	if (context.getNodeParameter('dataMode') === 'json') {
		const json = context.getNodeParameter('dataJson');
		const data = requireJsonObject('Message Data (JSON)', json);
		const keys = typeof json === 'string' ? jsonObjectKeys(json) : Object.keys(data);
		return keys.map((key) => [key, data[key]]);
	}
	const pairs = context.getNodeParameter('dataPairs.pair', []) as Array<{
		key: unknown;
		value: unknown;
	}>;
	return pairs.map(({ key, value }) => [key, value]);
}

/**
 * Keys n8n cannot send: its HTTP client (axios) copies a JSON body with a merge that leaves
 * these out, to avoid prototype pollution, so Alexa would get the message without them.
 */
const KEYS_LOST_IN_SENDING = new Set(['__proto__', 'constructor', 'prototype']);

function kindOf(value: unknown): string {
	return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * The one check of Message Data, however it was given. Amazon asks for string keys and string
 * values; an empty string is a string, so an empty key or value is sent as it is. A key given
 * twice is refused: Alexa would keep only one of the values.
 */
function requireMessageData(entries: Array<[unknown, unknown]>): Record<string, string> {
	const seen = new Set<string>();
	for (const [key, value] of entries) {
		if (typeof key !== 'string') {
			throw new InputProblem(
				'Message Data',
				`has a key that is ${kindOf(key)}; Alexa accepts only string keys`,
				'Turn the key into text, for example {{ String($json.key) }}.',
			);
		}
		if (KEYS_LOST_IN_SENDING.has(key)) {
			throw new InputProblem(
				'Message Data',
				`has the key "${key}", which n8n's HTTP client leaves out of every request body`,
				'Use another name for this key.',
			);
		}
		if (seen.has(key)) {
			throw new InputProblem(
				'Message Data',
				`has the key "${key}" twice`,
				'Give each key once; Alexa would keep only one of the values.',
			);
		}
		seen.add(key);
		if (typeof value !== 'string') {
			throw new InputProblem(
				'Message Data',
				`value for key "${key}" is ${kindOf(value)}; Alexa accepts only string values`,
				`Turn the value into text, for example {{ String($json.${/^[A-Za-z_$][\w$]*$/.test(key) ? key : 'value'}) }}, or JSON.stringify() it for an object.`,
			);
		}
	}
	return Object.fromEntries(entries as Array<[string, string]>);
}

/** Checks the item, puts its user ID in the path and builds `{ data, expiresAfterSeconds }`. */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	const userId = requireUserId(
		context,
		'Map User ID to the userId your skill stored for this user.',
	);
	const data = requireMessageData(messageEntries(context));
	const bytes = utf8Bytes(JSON.stringify(data));
	if (bytes > MESSAGE_DATA_MAX_BYTES) {
		throw new InputProblem(
			'Message Data',
			`is ${bytes} bytes as compact JSON; Alexa accepts at most ${MESSAGE_DATA_MAX_BYTES} bytes`,
			'Send less data, or send a key your skill can use to look the rest up.',
		);
	}
	const expiresAfterSeconds = requireIntegerInRange(
		'Expires After Seconds',
		context.getNodeParameter('expiresAfterSeconds'),
		EXPIRES_AFTER_MIN_SECONDS,
		EXPIRES_AFTER_MAX_SECONDS,
	);
	request.body = { data, expiresAfterSeconds };
	return singleMessage(withPath(request, { userId }));
}

/** Alexa answers 202 with no body; the item reports that and the request ID Amazon support asks for. */
async function reportAccepted(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return acceptedItem(this, response, { userId: String(this.getNodeParameter('userId')).trim() });
}

export const operation: SendingOperation = {
	name: 'Send',
	value: 'send',
	action: 'Send a message to a skill',
	description: 'Send an asynchronous message to your skill for one user',
	fields: properties,
	method: 'POST',
	path: '/v1/skillmessages/users/{userId}',
	plan,
	output: [mapAlexaErrors, reportAccepted],
};
