import { randomUUID } from 'crypto';
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import type { SendingOperation } from '../../shared/delivery/operation';
import { singleMessage, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { requireStage, requireUserId } from '../../shared/input/skillFields';
import { InputProblem, parseJsonField, requireJsonObject } from '../../shared/input/validate';
import { clock } from '../../shared/util/clock';
import { acceptedItem } from '../../shared/util/response';
import { sendNotificationFields } from './sendNotificationFields';
import { checkLocalizedAttributes, checkPayload, isEmpty, isoDateTime, setAt } from './payload';
import {
	LOCALIZED_PREFIX,
	NOTIFICATION_SCHEMAS,
	schemaNamed,
	type NotificationSchema,
} from './schemas';

/**
 * Amazon's limits for a notification ("Proactive Events REST API Reference",
 * https://developer.amazon.com/docs/alexa/smapi/proactive-events-api-reference.html; see
 * docs/alexa-facts.md): the expiry between five minutes and 24 hours, counted from now and from
 * the event's timestamp alike; a referenceId of at most 100 characters, alphanumeric and ~ as
 * Amazon writes them, and - as in Amazon's own example ("unique-id-of-this-event-instance-…").
 * No _ or . : Amazon does not list them, so the node refuses them before sending.
 */
export const EXPIRY_MIN_MS = 5 * 60_000;
export const EXPIRY_MAX_MS = 24 * 3600_000;
/** An hour short of Amazon's maximum, so that a clock running ahead on either side stays inside the window. */
export const EXPIRY_DEFAULT_MS = 23 * 3600_000;
export const REFERENCE_ID_MAX_LENGTH = 100;
const REFERENCE_ID_PATTERN = /^[A-Za-z0-9~-]+$/;
const REFERENCE_ID_CHARACTERS = 'letters A–Z and a–z, digits, - and ~';

/** The development endpoints are for testers (no notification limits); live ones for the certified skill. */
const STAGE_PATHS: Record<string, string> = {
	development: '/v1/proactiveEvents/stages/development',
	live: '/v1/proactiveEvents',
};

/** The event and its localizedAttributes from the schema's fields. */
function eventFromFields(context: IExecuteSingleFunctions): {
	event: IDataObject;
	localizedAttributes: IDataObject[];
} {
	const name = context.getNodeParameter('eventName') as string;
	const schema = requireSchema('Schema', name);
	const locales = context.getNodeParameter('localizedText.locale', []) as IDataObject[];
	const payload: IDataObject = {};
	for (const field of schema.fields) {
		if (field.kind === 'localized') {
			// An optional text is sent when some locale gives it; then every locale must.
			if (field.required || locales.some((locale) => !isEmpty(locale[field.name])))
				setAt(payload, field.path, `${LOCALIZED_PREFIX}${field.name}`);
			continue;
		}
		const value = context.getNodeParameter(field.name, '') as unknown;
		if (isEmpty(value)) continue;
		setAt(
			payload,
			field.path,
			field.kind === 'dateTime' ? isoDateTime(field.displayName, value) : value,
		);
	}
	checkPayload(schema, payload, (field) => field.displayName);
	const keys = schema.fields
		.filter((field) => field.kind === 'localized')
		.map((field) => field.name);
	const localizedAttributes = locales.map((entry) => {
		const texts: IDataObject = { locale: entry.locale };
		for (const key of keys) if (!isEmpty(entry[key])) texts[key] = String(entry[key]);
		return texts;
	});
	return {
		event: { name, payload },
		localizedAttributes: checkLocalizedAttributes('Text per Locale', localizedAttributes, payload),
	};
}

/** The event and its localizedAttributes as the user wrote them, checked against the schema table. */
function eventFromJson(context: IExecuteSingleFunctions): {
	event: IDataObject;
	localizedAttributes: IDataObject[];
} {
	const event = requireJsonObject('Event (JSON)', context.getNodeParameter('eventJson'));
	const schema = requireSchema('Event (JSON) name', event.name);
	const payload = event.payload;
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
		throw new InputProblem(
			'Event (JSON) payload',
			'is missing or not an object',
			'Write the event as {"name": "...", "payload": {...}}.',
		);
	}
	checkPayload(schema, payload as IDataObject, (field) => `Event (JSON) payload.${field.path}`);
	const entries = parseJsonField(
		'Localized Attributes (JSON)',
		context.getNodeParameter('localizedAttributesJson'),
		'an array such as [{"locale": "en-US", "sellerName": "Example Shop"}]',
	);
	return {
		event: { name: schema.name, payload: payload as IDataObject },
		localizedAttributes: checkLocalizedAttributes(
			'Localized Attributes (JSON)',
			entries,
			payload as IDataObject,
		),
	};
}

function requireSchema(field: string, name: unknown): NotificationSchema {
	const schema = typeof name === 'string' ? schemaNamed(name) : undefined;
	if (!schema) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(name)}; Alexa takes only its own schemas: ${NOTIFICATION_SCHEMAS.map((candidate) => candidate.name).join(', ')}`,
			"Choose one of Amazon's proactive event schemas and declare it in your skill manifest.",
		);
	}
	return schema;
}

function requireReferenceId(value: unknown): string {
	if (isEmpty(value)) return randomUUID();
	const referenceId = String(value).trim();
	if (referenceId.length > REFERENCE_ID_MAX_LENGTH || !REFERENCE_ID_PATTERN.test(referenceId)) {
		throw new InputProblem(
			'Reference ID',
			`"${referenceId.slice(0, 40)}" is not allowed: Alexa takes at most ${REFERENCE_ID_MAX_LENGTH} ${REFERENCE_ID_CHARACTERS}`,
			'Leave it empty for a UUID, or build it from your own IDs with - between them, for example order-1234-shipped.',
		);
	}
	return referenceId;
}

const WINDOW = `5 minutes (${EXPIRY_MIN_MS / 60_000}) to 24 hours (${EXPIRY_MAX_MS / 60_000} minutes)`;
const outsideWindow = (ms: number) => ms < EXPIRY_MIN_MS || ms > EXPIRY_MAX_MS;

/**
 * timestamp, and expiryTime in Amazon's window: 5 minutes to 24 hours from now, and as far from
 * the event's timestamp. The default expiry is 23 hours from whichever is earlier, so that it
 * fits both windows whenever one can.
 */
function eventTimes(options: IDataObject): { timestamp: string; expiryTime: string } {
	const now = clock.now();
	const timestamp = isEmpty(options.timestamp)
		? new Date(now).toISOString()
		: isoDateTime('Timestamp', options.timestamp);
	const expiryTime = isEmpty(options.expiryTime)
		? new Date(Math.min(now, Date.parse(timestamp)) + EXPIRY_DEFAULT_MS).toISOString()
		: isoDateTime('Expiry Time', options.expiryTime);
	const fromNow = Date.parse(expiryTime) - now;
	if (outsideWindow(fromNow)) {
		throw new InputProblem(
			'Expiry Time',
			`is ${expiryTime}, ${Math.round(fromNow / 60_000)} minutes from now; Alexa accepts ${WINDOW} from now`,
			'Leave Expiry Time empty (23 hours from now), or use for example {{ $now.plus({ hours: 6 }).toISO() }}.',
		);
	}
	const fromTimestamp = Date.parse(expiryTime) - Date.parse(timestamp);
	if (outsideWindow(fromTimestamp)) {
		throw new InputProblem(
			'Expiry Time',
			`is ${expiryTime}, ${Math.round(fromTimestamp / 60_000)} minutes after the Timestamp ${timestamp}; Alexa accepts ${WINDOW} after the event's timestamp too`,
			'Give a Timestamp within the last 24 hours (or leave it empty for now), and an Expiry Time 5 minutes to 24 hours after it and after now.',
		);
	}
	return { timestamp, expiryTime };
}

/** Checks the item and builds the notification: the stage's path, the event, the audience. */
function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	const audience = context.getNodeParameter('audience') as string;
	if (audience !== 'Unicast' && audience !== 'Multicast') {
		throw new InputProblem(
			'Audience',
			`is ${JSON.stringify(audience)}; it must be Unicast or Multicast`,
			'Choose Unicast or Multicast.',
		);
	}
	const userId =
		audience === 'Unicast'
			? requireUserId(
					context,
					"Unicast needs the user's userId: map it from your data, or choose Multicast.",
				)
			: undefined;
	const stage = requireStage(context);
	const { event, localizedAttributes } =
		context.getNodeParameter('eventSource') === 'json'
			? eventFromJson(context)
			: eventFromFields(context);
	const options = context.getNodeParameter('notificationOptions', {}) as IDataObject;
	const referenceId = requireReferenceId(options.referenceId);
	request.url = STAGE_PATHS[stage];
	request.body = {
		...eventTimes(options),
		referenceId,
		event,
		localizedAttributes,
		relevantAudience: { type: audience, payload: userId === undefined ? {} : { user: userId } },
	};
	const itemPlan = singleMessage(request, {
		host: { kind: 'region' },
		fallback: (statusCode, answerLost) =>
			// A 409 to a resend after an attempt whose answer was lost: that attempt reached Alexa.
			statusCode === 409 && answerLost
				? { accepted: true, statusCode, requestId: null, hint: ALREADY_ACCEPTED_HINT }
				: undefined,
	});
	itemPlan.messages[0].output = {
		referenceId,
		eventName: event.name as string,
		audience,
		...(userId === undefined ? {} : { userId }),
		stage,
	};
	return itemPlan;
}

const ALREADY_ACCEPTED_HINT =
	'Alexa answered 409 to a resend: an earlier attempt of this item, whose answer was lost, was accepted with the same Reference ID. The user is notified once.';

/** What users most often ask after a 202: Alexa accepted it, so why does nothing show up? */
const ACCEPTED_HINT =
	'Accepted is not shown: Alexa shows the notification only to users who allowed notifications for your skill in the Alexa app, and only if the skill manifest lists this event under events.publications (with the notifications permission). Multicast reaches only users who subscribed; a Development event only your test devices.';

/** Alexa answers 202 with no body; the item reports it, the request ID, and the hint above. */
async function reportAccepted(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return acceptedItem(this, response, { hint: ACCEPTED_HINT });
}

export const operation: SendingOperation = {
	name: 'Send Notification',
	value: 'sendNotification',
	action: 'Send a notification',
	description: 'Send a proactive event: a notification for one user or every subscribed user',
	fields: sendNotificationFields,
	method: 'POST',
	// The planner picks the stage's path (STAGE_PATHS); the development one is what n8n's routing shows.
	path: STAGE_PATHS.development,
	plan,
	output: [mapAlexaErrors, reportAccepted],
};
