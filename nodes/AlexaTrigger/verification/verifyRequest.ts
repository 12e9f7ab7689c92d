import { verify as verifySignature } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { HEADERS } from './amazonRules';
import { signingCertificate, type FetchText } from './certificateChain';
import { checkCertificateUrl } from './certificateUrl';
import { problemWithTimestamp } from './requestTimestamp';
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

export type Verification =
	| { verified: true; envelope: IDataObject }
	| { verified: false; reason: string };

const refuse = (reason: string): Verification => ({ verified: false, reason });

/**
 * Every check of Amazon's "Verify that the request was sent by Alexa", in one place, before any
 * workflow runs:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html#verify-request-sent-by-alexa
 * The reason given back is short and holds nothing from the request body.
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
	if (!rawBody || rawBody.length === 0) return refuse('the request has no body');

	let envelope: IDataObject;
	try {
		envelope = JSON.parse(rawBody.toString('utf8')) as IDataObject;
	} catch {
		return refuse('the request body is not JSON');
	}
	if (!isObject(envelope) || !isObject(envelope.request)) return refuse('the request body has no request object');
	const request = envelope.request;

	const late = problemWithTimestamp(String(request.type ?? ''), request.timestamp, settings.now);
	if (late) return refuse(late);

	const applicationId = applicationIdOf(envelope);
	if (!applicationId) return refuse('the request names no applicationId');
	if (!settings.skillIds.includes(applicationId)) return refuse('the request is for a skill ID this trigger does not serve');

	const roots = trustedRoots(settings.additionalTrustedRoot);
	if ('problem' in roots) return refuse(roots.problem);
	const signing = await signingCertificate(certificateUrl.url, settings.fetchText, roots, settings.now);
	if ('problem' in signing) return refuse(signing.problem);

	let signatureMatches = false;
	try {
		signatureMatches = verifySignature('RSA-SHA256', rawBody, signing.certificate.publicKey, Buffer.from(signatureHeader, 'base64'));
	} catch {
		signatureMatches = false;
	}
	if (!signatureMatches) return refuse('the Signature-256 header does not match the request body');
	return { verified: true, envelope };
}

function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const value = headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return first?.trim() || undefined;
}

/** Custom skill requests carry it in context.System; older ones, and in-session requests, in session too. */
export function applicationIdOf(envelope: Record<string, unknown>): string | undefined {
	const context = envelope.context as { System?: { application?: { applicationId?: unknown } } } | undefined;
	const session = envelope.session as { application?: { applicationId?: unknown } } | undefined;
	const id = context?.System?.application?.applicationId ?? session?.application?.applicationId;
	return typeof id === 'string' ? id : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
