/**
 * The Progressive Response REST API: POST /v1/directives on the host a request to the skill named
 * as its apiEndpoint, with that request's apiAccessToken ("Progressive Response REST API
 * Reference" and "Send the User a Progressive Response"; see README.md beside this file).
 *
 * A request to the skill is opened with `fake.openSkillRequest()`, which hands out what Alexa
 * would put in its envelope (requestId, apiAccessToken, apiEndpoint), and closed with
 * `fake.answerSkillRequest()`, as the skill's answer does.
 */
import { randomUUID } from 'node:crypto';

import type { Answer, FakeAlexa, RecordedRequest } from './server.mts';

/** A request Alexa sent the skill, as far as progressive responses care. */
export interface SkillRequest {
	requestId: string;
	requestType: string;
	apiAccessToken: string;
	/** The host of its apiEndpoint. */
	host: string;
	answered: boolean;
	/** The user it comes from (alexaUsers.mts). */
	userId: string;
	/** The device it was spoken to; none for a skill message or a skill event. */
	deviceId?: string;
	locale: string;
	/** Progressive responses accepted for it. */
	progressiveResponses: number;
}

/**
 * Requests whose token is what Amazon's pages call out of session: a skill message, a skill event,
 * a reminder event. They carry no device (Messaging.MessageReceived's example in "Send a Message
 * Request to a Skill" has no context.System.device).
 */
export function isOutOfSession(requestType: string): boolean {
	return (
		requestType === 'Messaging.MessageReceived' ||
		requestType.startsWith('AlexaSkillEvent.') ||
		requestType.startsWith('Reminders.')
	);
}

/**
 * How many progressive responses Alexa plays for one request. Amazon's pages, as far as they could
 * be read here, give no figure; five is what third parties quote ("up to 5 progressive responses on
 * each turn", the BotBuilder community adapter for Alexa; a 2026 guide citing Amazon's page). The
 * node refuses a sixth before sending, and the fake refuses it too (docs/alexa-facts.md,
 * "Progressive responses").
 */
export const MAX_PROGRESSIVE_RESPONSES_PER_REQUEST = 5;

/** An accepted progressive response: what Alexa would play before the skill's answer. */
export interface RecordedProgressiveResponse {
	requestId: string;
	speech: string;
	host: string;
}

/** "You can send progressive responses from the context of a current LaunchRequest or IntentRequest." */
const REQUEST_TYPES_WITH_PROGRESSIVE_RESPONSES = new Set(['LaunchRequest', 'IntentRequest']);

function error(status: number, message: string): Answer {
	return { status, body: { message } };
}

export function handleProgressiveResponse(fake: FakeAlexa, request: RecordedRequest): Answer {
	if (request.method !== 'POST') return error(405, 'Method not allowed');
	const header = request.headers.authorization;
	const bearer = typeof header === 'string' ? /^Bearer (.+)$/.exec(header)?.[1] : undefined;
	const skillRequest = bearer === undefined ? undefined : fake.skillRequests.get(bearer);
	if (!skillRequest) return error(401, 'Not Authorized.');

	if (
		!String(request.headers['content-type'] ?? '').startsWith('application/json') ||
		request.json === undefined
	) {
		return error(400, 'Directive not valid.');
	}
	const body = request.json as {
		header?: { requestId?: unknown };
		directive?: Record<string, unknown>;
	};
	const requestId = body?.header?.requestId;
	const directive = body?.directive;
	if (
		typeof requestId !== 'string' ||
		requestId === '' ||
		!directive ||
		directive.type !== 'VoicePlayer.Speak' ||
		typeof directive.speech !== 'string' ||
		!isSpeakDocument(directive.speech)
	) {
		return error(400, 'Directive not valid.');
	}
	// What Alexa answered a requestId that is not the token's request (a report on AWS re:Post,
	// "alexa progressive response stopped working ... unrecognized requestid"): 403.
	if (requestId !== skillRequest.requestId)
		return error(403, `Unrecognized requestId: ${requestId}`);
	if (
		skillRequest.answered ||
		!REQUEST_TYPES_WITH_PROGRESSIVE_RESPONSES.has(skillRequest.requestType)
	) {
		return error(403, 'The skill is not allowed to send directives at the moment.');
	}
	if (skillRequest.progressiveResponses >= MAX_PROGRESSIVE_RESPONSES_PER_REQUEST) {
		return error(403, 'The skill is not allowed to send directives at the moment.');
	}
	skillRequest.progressiveResponses += 1;
	fake.progressiveResponses.push({ requestId, speech: directive.speech, host: request.host });
	return { status: 204 };
}

/** A new request to the skill, with what its envelope carries for the in-session APIs. */
export function newSkillRequest(options: {
	requestType: string;
	host: string;
	userId: string;
	deviceId?: string;
	locale: string;
}): SkillRequest {
	return {
		requestId: `amzn1.echo-api.request.${randomUUID()}`,
		apiAccessToken: `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${randomUUID().replace(/-/g, '')}.${randomUUID().replace(/-/g, '')}`,
		answered: false,
		progressiveResponses: 0,
		...options,
	};
}

const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const NAME = '[A-Za-z_:][A-Za-z0-9_:.-]*';
const OPENING = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>$`);
const CLOSING = new RegExp(`^</(${NAME})\\s*>$`);

/**
 * SSML as the API reference asks for it: one XML element, <speak>, with tags that nest, quoted
 * attributes and escaped text. Written apart from the node's own checker (shared/input/ssml.ts),
 * so that a fault in one is not hidden by the same fault in the other; it is stricter in places
 * (no ">" in an attribute value), never looser.
 */
export function isSpeakDocument(ssml: string): boolean {
	if (!/^<speak[\s/>]/.test(ssml)) return false;
	const open: string[] = [];
	let rootClosed = false;
	const parts = ssml.split(/(<[^<>]*>)/);
	for (const [index, part] of parts.entries()) {
		if (index % 2 === 0) {
			if (part.includes('<')) return false;
			if (open.length === 0 && part.trim() !== '') return false;
			for (let at = part.indexOf('&'); at !== -1; at = part.indexOf('&', at + 1))
				if (!ENTITY.test(part.slice(at))) return false;
			continue;
		}
		if (part.startsWith('<!--')) {
			if (!part.endsWith('-->') || part.slice(4, -3).includes('--')) return false;
			continue;
		}
		if (rootClosed) return false;
		const closing = CLOSING.exec(part);
		if (closing) {
			if (open.pop() !== closing[1]) return false;
			rootClosed = open.length === 0;
			continue;
		}
		const opening = OPENING.exec(part);
		if (!opening) return false;
		if (opening[3] === '') open.push(opening[1]!);
		else rootClosed = open.length === 0;
	}
	return open.length === 0 && rootClosed;
}
