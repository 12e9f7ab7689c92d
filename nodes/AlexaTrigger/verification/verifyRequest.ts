import { verify as verifySignature } from 'crypto';

import { HEADERS } from './amazonRules';
import { signingCertificate, type FetchText } from './certificateChain';
import { checkCertificateUrl } from './certificateUrl';
import { problemWithTimestamp } from './requestTimestamp';
import { admitRequest } from './seenRequests';
import { trustedRoots } from './trustedRoots';

export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface VerificationSettings {
	/** The skill IDs this endpoint serves. */
	skillIds: string[];
	/** PEM of an extra root for a local simulator; empty in production. */
	additionalTrustedRoot: string;
	fetchText: FetchText;
	now: number;
}

/**
 * A verified request: the envelope as Alexa sent it and the two fields the trigger reads before
 * the workflow, already type-checked. A refused one: `reason` is what the caller is told (which
 * check failed, nothing from the request), `detail` what only the log gets.
 */
export type Verification =
	| { verified: true; envelope: Record<string, unknown>; requestType: string }
	| { verified: false; reason: string; detail?: string };

const refuse = (reason: string, detail?: string): Verification => ({
	verified: false,
	reason,
	detail,
});

/**
 * Every check of Amazon's "Verify that the request was sent by Alexa", in one place, before any
 * workflow runs:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html#verify-request-sent-by-alexa
 * Until the signature has been checked the body is anybody's: every field is read with a type
 * check, never through String() or a method of its own (`{"type":{"toString":0}}` would throw).
 * Last, a request whose requestId this process accepted within its timestamp's tolerance is a
 * replay (seenRequests.ts).
 */
export async function verifyAlexaRequest(
	rawBody: Buffer | undefined,
	headers: RequestHeaders,
	settings: VerificationSettings,
): Promise<Verification> {
	const chainUrlHeader = headerValue(headers, HEADERS.certificateChainUrl);
	const signatureHeader = headerValue(headers, HEADERS.signature);
	if (!chainUrlHeader) return refuse('the SignatureCertChainUrl header is missing');
	if (!signatureHeader) return refuse('the Signature-256 header is missing');
	const certificateUrl = checkCertificateUrl(chainUrlHeader);
	if ('problem' in certificateUrl) return refuse(certificateUrl.problem);
	if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) return refuse('the request has no body');

	let envelope: unknown;
	try {
		envelope = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return refuse('the request body is not JSON');
	}
	if (!isObject(envelope) || !isObject(envelope.request))
		return refuse('the request body has no request object');
	const request = envelope.request;
	if (typeof request.type !== 'string' || request.type === '')
		return refuse('the request has no type');
	const requestType = request.type;
	// Every request type has one (Amazon's request format); without it a replay could not be told.
	const requestId = stringAt(request, ['requestId']);
	if (!requestId) return refuse('the request has no requestId');

	const late = problemWithTimestamp(requestType, request.timestamp, settings.now);
	if (late) return refuse(late);

	const applicationIds = applicationIdsOf(envelope);
	if (applicationIds.length > 1) return refuse('the request names two different applicationIds');
	const [applicationId] = applicationIds;
	if (!applicationId) return refuse('the request names no applicationId');
	if (!settings.skillIds.includes(applicationId))
		return refuse('the request is for a skill ID this trigger does not serve');

	const roots = trustedRoots(settings.additionalTrustedRoot);
	if ('problem' in roots) return refuse(roots.problem);
	const signing = await signingCertificate(
		certificateUrl.url,
		settings.fetchText,
		roots,
		settings.now,
	);
	if ('problem' in signing) return refuse(signing.problem, signing.detail);

	let signatureMatches = false;
	try {
		signatureMatches = verifySignature(
			'RSA-SHA256',
			rawBody,
			signing.certificate.publicKey,
			Buffer.from(signatureHeader, 'base64'),
		);
	} catch {
		signatureMatches = false;
	}
	if (!signatureMatches) return refuse('the Signature-256 header does not match the request body');

	// Only now, from Alexa: a forged request can neither fill the memory nor be told what it holds.
	// problemWithTimestamp accepted the timestamp, so it is a string.
	const replay = admitRequest(requestId, requestType, request.timestamp as string, settings.now);
	if (replay) return refuse(replay.reason, replay.detail);
	return { verified: true, envelope, requestType };
}

function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first.trim() || undefined : undefined;
}

/**
 * The skill IDs a request names, each once. Custom skill requests carry it in context.System;
 * in-session requests in session too. A verified request names exactly one: the ASK SDK reads
 * only context, and a workflow could read either, so the two must agree.
 */
export function applicationIdsOf(envelope: Record<string, unknown>): string[] {
	const found = [
		stringAt(envelope, ['context', 'System', 'application', 'applicationId']),
		stringAt(envelope, ['session', 'application', 'applicationId']),
	];
	return [...new Set(found.filter((id): id is string => id !== undefined))];
}

/** The string at a path of plain objects, or undefined when any step is not one. */
export function stringAt(value: unknown, path: readonly string[]): string | undefined {
	let current = value;
	for (const key of path) {
		if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
		current = current[key];
	}
	return typeof current === 'string' ? current : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
