/**
 * Skill Messaging: POST /v1/skillmessages/users/{userId}. 202 with an X-Amzn-RequestID header
 * and no body; 400 for a bad body, 401 for a missing or invalid token, 403 for a token not
 * allowed here (or expired, as the guide says, when `expiredTokenStatus` is 403), 404 for an
 * unknown userId.
 */
import { randomUUID } from 'node:crypto';

import type { Answer, FakeAlexa, RecordedRequest } from './server.mts';

export const DATA_MAX_BYTES = 6144;
/**
 * Amazon's two pages disagree on the shortest expiry: the Skill Messaging REST API Reference
 * says 1 to 86400, "Send a Message Request to a Skill" 60 to 86400. The fake is as strict as
 * the stricter page, so that a test passes only for what both pages allow.
 */
export const EXPIRES_AFTER_MIN_SECONDS = 60;
export const EXPIRES_AFTER_MAX_SECONDS = 86400;

function error(status: number, message: string): Answer {
	return { status, headers: { 'X-Amzn-RequestID': randomUUID() }, body: { message } };
}

export function handleSkillMessaging(fake: FakeAlexa, request: RecordedRequest): Answer {
	if (request.method !== 'POST') return error(405, 'Method not allowed');
	const bearer = fake.checkBearer(request);
	if (bearer.problem === 'missing' || bearer.problem === 'unknown') {
		return error(401, 'Request is not authorized: the access token is missing or not valid');
	}
	if (bearer.problem === 'expired') {
		return error(fake.expiredTokenStatus, 'The access token has expired');
	}
	if (
		bearer.token!.grant !== 'client_credentials' ||
		bearer.token!.scope !== 'alexa:skill_messaging'
	) {
		return error(403, 'The access token is not allowed to use Skill Messaging');
	}

	if (
		!String(request.headers['content-type'] ?? '').startsWith('application/json') ||
		request.json === undefined
	) {
		return error(400, 'The request body is not valid JSON');
	}
	const body = request.json as Record<string, unknown>;
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return error(400, 'The request body must be an object');
	const data = body.data;
	if (!data || typeof data !== 'object' || Array.isArray(data))
		return error(400, 'data is required and must be an object');
	for (const [key, value] of Object.entries(data)) {
		if (typeof value !== 'string') return error(400, `data.${key} must be a string`);
	}
	if (Buffer.byteLength(JSON.stringify(data), 'utf8') > DATA_MAX_BYTES)
		return error(400, 'data is larger than 6 KB');
	if (body.expiresAfterSeconds !== undefined) {
		const seconds = body.expiresAfterSeconds;
		if (
			typeof seconds !== 'number' ||
			!Number.isInteger(seconds) ||
			seconds < EXPIRES_AFTER_MIN_SECONDS ||
			seconds > EXPIRES_AFTER_MAX_SECONDS
		) {
			return error(
				400,
				`expiresAfterSeconds must be an integer from ${EXPIRES_AFTER_MIN_SECONDS} to ${EXPIRES_AFTER_MAX_SECONDS}`,
			);
		}
	}

	const userId = decodeURIComponent(request.path.slice('/v1/skillmessages/users/'.length));
	if (!userId.startsWith('amzn1.ask.account.') || fake.unknownUsers.has(userId)) {
		return error(404, 'The userId does not exist');
	}
	if (fake.skillEndpoint) deliverLater(fake, userId, data as Record<string, string>);
	return { status: 202, headers: { 'X-Amzn-RequestID': randomUUID() } };
}

/** After the 202, as Alexa does: the message goes to the skill on its own schedule. */
function deliverLater(fake: FakeAlexa, userId: string, data: Record<string, string>): void {
	setTimeout(async () => {
		try {
			const answer = await fake.skillEndpoint!(userId, data);
			fake.skillMessageDeliveries.push({ userId, data, ...answer });
		} catch (error) {
			fake.skillMessageDeliveries.push({ userId, data, status: 0, body: String(error) });
		}
	}, 10);
}
