import {
	NodeApiError,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import type { AlexaApi } from '../alexa/apis';
import { redactText } from '../util/redact';
import { bodyAsObject, headerValue } from '../util/response';
import { ERROR_CATALOGUES, type AlexaErrorEntry } from './catalogue';

/**
 * Alexa's error answers as node errors: the catalogue entry for the answer (catalogue/), Alexa's
 * own words, the request ID for Amazon support, and the one `postReceive` hook that maps them.
 */

/**
 * The entry for an answer: Alexa's code decides where there is one, whatever the status (Amazon's
 * own example sends INVALID_ACCESS_TOKEN_EXCEPTION with HTTP 400); then the status's entry
 * without a code; an answer without a code takes the first entry of its status.
 */
export function findErrorEntry(api: AlexaApi, status: number, code?: string): AlexaErrorEntry {
	const { entries } = ERROR_CATALOGUES[api];
	return (
		entries.find(
			(entry) => entry.status === status && entry.code !== undefined && entry.code === code,
		) ??
		entries.find((entry) => entry.code !== undefined && entry.code === code) ??
		entries.find((entry) => entry.status === status && entry.code === undefined) ??
		(code === undefined ? entries.find((entry) => entry.status === status) : undefined) ??
		genericEntry(status)
	);
}

function genericEntry(status: number): AlexaErrorEntry {
	if (status >= 500) {
		return {
			status,
			message: 'Alexa is unavailable',
			action:
				'Alexa could not take the request. Send it again later; if this persists, contact Amazon developer support with the request ID.',
		};
	}
	return {
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

/** Alexa's own error code and text in an answer's body, the text with anything like a token removed. */
export function alexaSaid(api: AlexaApi, body: unknown): { code?: string; text?: string } {
	const parsed = bodyAsObject(body);
	const fields = ERROR_CATALOGUES[api].bodyFields;
	const text = readPath(parsed, fields.text);
	return {
		code: readPath(parsed, fields.code),
		text: text === undefined ? undefined : redactText(text),
	};
}

/** Marks the errors built here: they hold nothing but what Alexa answered, so they are safe to pass on. */
const ALEXA_ERROR_MARK = 'alexaApi';

/**
 * The NodeApiError for one answer from Alexa that is an error: a non-2xx, or a 2xx whose body
 * says the operation failed (then `code` is what the body says).
 */
export function alexaApiError(
	node: INode,
	api: AlexaApi,
	response: IN8nHttpFullResponse,
	itemIndex: number,
	code?: string,
): NodeApiError {
	const said = alexaSaid(api, response.body);
	const statusCode = response.statusCode;
	const alexaCode = code ?? said.code;
	const requestId = headerValue(response, 'x-amzn-requestid');
	const retryAfter = headerValue(response, 'retry-after');
	const entry = findErrorEntry(api, statusCode, alexaCode);

	const details: JsonObject = { statusCode };
	if (alexaCode) details.alexaCode = alexaCode;
	if (requestId) details.requestId = requestId;
	const error = new NodeApiError(node, details, {
		message: `${entry.message} (HTTP ${statusCode}${alexaCode ? ` ${alexaCode}` : ''})`,
		description: `${entry.action}${said.text ? ` Alexa said: "${said.text}".` : ''}${requestId ? ` Request ID: ${requestId}.` : ''}`,
		httpCode: String(statusCode),
		itemIndex,
	});
	error.context[ALEXA_ERROR_MARK] = api;
	if (alexaCode) error.context.alexaCode = alexaCode;
	if (requestId) error.context.requestId = requestId;
	if (retryAfter) error.context.retryAfter = retryAfter;
	return error;
}

export function isAlexaApiError(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && error.context[ALEXA_ERROR_MARK] !== undefined;
}

export function httpStatusOf(error: unknown): number | undefined {
	if (error instanceof NodeApiError && error.httpCode) return Number(error.httpCode);
	return undefined;
}

/** What an operation reads differently from the rest of its API; the resource hands it to `alexaErrors`. */
export interface AnswerRules {
	/** Statuses that are answers, not errors (a status query's 404: "not enabled"). */
	notErrors?: number[];
	/** A 2xx whose body field holds one of these values failed (Enable Skill and Link Account's ENABLING_FAILED). */
	failedWhen?: { field: string; values: string[] };
}

/**
 * The one response hook that turns Alexa's error answers into node errors. It runs first in
 * every operation's `postReceive`; the node sends with `ignoreHttpStatusErrors` so that every
 * status reaches it. `rules` are the few answers an operation reads its own way.
 */
export function alexaErrors(rules: AnswerRules = {}) {
	return async function mapAlexaErrors(
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const api = this.getNodeParameter('alexaApi') as AlexaApi;
		if (response.statusCode >= 200 && response.statusCode < 300) {
			const failed = rules.failedWhen;
			const value = failed ? bodyAsObject(response.body)[failed.field] : undefined;
			if (typeof value === 'string' && failed!.values.includes(value)) {
				throw alexaApiError(this.getNode(), api, response, this.getItemIndex(), value);
			}
			return items;
		}
		if (rules.notErrors?.includes(response.statusCode)) return items;
		throw alexaApiError(this.getNode(), api, response, this.getItemIndex());
	};
}

/** The hook for operations that read every answer as their API does. */
export const mapAlexaErrors = alexaErrors();
