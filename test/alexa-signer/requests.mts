/**
 * Request bodies shaped as Amazon's references describe them:
 * - "Request and Response JSON Reference" (envelope, session, context.System):
 *   https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html
 * - "Request Types Reference" (LaunchRequest, IntentRequest, SessionEndedRequest, CanFulfillIntentRequest):
 *   https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-types-reference.html
 * - "Skill Events" (AlexaSkillEvent.*): https://developer.amazon.com/en-US/docs/alexa/smapi/skill-events-in-alexa-skills.html
 * - Messaging.MessageReceived: https://developer.amazon.com/en-US/docs/alexa/smapi/send-a-message-request-to-a-skill.html
 */
import crypto from 'node:crypto';

export const SKILL_ID = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
export const USER_ID = 'amzn1.ask.account.TESTUSER0123456789';
export const PERSON_ID = 'amzn1.ask.person.TESTPERSON0123456789';
export const DEVICE_ID = 'amzn1.ask.device.TESTDEVICE0123456789';
/** Secrets a request carries: they must never reach an item (unless asked), a log or an error. */
export const API_ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.api-access-token-secret-0123456789';
export const USER_ACCESS_TOKEN = 'Atza|account-linking-token-secret-0123456789';
export const PERSON_ACCESS_TOKEN = 'Atza|person-token-secret-0123456789';
/** What AlexaSkillEvent.SkillAccountLinked carries in request.body.accessToken. */
export const LINKED_ACCOUNT_TOKEN = 'Atza|linked-account-token-secret-0123456789';

export interface EnvelopeOptions {
	skillId?: string;
	timestamp?: Date;
	locale?: string;
	sessionAttributes?: Record<string, unknown>;
	newSession?: boolean;
}

function system(skillId: string) {
	return {
		application: { applicationId: skillId },
		user: {
			userId: USER_ID,
			accessToken: USER_ACCESS_TOKEN,
			permissions: { consentToken: API_ACCESS_TOKEN },
		},
		person: { personId: PERSON_ID, accessToken: PERSON_ACCESS_TOKEN },
		device: { deviceId: DEVICE_ID, supportedInterfaces: {} },
		apiEndpoint: 'https://api.amazonalexa.com',
		apiAccessToken: API_ACCESS_TOKEN,
	};
}

const requestId = () => `amzn1.echo-api.request.${crypto.randomUUID()}`;

/** A custom skill request inside a session. */
export function inSession(request: Record<string, unknown>, options: EnvelopeOptions = {}) {
	const skillId = options.skillId ?? SKILL_ID;
	return {
		version: '1.0',
		session: {
			new: options.newSession ?? true,
			sessionId: `amzn1.echo-api.session.${crypto.randomUUID()}`,
			application: { applicationId: skillId },
			attributes: options.sessionAttributes ?? {},
			user: { userId: USER_ID, accessToken: USER_ACCESS_TOKEN },
		},
		context: { System: system(skillId) },
		request: {
			requestId: requestId(),
			timestamp: (options.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			locale: options.locale ?? 'en-US',
			...request,
		},
	};
}

/** An out-of-session request (skill events, skill messages). */
export function outOfSession(request: Record<string, unknown>, options: EnvelopeOptions = {}) {
	const skillId = options.skillId ?? SKILL_ID;
	return {
		version: '1.0',
		context: { System: system(skillId) },
		request: {
			requestId: requestId(),
			timestamp: (options.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
			...request,
		},
	};
}

export const launchRequest = (options?: EnvelopeOptions) =>
	inSession({ type: 'LaunchRequest' }, options);

export const intentRequest = (
	name: string,
	slots: Record<string, unknown> = {},
	options?: EnvelopeOptions,
) =>
	inSession(
		{
			type: 'IntentRequest',
			dialogState: 'COMPLETED',
			intent: { name, confirmationStatus: 'NONE', slots },
		},
		options,
	);

/** A slot as Alexa fills it, resolved by entity resolution to `resolved` when given. */
export function slot(name: string, value: string, resolved?: { name: string; id: string }) {
	return {
		name,
		value,
		confirmationStatus: 'NONE',
		...(resolved
			? {
					resolutions: {
						resolutionsPerAuthority: [
							{
								authority: `amzn1.er-authority.echo-sdk.${SKILL_ID}.LIST_TYPE`,
								status: { code: 'ER_SUCCESS_MATCH' },
								values: [{ value: resolved }],
							},
						],
					},
				}
			: {}),
	};
}

export const sessionEndedRequest = (options?: EnvelopeOptions) =>
	inSession(
		{ type: 'SessionEndedRequest', reason: 'USER_INITIATED' },
		{ newSession: false, ...options },
	);

export const canFulfillIntentRequest = (
	name = 'WhatsOnMyListIntent',
	slots: Record<string, unknown> = {},
	options?: EnvelopeOptions,
) => inSession({ type: 'CanFulfillIntentRequest', intent: { name, slots } }, options);

export const messageReceived = (message: Record<string, unknown>, options?: EnvelopeOptions) =>
	outOfSession({ type: 'Messaging.MessageReceived', message }, options);

export function skillEvent(
	type: string,
	body: Record<string, unknown> = {},
	options?: EnvelopeOptions,
) {
	const created = (options?.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return outOfSession(
		{ type, body, eventCreationTime: created, eventPublishingTime: created },
		options,
	);
}

export const SKILL_EVENT_TYPES = [
	'AlexaSkillEvent.SkillEnabled',
	'AlexaSkillEvent.SkillDisabled',
	'AlexaSkillEvent.SkillAccountLinked',
	'AlexaSkillEvent.SkillPermissionAccepted',
	'AlexaSkillEvent.SkillPermissionChanged',
	'AlexaSkillEvent.ProactiveSubscriptionChanged',
] as const;
