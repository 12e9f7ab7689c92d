import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { apiOfResource, type AlexaApi } from './apis';
import { LwaError } from './lwa';
import { describeNetworkFailure, messageOf, networkErrorCode } from './network';
import { redactText } from './redact';
import { bodyAsObject } from './responseBody';

/**
 * Alexa's documented error answers, per API, as data: what Alexa meant and what the user
 * should do next. `code` is Alexa's own error code where the API sends one (the Event
 * Gateway's `payload.code`, Skill Enablement's `code`); an entry without one matches any code.
 * What the node itself did about an answer (resends, a fresh token, or none for a token from
 * the input) is added by the delivery step, which knows it.
 */
interface AlexaErrorEntry {
	api: AlexaApi;
	status: number;
	code?: string;
	message: string;
	action: string;
}

export const ALEXA_ERRORS: AlexaErrorEntry[] = [
	{
		api: 'skillMessaging',
		status: 400,
		message: 'Alexa rejected the skill message as invalid',
		action:
			'A field of the message is missing or not valid. Message Data must be an object of string keys and string values, and Expires After Seconds a whole number from 60 to 86400.',
	},
	{
		api: 'skillMessaging',
		status: 401,
		message: 'Alexa did not accept the Skill Messaging token',
		action:
			'The token was missing, expired or invalid. Check that the credential holds the Client ID and Secret from your skill\'s Build → Permissions → Alexa Skill Messaging page, and that its Region is the skill\'s region.',
	},
	{
		api: 'skillMessaging',
		status: 403,
		message: 'Alexa refused to deliver with this token',
		action:
			'The token is not allowed to message this skill (Alexa also answers 403 for an expired token). Check that the Client ID and Secret belong to this skill\'s Alexa Skill Messaging permission, and that the credential\'s Region is the skill\'s region.',
	},
	{
		api: 'skillMessaging',
		status: 404,
		message: 'Alexa does not know this user ID',
		action:
			'The userId is not a user of this skill. A user who disables and re-enables the skill gets a new userId: store the new one the next time the user opens the skill, and stop sending to the old one.',
	},
	{
		api: 'skillMessaging',
		status: 429,
		message: 'Alexa is throttling messages for this skill',
		action:
			'The skill has sent more messages than its rate allows. Lower the number of items per run or space the runs out, then send the failed items again.',
	},
	{
		api: 'skillMessaging',
		status: 500,
		message: 'Alexa had an internal error',
		action:
			'Alexa could not take the message. Send it again later; if this persists, contact Amazon developer support with the request ID.',
	},
	{
		api: 'eventGateway',
		status: 400,
		code: 'INVALID_REQUEST_EXCEPTION',
		message: 'Alexa rejected the event as invalid',
		action:
			'The message is missing fields, has wrong values or is not valid JSON. Check the fields of this item against the event\'s documentation.',
	},
	{
		// Amazon lists this code under 401, but its own example answers HTTP 400 with it ("Send
		// Events to the Event Gateway", error responses): the code decides, whatever the status.
		api: 'eventGateway',
		status: 401,
		code: 'INVALID_ACCESS_TOKEN_EXCEPTION',
		message: 'Alexa did not accept the customer\'s access token',
		action:
			'The token is missing, invalid, expired or revoked. Refresh it with Authorization → Refresh Access Token. If the customer disabled your skill, it is revoked: stop sending events for this customer.',
	},
	{
		api: 'eventGateway',
		status: 403,
		code: 'SKILL_NEVER_ENABLED_EXCEPTION',
		message: 'This customer never enabled the skill in this region',
		action:
			'Events go to the regional gateway where the customer enabled the skill. Set the credential\'s Region to the customer\'s region (for example Europe for UK customers).',
	},
	{
		api: 'eventGateway',
		status: 403,
		code: 'INSUFFICIENT_PERMISSION_EXCEPTION',
		message: 'The skill may not send Alexa events',
		action:
			'In the Alexa developer console open the skill\'s Build → Permissions page and enable "Send Alexa Events"; then the customer must re-link for a token with that permission.',
	},
	{
		api: 'eventGateway',
		status: 403,
		code: 'SKILL_DISABLED_EXCEPTION',
		message: 'The customer disabled the skill',
		action:
			'Stop sending events for this customer. If they still use the skill, check that the credential\'s Region is theirs.',
	},
	{
		api: 'eventGateway',
		status: 403,
		message: 'Alexa refused the event',
		action:
			'Most often the event went to the wrong regional gateway: set the credential\'s Region to the customer\'s region.',
	},
	{
		api: 'eventGateway',
		status: 404,
		code: 'ACCOUNT_NOT_FOUND_EXCEPTION',
		message: 'Alexa has no account record for this customer',
		action:
			'The account record of the customer this token identifies is gone or expired, or the event came too late. Check that the access token is this customer\'s, obtained from the AcceptGrant code of their current account link (Amazon: verify the directed identifier and the authorization code). If they unlinked the skill, they must link it again, which sends a new AcceptGrant.',
	},
	{
		api: 'eventGateway',
		status: 404,
		code: 'SKILL_NOT_FOUND_EXCEPTION',
		message: 'Alexa cannot find the skill this token belongs to',
		action:
			'The token was issued while the skill was at another stage (for example certification). The customer must disable and re-enable the skill to get a token for the current stage.',
	},
	{
		api: 'eventGateway',
		status: 413,
		code: 'REQUEST_ENTITY_TOO_LARGE_EXCEPTION',
		message: 'The event is too large',
		action: 'Send at most 300 endpoints per message, and less than 256 KB in all.',
	},
	{
		api: 'eventGateway',
		status: 429,
		code: 'THROTTLING_EXCEPTION',
		message: 'Alexa is throttling events',
		action:
			'Alexa asks for the same message to be resent at most three times, at least one second apart, which the node does up to Max Retries times. Send fewer events per run, or space the runs out.',
	},
	{
		api: 'eventGateway',
		status: 500,
		code: 'INTERNAL_SERVICE_EXCEPTION',
		message: 'Alexa had an internal error',
		action:
			'Alexa asks for the same message to be resent at most three times, at least one second apart, which the node does up to Max Retries times. Try again later; if it persists, contact Amazon developer support.',
	},
	{
		api: 'eventGateway',
		status: 503,
		code: 'SERVICE_UNAVAILABLE_EXCEPTION',
		message: 'Alexa could not accept the event',
		action:
			'Alexa asks for the same message to be resent at most three times, at least one second apart, which the node does up to Max Retries times. Try again later; if it persists, contact Amazon developer support.',
	},
	{
		api: 'skillEnablement',
		status: 400,
		code: 'incorrectEndpoint',
		message: 'This customer\'s account is served by another Alexa endpoint',
		action:
			'Set the operation\'s Endpoint to "Discover Automatically", or set the credential\'s Region to the customer\'s region.',
	},
	{
		api: 'skillEnablement',
		status: 400,
		message: 'Alexa rejected the enablement request as invalid',
		action: 'Check the skill ID, the stage and, for account linking, the redirect URI and the auth code.',
	},
	{
		api: 'skillEnablement',
		status: 201,
		code: 'ENABLING_FAILED',
		message: 'Alexa could not enable the skill and link the account',
		action:
			'Alexa answered status ENABLING_FAILED: the customer initiated an enablement, but a background process failed and isn\'t recoverable. Ask the customer to link their account again, then send Enable Skill and Link Account with the new auth code.',
	},
	{
		api: 'skillEnablement',
		status: 401,
		message: 'Alexa did not accept the access token',
		action:
			'The token was missing, expired or invalid. For developer operations use your own LWA refresh token; for customer operations the customer\'s token from the alexa::skills:account_linking scope.',
	},
	{
		api: 'skillEnablement',
		status: 403,
		message: 'The token may not do this',
		action:
			'The token is valid but not for this skill or operation: developer operations need the skill owner\'s token, customer operations a token of that customer for this skill.',
	},
	{
		api: 'skillEnablement',
		status: 404,
		message: 'Alexa found no such skill, stage or enablement',
		action: 'Check the skill ID (amzn1.ask.skill.…) and the stage; a skill that is not published has only the development stage.',
	},
	{
		api: 'skillEnablement',
		status: 429,
		message: 'Alexa is throttling Skill Enablement requests',
		action: 'Run fewer requests at once, then try again. The node resends throttled requests with exponential back-off, up to Max Retries times.',
	},
	{
		api: 'skillEnablement',
		status: 500,
		message: 'Alexa had an internal error',
		action: 'Try again later. The node resends such requests with exponential back-off, up to Max Retries times.',
	},
	{
		api: 'skillEnablement',
		status: 503,
		message: 'Skill Enablement is unavailable',
		action: 'Alexa is down for maintenance or overloaded. Try again later.',
	},
	{
		api: 'loginWithAmazon',
		status: 400,
		code: 'invalid_grant',
		message: 'Login with Amazon refused the code or refresh token',
		action:
			'An authorization code lasts 5 minutes and works once: the code expired or was already used. A code from app-to-app account linking is also refused when its exchange does not repeat the authorization request: give the same Redirect URI as that request\'s redirect_uri and, if it sent a PKCE code_challenge, its code_verifier as Code Verifier. A refresh token stops working when the customer disables the skill. For an AcceptGrant code or a refresh token, the customer must disable and re-enable the skill, which sends a new AcceptGrant.',
	},
	{
		api: 'loginWithAmazon',
		status: 401,
		code: 'invalid_client',
		message: 'Login with Amazon does not recognise the client',
		action:
			'Check the credential\'s Client ID and Client Secret: for smart home they are on the skill\'s Build → Permissions page, under "Send Alexa Events".',
	},
	{
		api: 'loginWithAmazon',
		status: 400,
		code: 'unauthorized_client',
		message: 'This client may not use this grant',
		action:
			'Use the Client ID and Secret shown under "Send Alexa Events" on the skill\'s Build → Permissions page.',
	},
	{
		api: 'loginWithAmazon',
		status: 400,
		message: 'Login with Amazon rejected the token request',
		action: 'Check that the code or refresh token was copied whole, and that no credential field is empty.',
	},
];

/** Where an API's answers carry Alexa's own error code and text. */
const ERROR_BODY_FIELDS: Record<AlexaApi, { code: string[]; text: string[] }> = {
	skillMessaging: { code: ['code'], text: ['message'] },
	eventGateway: { code: ['payload', 'code'], text: ['payload', 'description'] },
	skillEnablement: { code: ['code'], text: ['message'] },
	loginWithAmazon: { code: ['error'], text: ['error_description'] },
};

/**
 * The entry for an answer: Alexa's code decides where there is one, whatever the status (Amazon's
 * own example sends INVALID_ACCESS_TOKEN_EXCEPTION with HTTP 400); then the status's entry
 * without a code; an answer without a code takes the first entry of its status.
 */
function findErrorEntry(api: AlexaApi, status: number, code?: string): AlexaErrorEntry {
	const entries = ALEXA_ERRORS.filter((entry) => entry.api === api);
	return (
		entries.find((entry) => entry.status === status && entry.code !== undefined && entry.code === code) ??
		entries.find((entry) => entry.code !== undefined && entry.code === code) ??
		entries.find((entry) => entry.status === status && entry.code === undefined) ??
		(code === undefined ? entries.find((entry) => entry.status === status) : undefined) ??
		genericEntry(api, status)
	);
}

function genericEntry(api: AlexaApi, status: number): AlexaErrorEntry {
	if (status >= 500) {
		return {
			api,
			status,
			message: 'Alexa is unavailable',
			action:
				'Alexa could not take the request. Send it again later; if this persists, contact Amazon developer support with the request ID.',
		};
	}
	return {
		api,
		status,
		message: `Alexa answered with HTTP ${status}`,
		action: 'Alexa did not accept the request. Check the fields of this item.',
	};
}

function readPath(body: unknown, path: string[]): string | undefined {
	let value: unknown = body;
	for (const key of path) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return typeof value === 'string' && value !== '' ? value : undefined;
}


export function headerValue(response: IN8nHttpFullResponse, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(response.headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

/** Alexa's own error code and text in an answer's body, the text with anything like a token removed. */
export function alexaSaid(api: AlexaApi, body: unknown): { code?: string; text?: string } {
	const parsed = bodyAsObject(body);
	const fields = ERROR_BODY_FIELDS[api];
	const text = readPath(parsed, fields.text);
	return { code: readPath(parsed, fields.code), text: text === undefined ? undefined : redactText(text) };
}

/** Marks the errors built here: they hold nothing but what Alexa answered, so they are safe to pass on. */
const ALEXA_ERROR_MARK = 'alexaApi';

/** What Alexa answered, as an error is built from it. */
interface AlexaAnswer {
	api: AlexaApi;
	statusCode: number;
	alexaCode?: string;
	alexaText?: string;
	requestId?: string;
	retryAfter?: string;
}


/**
 * The NodeApiError for one answer from Alexa that is an error: a non-2xx, or a 2xx whose body
 * says the operation failed (then `code` is what the body says, see FAILED_STATUSES).
 */
export function alexaApiError(
	node: INode,
	api: AlexaApi,
	response: IN8nHttpFullResponse,
	itemIndex: number,
	code?: string,
): NodeApiError {
	const said = alexaSaid(api, response.body);
	const answer: AlexaAnswer = {
		api,
		statusCode: response.statusCode,
		alexaCode: code ?? said.code,
		alexaText: said.text,
		requestId: headerValue(response, 'x-amzn-requestid'),
		retryAfter: headerValue(response, 'retry-after'),
	};
	return errorOfAnswer(node, answer, itemIndex);
}

function errorOfAnswer(node: INode, answer: AlexaAnswer, itemIndex: number): NodeApiError {
	const { api, statusCode, alexaCode, alexaText, requestId, retryAfter } = answer;
	const entry = findErrorEntry(api, statusCode, alexaCode);

	const said = alexaText ? ` Alexa said: "${alexaText}".` : '';
	const reference = requestId ? ` Request ID: ${requestId}.` : '';
	const details: JsonObject = { statusCode };
	if (alexaCode) details.alexaCode = alexaCode;
	if (requestId) details.requestId = requestId;

	const error = new NodeApiError(node, details, {
		message: `${entry.message} (HTTP ${statusCode}${alexaCode ? ` ${alexaCode}` : ''})`,
		description: `${entry.action}${said}${reference}`,
		httpCode: String(statusCode),
		itemIndex,
	});
	error.context[ALEXA_ERROR_MARK] = api;
	if (alexaCode) error.context.alexaCode = alexaCode;
	if (requestId) error.context.requestId = requestId;
	if (retryAfter) error.context.retryAfter = retryAfter;
	return error;
}

/**
 * Answers that are not errors for a given operation: a status query that finds nothing
 * enabled gets 404, which means "not enabled". The operation's output hook reports it.
 */
const ANSWERS_NOT_ERRORS: Record<string, number[]> = {
	getSkillEnablementStatus: [404],
	getAccountLinkingAndSkillStatus: [404],
};

/**
 * Success answers whose body says the operation failed: Enable Skill and Link Account answers 201
 * with the enablement status, and ENABLING_FAILED there means "a background process failed and
 * isn't recoverable" (Skill Enablement API reference). The status is the catalogue code.
 */
const FAILED_STATUSES: Record<string, { field: string; values: string[] }> = {
	enableSkillAndLinkAccount: { field: 'status', values: ['ENABLING_FAILED'] },
};

/**
 * The one response hook that turns Alexa's error answers (and the success answers of
 * FAILED_STATUSES) into node errors. It runs first in every operation's `postReceive`; the
 * node sends with `ignoreHttpStatusErrors` so that every status reaches it.
 */
export async function mapAlexaErrors(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const operation = this.getNodeParameter('operation', '') as string;
	const api = apiOfResource(this.getNodeParameter('resource') as string);
	if (response.statusCode >= 200 && response.statusCode < 300) {
		const failed = FAILED_STATUSES[operation];
		const status = failed ? bodyAsObject(response.body)[failed.field] : undefined;
		if (typeof status === 'string' && failed.values.includes(status)) {
			throw alexaApiError(this.getNode(), api, response, this.getItemIndex(), status);
		}
		return items;
	}
	if (ANSWERS_NOT_ERRORS[operation]?.includes(response.statusCode)) return items;
	throw alexaApiError(this.getNode(), api, response, this.getItemIndex());
}

export function isAlexaApiError(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.context[ALEXA_ERROR_MARK] !== undefined;
}

export function httpStatusOf(error: unknown): number | undefined {
	if (error instanceof NodeApiError && error.httpCode) return Number(error.httpCode);
	return undefined;
}

/** What to tell the user for each LWA `error` code, after LWA's own words. */
const LWA_ADVICE: Record<string, string> = {
	invalid_client:
		'Login with Amazon does not recognise the Client ID and Client Secret. Copy both again from the Alexa developer console (your skill → Build → Permissions) into the credential.',
	unauthorized_client:
		'This client may not use this grant. Check that the credential uses the Client ID and Secret from the permission that matches this operation.',
	invalid_grant:
		'The refresh token or code was refused: it expired, was revoked (the customer disabled the skill) or belongs to another client. Obtain a new one; for smart home, the customer must disable and re-enable the skill.',
	invalid_scope:
		'The requested scope was refused. For Skill Messaging, enable Alexa Skill Messaging under Build → Permissions in the developer console.',
	invalid_request:
		'Login with Amazon found the token request malformed. Check that no credential field is empty.',
	unsupported_grant_type: 'Login with Amazon does not accept this grant type for this client.',
	unreachable:
		'Check the network path to Login with Amazon (and the LWA Token URL, for the Custom region), then run the workflow again.',
};

export function lwaNodeError(node: INode, error: LwaError, itemIndex: number): NodeApiError {
	const advice =
		LWA_ADVICE[error.lwaError] ??
		(error.transient
			? 'Login with Amazon is having trouble. Run the workflow again later.'
			: 'Check the credential\'s Client ID, Client Secret and Region.');
	const details: JsonObject = { lwaError: error.lwaError };
	const result = new NodeApiError(node, details, {
		message: error.message,
		description: error.lwaError === 'unreachable' ? `${advice} (${error.lwaDescription})` : advice,
		httpCode: error.lwaStatus !== undefined ? String(error.lwaStatus) : undefined,
		itemIndex,
	});
	result.context.lwaError = error.lwaError;
	return result;
}

/**
 * Any failure of one item as an error that is safe to show: Alexa's answers and our own
 * validation errors pass through; anything else (network errors, which carry the request and
 * its Authorization header) is rebuilt from its message alone, with secrets removed.
 */
export function safeNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secrets: string[],
): NodeApiError | NodeOperationError {
	if (isAlexaApiError(error)) return error;
	if (error instanceof NodeOperationError) return error;
	if (error instanceof LwaError) return lwaNodeError(node, error, itemIndex);
	const networkCode = networkErrorCode(error);
	if (networkCode) {
		// The message avoids the code itself: n8n would swap a message containing it for its
		// own generic text. The code goes in the description and the error's context.
		const result = new NodeApiError(node, { networkError: networkCode }, {
			message: `Could not reach Alexa: ${describeNetworkFailure(networkCode)}`,
			description: `The request did not complete (${networkCode}). Check the network path to Alexa (and the API Base URL, for the Custom region), then send the item again.`,
			itemIndex,
		});
		result.context.networkError = networkCode;
		return result;
	}
	return new NodeApiError(node, {}, { message: redactText(messageOf(error), secrets), itemIndex });
}


