import type { IHttpRequestOptions } from 'n8n-workflow';

import { TRY_LATER } from '../alexa/apis';
import { describeNetworkFailure, messageOf, networkErrorCode } from '../util/network';
import { redactText } from '../util/redact';
import { bodyAsObject } from '../util/response';

/**
 * One token request to Login with Amazon, and what its failure means: the POST itself
 * (`requestLwaToken`), LWA's refusal as an error (`LwaError`), and which failures are LWA's own
 * trouble (`isTransientLwaError`). The process-wide token cache that calls it is tokens.ts.
 */

/** A token request that has not answered in this time is treated as a network failure. */
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

export interface LwaTokenAnswer {
	accessToken: string;
	refreshToken?: string;
	expiresInSeconds: number;
}

/**
 * LWA said no, or could not be asked. `lwaError` is LWA's OAuth2 `error` code (or `unreachable`
 * and `http_<status>` when there was no OAuth2 body). The field names avoid `code`, `status`
 * and `httpCode` on purpose: n8n's error classes would read those and replace this message
 * with a generic one.
 */
export class LwaError extends Error {
	constructor(
		readonly lwaError: string,
		readonly lwaDescription: string | undefined,
		readonly lwaStatus: number | undefined,
		message: string,
	) {
		super(message);
		this.name = 'LwaError';
	}
}

/** LWA's OAuth2 codes for its own trouble (RFC 6749 §4.1.2.1), and the node's code for no answer at all. */
const TRANSIENT_LWA_ERRORS = ['unreachable', 'server_error', 'temporarily_unavailable'];

/**
 * LWA's own trouble (5xx, throttling, no answer), as opposed to a refused client or grant: the
 * retry policy sends such a token request again (delivery/retry.ts), and the item's error says
 * to try later instead of to check the credential (errors/safeErrors.ts).
 */
export function isTransientLwaError(error: LwaError): boolean {
	return (
		TRANSIENT_LWA_ERRORS.includes(error.lwaError) ||
		(error.lwaStatus !== undefined &&
			(TRY_LATER.includes(error.lwaStatus) || error.lwaStatus >= 500))
	);
}

/** One POST to the LWA token URL, form encoded. Returns the token or throws `LwaError`. */
export async function requestLwaToken(
	http: HttpRequest,
	tokenUrl: string,
	form: Record<string, string>,
): Promise<LwaTokenAnswer> {
	const secrets = [form.client_secret, form.refresh_token, form.code];
	let response: { statusCode: number; body: unknown } | undefined;
	let failure = '';
	try {
		response = (await http({
			method: 'POST',
			url: tokenUrl,
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: new URLSearchParams(form).toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: TOKEN_REQUEST_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		failure = networkErrorCode(error) ?? redactText(messageOf(error), secrets);
	}
	if (!response) {
		throw new LwaError(
			'unreachable',
			failure,
			undefined,
			`Login with Amazon could not be reached at ${tokenUrl}: ${describeNetworkFailure(failure)}`,
		);
	}

	const body = bodyAsObject(response.body);
	if (response.statusCode === 200 && typeof body.access_token === 'string') {
		return {
			accessToken: body.access_token,
			refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
			expiresInSeconds: Number(body.expires_in ?? 3600),
		};
	}
	const lwaError = typeof body.error === 'string' ? body.error : `http_${response.statusCode}`;
	const description =
		typeof body.error_description === 'string'
			? redactText(body.error_description, secrets)
			: undefined;
	throw new LwaError(
		lwaError,
		description,
		response.statusCode,
		`Login with Amazon did not issue a token: ${lwaError}${description ? ` (${description})` : ''}`,
	);
}
