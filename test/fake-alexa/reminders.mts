/**
 * The Reminders API: `POST`/`GET /v1/alerts/reminders`, `GET`/`PUT`/`DELETE
 * /v1/alerts/reminders/{alertToken}` on the host of a request to the skill, with that request's
 * apiAccessToken ("Alexa Reminders API Reference", https://developer.amazon.com/en-US/docs/alexa/smapi/alexa-reminders-api-reference.html,
 * and the ASK SDK's reminderManagement models; see README.md beside this file and the package's
 * docs/alexa-facts.md, "Reminders", for what could be read of them and whose each rule is).
 */
import { newAlertToken, SCOPES, type AlexaUser, type StoredReminder } from './alexaUsers.mts';
import { isOutOfSession, isSpeakDocument, type SkillRequest } from './progressiveResponse.mts';
import type { Answer, FakeAlexa, RecordedRequest } from './server.mts';

const COLLECTION = '/v1/alerts/reminders';
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?$/;
const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;

/** Error bodies are `{code, message}` (the SDK's Error model). Codes marked "fake's" are not Amazon's. */
function error(status: number, message: string, code?: string): Answer {
	return { status, body: code === undefined ? { message } : { code, message } };
}

export function handleReminders(fake: FakeAlexa, request: RecordedRequest): Answer {
	const alertToken = request.path.startsWith(`${COLLECTION}/`)
		? decodeURIComponent(request.path.slice(COLLECTION.length + 1))
		: undefined;
	if (alertToken === '' || alertToken?.includes('/'))
		return error(404, `No route for ${request.path}`);
	const allowed = alertToken === undefined ? ['POST', 'GET'] : ['GET', 'PUT', 'DELETE'];
	if (!allowed.includes(request.method)) return error(405, 'Method not allowed'); // the fake's

	const skillRequest = fake.skillRequestOf(request);
	const user = skillRequest ? fake.alexaUser(skillRequest.userId) : undefined;
	// "UserAuthenticationException. Request is not authorized/authenticated e.g. If customer does
	// not have permission to create a reminder" (SDK, 401); the body jovo-framework saw in 2019.
	if (!skillRequest || !user || !user.permissions.has(SCOPES.reminders))
		return error(401, 'Request Unauthorized.');

	if (alertToken === undefined && request.method === 'GET') {
		const alerts = [...user.reminders.values()].map(reminderBody);
		return { status: 200, body: { totalCount: String(alerts.length), alerts, links: null } };
	}
	if (alertToken === undefined) return create(fake, request, skillRequest, user);

	const stored = user.reminders.get(alertToken);
	if (request.method === 'PUT') {
		// The current page: "you can only create and update a reminder from your skill" (issue 25
		// follows it); the SDK lists 409 "Request is not authorized" for update.
		if (isOutOfSession(skillRequest.requestType))
			return error(409, 'Request is not authorized for this token.');
		if (!stored) return error(404, 'Reminder not found.', 'ALERT_NOT_FOUND');
		const checked = checkReminderRequest(request);
		if ('problem' in checked) return checked.problem;
		const now = new Date(fake.now()).toISOString();
		Object.assign(stored, {
			...filled(checked.body, fake, skillRequest),
			updatedTime: now,
			version: String(Number(stored.version) + 1),
		});
		return { status: 200, body: reminderResponse(stored) };
	}
	if (!stored) return error(404, 'Reminder not found.', 'ALERT_NOT_FOUND');
	if (request.method === 'DELETE') {
		user.reminders.delete(alertToken);
		return { status: 200 };
	}
	return { status: 200, body: reminderBody(stored) };
}

function create(
	fake: FakeAlexa,
	request: RecordedRequest,
	skillRequest: SkillRequest,
	user: AlexaUser,
): Answer {
	// "Don't use an out-of-session token" (Create reminder); the status is the SDK's 403 "Forbidden".
	if (isOutOfSession(skillRequest.requestType))
		return error(403, 'Reminders are created with an in-session token only.');
	const device = skillRequest.deviceId ? user.devices.get(skillRequest.deviceId) : undefined;
	if (device && !device.supportsReminders)
		return error(403, 'This device does not support reminders.', 'DEVICE_NOT_SUPPORTED');
	if (user.reminderLimit !== undefined && user.reminders.size >= user.reminderLimit)
		return error(403, 'The user has too many reminders.', 'MAX_REMINDERS_EXCEEDED');
	const checked = checkReminderRequest(request);
	if ('problem' in checked) return checked.problem;
	const now = new Date(fake.now()).toISOString();
	const alertToken = newAlertToken();
	const stored: StoredReminder = {
		alertToken,
		createdTime: now,
		updatedTime: now,
		status: 'ON',
		version: '1',
		...filled(checked.body, fake, skillRequest),
		madeWith: { requestId: skillRequest.requestId, host: skillRequest.host },
	};
	user.reminders.set(alertToken, stored);
	fake.reminderLog.push({
		...reminderBody(stored),
		userId: user.userId,
		madeWith: stored.madeWith,
	});
	// Amazon's SDK documents 200; Alexa.NET.Reminders, built "based on postman responses", expects 201.
	return { status: 201, body: reminderResponse(stored) };
}

/** What Alexa stores: a relative trigger gets its local scheduledTime and the device's time zone. */
function filled(
	body: Record<string, unknown>,
	fake: FakeAlexa,
	skillRequest: SkillRequest,
): Pick<StoredReminder, 'trigger' | 'alertInfo' | 'pushNotification'> {
	const trigger = { ...(body.trigger as Record<string, unknown>) };
	const device = skillRequest.deviceId
		? fake.alexaUser(skillRequest.userId).devices.get(skillRequest.deviceId)
		: undefined;
	const deviceZone = device?.timeZone ?? 'UTC';
	if (trigger.type === 'SCHEDULED_RELATIVE') {
		const at = fake.now() + Number(trigger.offsetInSeconds) * 1000;
		trigger.scheduledTime = localTimeIn(at, deviceZone);
		trigger.timeZoneId = deviceZone;
	} else if (trigger.timeZoneId === undefined) {
		trigger.timeZoneId = deviceZone;
	}
	return {
		trigger,
		alertInfo: body.alertInfo as Record<string, unknown>,
		pushNotification: (body.pushNotification as Record<string, unknown>) ?? { status: 'ENABLED' },
	};
}

function reminderResponse(stored: StoredReminder): Record<string, unknown> {
	const { alertToken, createdTime, updatedTime, status, version } = stored;
	return {
		alertToken,
		createdTime,
		updatedTime,
		status,
		version,
		href: `${COLLECTION}/${alertToken}`,
	};
}

function reminderBody(stored: StoredReminder): Record<string, unknown> {
	const { madeWith: _madeWith, ...reminder } = stored;
	return reminder;
}

/**
 * A ReminderRequest as the reference describes it (400 otherwise, `{code, message}`; the codes but
 * INVALID_ALERT_INFO are the fake's). Stricter than any page where a page is silent: scheduledTime
 * and the recurrence times local with seconds, as every example of Amazon's writes them.
 */
function checkReminderRequest(
	request: RecordedRequest,
): { body: Record<string, unknown> } | { problem: Answer } {
	const bad = (message: string, code = 'INVALID_REQUEST') => ({
		problem: error(400, message, code),
	});
	if (!String(request.headers['content-type'] ?? '').startsWith('application/json'))
		return bad('Content-Type must be application/json.');
	const body = request.json as Record<string, unknown> | undefined;
	if (!isObject(body)) return bad('The body must be a JSON object.');
	if (typeof body.requestTime !== 'string' || !ISO_DATE_TIME.test(body.requestTime))
		return bad('requestTime must be an ISO 8601 date and time.');
	const trigger = body.trigger;
	if (!isObject(trigger)) return bad('trigger is required.');
	if (trigger.type === 'SCHEDULED_ABSOLUTE') {
		if (typeof trigger.scheduledTime !== 'string' || !LOCAL_DATE_TIME.test(trigger.scheduledTime))
			return bad('trigger.scheduledTime must be a local ISO 8601 date and time.');
		if (trigger.recurrence !== undefined) {
			const problem = recurrenceProblem(trigger.recurrence);
			if (problem) return bad(problem);
		}
	} else if (trigger.type === 'SCHEDULED_RELATIVE') {
		const offset = Number(trigger.offsetInSeconds);
		if (
			!['number', 'string'].includes(typeof trigger.offsetInSeconds) ||
			!Number.isInteger(offset) ||
			offset < 1 ||
			offset > 2_147_483_647
		)
			return bad('trigger.offsetInSeconds must be a positive whole number.');
	} else {
		return bad('trigger.type must be SCHEDULED_ABSOLUTE or SCHEDULED_RELATIVE.');
	}
	if (trigger.timeZoneId !== undefined && !isTimeZone(trigger.timeZoneId))
		return bad('trigger.timeZoneId must be an IANA time zone.');
	const content =
		isObject(body.alertInfo) && isObject(body.alertInfo.spokenInfo)
			? body.alertInfo.spokenInfo.content
			: undefined;
	if (!Array.isArray(content) || content.length === 0)
		return bad('alertInfo.spokenInfo.content must have at least one entry.', 'INVALID_ALERT_INFO');
	const locales = new Set<string>();
	for (const entry of content) {
		if (!isObject(entry) || typeof entry.locale !== 'string' || !LOCALE.test(entry.locale))
			return bad('Each content entry needs a locale such as en-US.', 'INVALID_ALERT_INFO');
		if (locales.has(entry.locale))
			return bad(`The locale ${entry.locale} is given twice.`, 'INVALID_ALERT_INFO');
		locales.add(entry.locale);
		if (typeof entry.text !== 'string' || entry.text.trim() === '')
			return bad('Each content entry needs a text.', 'INVALID_ALERT_INFO');
		if (
			entry.ssml !== undefined &&
			(typeof entry.ssml !== 'string' || !isSpeakDocument(entry.ssml))
		)
			return bad('content[].ssml must be an SSML <speak> document.', 'INVALID_ALERT_INFO');
	}
	const push = body.pushNotification;
	if (
		push !== undefined &&
		(!isObject(push) || !['ENABLED', 'DISABLED'].includes(String(push.status)))
	)
		return bad('pushNotification.status must be ENABLED or DISABLED.');
	return { body };
}

function recurrenceProblem(recurrence: unknown): string | undefined {
	if (!isObject(recurrence)) return 'trigger.recurrence must be an object.';
	for (const field of ['startDateTime', 'endDateTime'])
		if (
			recurrence[field] !== undefined &&
			(typeof recurrence[field] !== 'string' || !LOCAL_DATE_TIME.test(recurrence[field]))
		)
			return `trigger.recurrence.${field} must be a local ISO 8601 date and time.`;
	const rules = recurrence.recurrenceRules;
	if (rules !== undefined) {
		if (!Array.isArray(rules) || rules.length === 0)
			return 'recurrenceRules must be a non-empty array.';
		for (const rule of rules)
			if (
				typeof rule !== 'string' ||
				!/^(?:[A-Z]+=[A-Z0-9,+-]+;?)+$/.test(rule) ||
				!/(?:^|;)FREQ=/.test(rule)
			)
				return `recurrenceRules has "${String(rule)}", not an RFC 5545 rule.`;
	}
	if (recurrence.freq !== undefined && !['DAILY', 'WEEKLY'].includes(String(recurrence.freq)))
		return 'recurrence.freq must be DAILY or WEEKLY.';
	if (rules === undefined && recurrence.freq === undefined)
		return 'recurrence needs recurrenceRules.';
	return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimeZone(value: unknown): boolean {
	if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(value))
		return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

/** The local time of an instant in a time zone, `YYYY-MM-DDTHH:mm:ss` (written apart from the node's). */
export function localTimeIn(instant: number, timeZone: string): string {
	const text = new Date(instant).toLocaleString('sv-SE', { timeZone, hour12: false });
	return text.replace(' ', 'T');
}
