import type { IDataObject } from 'n8n-workflow';

import { copyWithout } from '../../Alexa/shared/util/redact';
import { SKILL_EVENT_PREFIX } from '../verification/amazonRules';
import { applicationIdsOf } from '../verification/verifyRequest';
import { eventOf } from './alexaEvents';

/**
 * Alexa waits this long for a custom skill's answer, then tells the user the skill did not
 * respond: "the skill has approximately eight seconds to return a full response", progressive
 * responses included ("Send the User a Progressive Response"):
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/send-the-user-a-progressive-response.html
 */
export const ALEXA_ANSWER_WINDOW_MS = 8_000;

/**
 * Secrets a request may carry, by the name of their field, wherever they are in the envelope.
 * They grant access to the user's data and accounts: left out of the item (and of `raw`, and of
 * a skill event's `eventBody`) unless the user turns Include Access Tokens on. By name rather
 * than by path, so that a field Amazon adds in another place is left out too.
 * - apiAccessToken, user.accessToken, person.accessToken, permissions.consentToken: "System
 *   object", "User object", "Person object", "Session object" in
 *   https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html
 * - AlexaSkillEvent.SkillAccountLinked's body.accessToken, and the accessToken "many" skill
 *   events carry: https://developer.amazon.com/en-US/docs/alexa/smapi/skill-events-in-alexa-skills.html
 * - refreshToken and idToken: never sent to a custom skill today; left out should they ever be.
 */
const SECRET_FIELDS: ReadonlySet<string> = new Set([
	'apiAccessToken',
	'accessToken',
	'consentToken',
	'refreshToken',
	'idToken',
]);

/**
 * One-time codes and tokens known by their parent: the authorization grant Alexa hands a skill
 * to exchange once for the customer's tokens (`payload.grant.code`, `payload.grantee.token` in
 * Alexa.Authorization.AcceptGrant):
 * https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-authorization.html
 */
const SECRET_FIELDS_BY_PARENT: ReadonlyMap<string, string> = new Map([
	['grant', 'code'],
	['grantee', 'token'],
]);

type Json = Record<string, unknown>;
const object = (value: unknown): Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;

/** One item a no-code user can map: plain fields first, the request as Alexa sent it last. */
export function outputItem(
	received: Json,
	receivedAt: number,
	includeAccessTokens: boolean,
): IDataObject {
	const envelope = includeAccessTokens ? received : (withoutSecrets(received) as Json);
	const request = object(envelope.request);
	const system = object(object(envelope.context).System);
	const session = object(envelope.session);
	const requestType = text(request.type) ?? '';
	const intent = object(request.intent);
	const slots = slotsOf(object(intent.slots));

	const item: IDataObject = {
		event: eventOf(requestType),
		requestType,
		requestId: text(request.requestId),
		timestamp: text(request.timestamp),
		locale: text(request.locale),
		intentName: text(intent.name),
		slotValues: Object.fromEntries(
			Object.entries(slots).map(([name, slot]) => [name, slot.resolvedValue ?? slot.value ?? null]),
		),
		slots,
		dialogState: text(request.dialogState),
		userId: text(object(system.user).userId) ?? text(object(session.user).userId),
		personId: text(object(system.person).personId),
		deviceId: text(object(system.device).deviceId),
		applicationId: applicationIdsOf(envelope)[0],
		sessionId: text(session.sessionId),
		newSession: typeof session.new === 'boolean' ? session.new : undefined,
		sessionAttributes: object(session.attributes) as IDataObject,
		message:
			requestType === 'Messaging.MessageReceived'
				? (object(request.message) as IDataObject)
				: undefined,
		eventBody: requestType.startsWith(SKILL_EVENT_PREFIX)
			? (object(request.body) as IDataObject)
			: undefined,
		reason: text(request.reason),
		error: request.error === undefined ? undefined : (object(request.error) as IDataObject),
		apiEndpoint: text(system.apiEndpoint),
		receivedAt: new Date(receivedAt).toISOString(),
		answerBy: new Date(receivedAt + ALEXA_ANSWER_WINDOW_MS).toISOString(),
	};
	if (includeAccessTokens) {
		item.apiAccessToken = text(system.apiAccessToken);
		item.userAccessToken =
			text(object(system.user).accessToken) ?? text(object(session.user).accessToken);
	}
	item.raw = envelope as IDataObject;
	for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return item;
}

interface SlotOutput extends IDataObject {
	value?: string;
	values?: string[];
	resolvedValue?: string;
	resolvedId?: string;
	confirmationStatus?: string;
}

/**
 * Slot name → what the user said, plus the entity it resolved to when entity resolution matched
 * (ER_SUCCESS_MATCH), and a multiple-value slot's values (slotValue of type List).
 */
function slotsOf(slots: Json): Record<string, SlotOutput> {
	const result: Record<string, SlotOutput> = {};
	for (const [name, raw] of Object.entries(slots)) {
		const slot = object(raw);
		const output: SlotOutput = {};
		const value = text(slot.value) ?? text(object(slot.slotValue).value);
		if (value !== undefined) output.value = value;
		const slotValue = object(slot.slotValue);
		if (slotValue.type === 'List' && Array.isArray(slotValue.values)) {
			output.values = slotValue.values
				.map((entry) => text(object(entry).value))
				.filter((entry): entry is string => entry !== undefined);
		}
		const authorities = object(slot.resolutions).resolutionsPerAuthority;
		const match = Array.isArray(authorities)
			? authorities
					.map(object)
					.find((authority) => object(authority.status).code === 'ER_SUCCESS_MATCH')
			: undefined;
		const resolved =
			match && Array.isArray(match.values) ? object(object(match.values[0]).value) : undefined;
		if (resolved && text(resolved.name) !== undefined) {
			output.resolvedValue = text(resolved.name);
			if (text(resolved.id) !== undefined) output.resolvedId = text(resolved.id);
		}
		if (text(slot.confirmationStatus)) output.confirmationStatus = text(slot.confirmationStatus);
		result[name] = output;
	}
	return result;
}

/** A copy of a JSON value without the fields above. */
function withoutSecrets(value: unknown): unknown {
	return copyWithout(value, SECRET_FIELDS, SECRET_FIELDS_BY_PARENT);
}
