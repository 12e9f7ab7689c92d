/**
 * Proactive Events: POST /v1/proactiveEvents/stages/development (development) and
 * POST /v1/proactiveEvents (live), as Amazon's "Proactive Events REST API Reference" and
 * "Proactive Events Schemas" describe them. The schema rules are test/fixtures/proactive-events/
 * schemas.json, which names its sources.
 *
 * A client-credentials token with scope alexa::proactive_events (403 otherwise: Amazon's 403 is
 * "the authentication token is invalid or doesn't have authentication to access the resource");
 * a JSON body with timestamp, referenceId (at most 100 alphanumeric characters, - and ~), expiryTime
 * between 5 minutes and 24 hours from now and from the timestamp, an event of a known schema whose payload follows the schema, the
 * localizedAttributes for every localizedattribute: the payload names, and a relevantAudience
 * (Unicast with payload.user, Multicast with an empty payload) (400 otherwise); 409 for a
 * referenceId the same audience already got; 432 once a live skill is over `liveNotificationLimit`.
 * 202 with X-Amzn-RequestID and no body. Accepted events are recorded, with whom they would show
 * for: a Unicast user only if they allowed notifications (`notificationSubscribers`), a Multicast
 * event for every subscriber, and nobody when the manifest (`declaredEvents`, if set) lacks the
 * event: Amazon accepts those too and shows nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { Answer, FakeAlexa, RecordedRequest } from './server.mts';

interface FieldRule {
	path: string;
	type: 'string' | 'integer' | 'enum' | 'enumList' | 'dateTime';
	required: boolean | 'withParent';
	values?: string[];
	localizable?: boolean;
}

interface Rules {
	request: {
		referenceIdMaxLength: number;
		referenceIdPattern: string;
		expiryFrom: Array<'now' | 'timestamp'>;
		expiryMinMinutes: number;
		expiryMaxHours: number;
		audiences: string[];
		localizedPrefix: string;
	};
	schemas: Record<string, FieldRule[]>;
}

export const PROACTIVE_RULES = JSON.parse(
	fs.readFileSync(
		path.join(import.meta.dirname, '../fixtures/proactive-events/schemas.json'),
		'utf8',
	),
) as Rules;

export const PROACTIVE_EVENTS_SCOPE = 'alexa::proactive_events';

export interface RecordedNotification {
	stage: 'development' | 'live';
	referenceId: string;
	eventName: string;
	audience: 'Unicast' | 'Multicast';
	user?: string;
	/** The users who would see it. */
	shownTo: string[];
	body: Record<string, any>;
}

function error(status: number, code: string, message: string): Answer {
	// Amazon documents {code, message} bodies without naming codes: these codes are the fake's own.
	return { status, headers: { 'X-Amzn-RequestID': randomUUID() }, body: { code, message } };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function dateOf(value: unknown): number | undefined {
	return typeof value === 'string' && ISO_DATE_TIME.test(value) ? Date.parse(value) : undefined;
}

function at(object: unknown, fieldPath: string): unknown {
	let value = object;
	for (const key of fieldPath.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

export function stageOfPath(requestPath: string): 'development' | 'live' | undefined {
	if (requestPath === '/v1/proactiveEvents/stages/development') return 'development';
	if (requestPath === '/v1/proactiveEvents' || requestPath === '/v1/proactiveEvents/')
		return 'live';
	return undefined;
}

/** What is wrong with the payload by the schema's rules, or undefined. */
function payloadProblem(
	eventName: string,
	payload: unknown,
	localizedKeys: Set<string>,
): string | undefined {
	const rules = PROACTIVE_RULES.schemas[eventName];
	for (const rule of rules) {
		const value = at(payload, rule.path);
		const parent = at(payload, rule.path.split('.').slice(0, -1).join('.'));
		const required =
			rule.required === true || (rule.required === 'withParent' && parent !== undefined);
		if (value === undefined) {
			if (required) return `${rule.path} is required`;
			continue;
		}
		if (rule.type === 'string') {
			if (typeof value !== 'string' || value === '')
				return `${rule.path} must be a non-empty string`;
			if (value.startsWith(PROACTIVE_RULES.request.localizedPrefix)) {
				if (!rule.localizable) return `${rule.path} cannot be localized`;
				localizedKeys.add(value.slice(PROACTIVE_RULES.request.localizedPrefix.length));
			}
		} else if (rule.type === 'integer') {
			if (!Number.isInteger(value)) return `${rule.path} must be an integer`;
		} else if (rule.type === 'enum') {
			if (!rule.values!.includes(value as string))
				return `${rule.path} must be one of ${rule.values!.join(', ')}`;
		} else if (rule.type === 'enumList') {
			if (
				!Array.isArray(value) ||
				value.length === 0 ||
				value.some((entry) => !rule.values!.includes(entry))
			) {
				return `${rule.path} must be a list of ${rule.values!.join(', ')}`;
			}
		} else if (dateOf(value) === undefined) {
			return `${rule.path} must be an ISO 8601 date-time`;
		}
	}
	return undefined;
}

/** What is wrong with the body, or undefined. */
function bodyProblem(fake: FakeAlexa, body: Record<string, any>): string | undefined {
	const { request: limits } = PROACTIVE_RULES;
	const timestamp = dateOf(body.timestamp);
	if (timestamp === undefined) return 'timestamp must be an ISO 8601 date-time';
	if (
		typeof body.referenceId !== 'string' ||
		body.referenceId === '' ||
		body.referenceId.length > limits.referenceIdMaxLength
	) {
		return `referenceId must be a string of 1 to ${limits.referenceIdMaxLength} characters`;
	}
	if (!new RegExp(limits.referenceIdPattern).test(body.referenceId))
		return 'referenceId may hold only alphanumeric characters, - and ~';
	const expiry = dateOf(body.expiryTime);
	if (expiry === undefined) return 'expiryTime must be an ISO 8601 date-time';
	const origins = { now: fake.now(), timestamp };
	for (const origin of limits.expiryFrom) {
		const after = expiry - origins[origin];
		if (after < limits.expiryMinMinutes * 60_000 || after > limits.expiryMaxHours * 3600_000) {
			return `expiryTime must be between ${limits.expiryMinMinutes} minutes and ${limits.expiryMaxHours} hours after ${origin === 'now' ? 'the current time' : 'the timestamp'}`;
		}
	}
	const event = body.event;
	if (!event || typeof event !== 'object' || typeof event.name !== 'string')
		return 'event.name is required';
	if (!PROACTIVE_RULES.schemas[event.name])
		return `event.name ${event.name} is not a supported schema`;
	if (!event.payload || typeof event.payload !== 'object' || Array.isArray(event.payload))
		return 'event.payload must be an object';
	const keys = new Set<string>();
	const payload = payloadProblem(event.name, event.payload, keys);
	if (payload) return `event.payload: ${payload}`;
	const locales = body.localizedAttributes;
	if (!Array.isArray(locales)) return 'localizedAttributes must be an array';
	for (const entry of locales) {
		if (!entry || typeof entry.locale !== 'string' || !/^[a-z]{2}-[A-Z]{2}$/.test(entry.locale))
			return 'every localizedAttributes entry needs a locale such as en-US';
		for (const key of keys)
			if (typeof entry[key] !== 'string' || entry[key] === '')
				return `localizedAttributes for ${entry.locale} has no ${key}`;
	}
	if (keys.size > 0 && locales.length === 0)
		return `localizedAttributes must give ${[...keys].join(', ')}`;
	const audience = body.relevantAudience;
	if (!audience || !limits.audiences.includes(audience.type))
		return 'relevantAudience.type must be Unicast or Multicast';
	if (!audience.payload || typeof audience.payload !== 'object')
		return 'relevantAudience.payload must be an object';
	if (
		audience.type === 'Unicast' &&
		(typeof audience.payload.user !== 'string' || audience.payload.user === '')
	)
		return 'relevantAudience.payload.user is required for Unicast';
	if (audience.type === 'Multicast' && Object.keys(audience.payload).length > 0)
		return 'relevantAudience.payload must be empty for Multicast';
	return undefined;
}

export function handleProactiveEvents(fake: FakeAlexa, request: RecordedRequest): Answer {
	const stage = stageOfPath(request.path);
	if (!stage) return error(404, 'NOT_FOUND', `No route for ${request.method} ${request.path}`);
	if (request.method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', 'Method not allowed');
	const bearer = fake.checkBearer(request);
	if (bearer.problem)
		return error(403, 'FORBIDDEN', `The authentication token is ${bearer.problem}`);
	if (
		bearer.token!.grant !== 'client_credentials' ||
		bearer.token!.scope !== PROACTIVE_EVENTS_SCOPE
	) {
		return error(
			403,
			'FORBIDDEN',
			'The authentication token does not have authentication to access the resource',
		);
	}
	const body = request.json as Record<string, any> | undefined;
	if (
		!String(request.headers['content-type'] ?? '').startsWith('application/json') ||
		!body ||
		typeof body !== 'object'
	) {
		return error(400, 'INVALID_REQUEST', 'The request body must be a JSON object');
	}
	const problem = bodyProblem(fake, body);
	if (problem) return error(400, 'INVALID_REQUEST', problem);
	const user: string | undefined = body.relevantAudience.payload.user;
	const dedupKey = `${stage}\n${user ?? '*'}\n${body.referenceId}`;
	if (fake.notificationReferences.has(dedupKey)) {
		return error(
			409,
			'CONFLICT',
			'A skill attempts to create duplicate events using the same referenceId for the same customer.',
		);
	}
	if (
		stage === 'live' &&
		fake.liveNotificationLimit !== undefined &&
		fake.notifications.filter((sent) => sent.stage === 'live').length >= fake.liveNotificationLimit
	) {
		return error(432, 'NOTIFICATION_LIMIT_EXCEEDED', 'The skill is over its notification limits.');
	}
	fake.notificationReferences.add(dedupKey);
	const declared = fake.declaredEvents === undefined || fake.declaredEvents.has(body.event.name);
	const subscribers = [...fake.notificationSubscribers];
	const shownTo = !declared
		? []
		: user === undefined
			? subscribers
			: subscribers.filter((subscriber) => subscriber === user);
	fake.notifications.push({
		stage,
		referenceId: body.referenceId,
		eventName: body.event.name,
		audience: body.relevantAudience.type,
		user,
		shownTo,
		body,
	});
	return { status: 202, headers: { 'X-Amzn-RequestID': randomUUID() } };
}
