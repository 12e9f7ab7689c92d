import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { AlexaApi } from '../alexa/apis';
import { isTransientLwaError, LwaError } from '../lwa/tokenRequest';
import { describeNetworkFailure, messageOf, networkErrorCode } from '../util/network';
import { REDACTED, redactText } from '../util/redact';
import { isAlexaApiError } from './alexaApiError';
import { loginWithAmazonErrors } from './catalogue/loginWithAmazon';
import { WaitedTooLong } from './waitedTooLong';

/** Every failure of an item as an error that is safe to show, and the error item n8n expects. */

const UNREACHABLE_LWA_ADVICE =
	'Check the network path to Login with Amazon (and the LWA Token URL, for the Custom region), then run the workflow again.';

/** A credential's token request that LWA refused or could not answer: LWA's words, and what to do from the LWA catalogue. */
export function lwaNodeError(node: INode, error: LwaError, itemIndex: number): NodeApiError {
	const entry = loginWithAmazonErrors.find((candidate) => candidate.code === error.lwaError);
	const advice =
		error.lwaError === 'unreachable'
			? `${UNREACHABLE_LWA_ADVICE} (${error.lwaDescription})`
			: (entry?.action ??
				(isTransientLwaError(error)
					? 'Login with Amazon is having trouble. Run the workflow again later.'
					: "Check the credential's Client ID, Client Secret and Region."));
	const details: JsonObject = { lwaError: error.lwaError };
	const result = new NodeApiError(node, details, {
		message: error.message,
		description: advice,
		httpCode: error.lwaStatus !== undefined ? String(error.lwaStatus) : undefined,
		itemIndex,
	});
	result.context.lwaError = error.lwaError;
	return result;
}

/**
 * Who a request without an answer was for, and what to check: the Authorization resource talks to
 * LWA's token URL. Its advice stops at the check: whether to send again depends on the grant (a
 * grant code is not sent twice, delivery/retry.ts), and the item's error says so.
 */
const UNANSWERED: Record<'alexa' | 'loginWithAmazon', { service: string; advice: string }> = {
	alexa: {
		service: 'Alexa',
		advice:
			'Check the network path to Alexa (and the API Base URL, for the Custom region), then send the item again.',
	},
	loginWithAmazon: {
		service: 'Login with Amazon',
		advice:
			'Check the network path to Login with Amazon (and the LWA Token URL, for the Custom region).',
	},
};

/**
 * Any failure of one item as an error that is safe to show: Alexa's answers and our own
 * validation errors pass through; anything else (network errors, which carry the request and
 * its Authorization header) is rebuilt from its message alone, with secrets removed. `api`: the
 * API the item's requests went to.
 */
export function safeNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secrets: string[],
	api?: AlexaApi,
): NodeApiError | NodeOperationError {
	return withoutSecretParameters(safeError(node, error, itemIndex, secrets, api));
}

/**
 * Fields that may hold a token or code typed in as it is: n8n puts the node, with its parameters,
 * in every error it stores. An expression (`{{ $json.apiAccessToken }}`) holds no secret and stays.
 */
const SECRET_PARAMETERS = ['apiAccessToken', 'accessToken', 'refreshToken', 'code', 'codeVerifier'];

function withoutSecretParameters<E extends NodeApiError | NodeOperationError>(error: E): E {
	const parameters = error.node?.parameters;
	if (!parameters) return error;
	const typedIn = SECRET_PARAMETERS.filter((name) => {
		const value = parameters[name];
		return typeof value === 'string' && value !== '' && !value.startsWith('=');
	});
	if (typedIn.length === 0) return error;
	const redacted = { ...parameters };
	for (const name of typedIn) redacted[name] = REDACTED;
	(error as { node: INode }).node = { ...error.node, parameters: redacted };
	return error;
}

function safeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secrets: string[],
	api?: AlexaApi,
): NodeApiError | NodeOperationError {
	if (isAlexaApiError(error)) return withoutSecrets(error, secrets);
	if (error instanceof NodeOperationError) return error;
	if (error instanceof LwaError) return lwaNodeError(node, error, itemIndex);
	if (error instanceof WaitedTooLong) return waitedTooLongError(node, error, itemIndex);
	const networkCode = networkErrorCode(error);
	if (networkCode) {
		// The message avoids the code itself: n8n would swap a message containing it for its
		// own generic text. The code goes in the description and the error's context.
		const { service, advice } = UNANSWERED[api === 'loginWithAmazon' ? 'loginWithAmazon' : 'alexa'];
		const result = new NodeApiError(
			node,
			{ networkError: networkCode },
			{
				message: `Could not reach ${service}: ${describeNetworkFailure(networkCode)}`,
				description: `The request did not complete (${networkCode}). ${advice}`,
				itemIndex,
			},
		);
		result.context.networkError = networkCode;
		return result;
	}
	return new NodeApiError(node, {}, { message: redactText(messageOf(error), secrets), itemIndex });
}

/**
 * Alexa's answer as an error, without the item's secrets should Alexa (or a proxy) echo one in its
 * text: a token from the item (a progressive response's apiAccessToken) has no shape the
 * catalogue's redaction knows, as LWA's tokens have.
 */
function withoutSecrets(error: NodeApiError, secrets: string[]): NodeApiError {
	error.message = redactText(error.message, secrets);
	if (typeof error.description === 'string')
		error.description = redactText(error.description, secrets);
	return error;
}

/** An item that never got a slot while Alexa was throttling: it was not sent, and that is no retry. */
function waitedTooLongError(node: INode, error: WaitedTooLong, itemIndex: number): NodeApiError {
	const seconds = Math.round(error.waitedMs / 1000);
	const result = new NodeApiError(
		node,
		{ waitedMs: error.waitedMs, waiting: error.waiting },
		{
			message: `Alexa is throttling this skill: the item was not sent after waiting ${seconds} s for its turn`,
			description: `${error.waiting} item${error.waiting === 1 ? ' was' : 's were'} waiting to be sent with this credential to the same Alexa API, in this n8n process, at a pace Alexa accepts. Nothing was sent for this item. Send fewer items at once or space the executions out, or raise Delivery Options → Max Wait for a Slot (Seconds).`,
			itemIndex,
		},
	);
	result.context.waitedTooLong = true;
	return result;
}

/**
 * An error item as n8n itself shapes them (it rewrites the json of any item carrying `error`
 * to `{ error: message }`): the status, Alexa's code and the request ID stay on `error`.
 */
export function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
