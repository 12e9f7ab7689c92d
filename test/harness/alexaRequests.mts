/**
 * One place for the trigger tests' set-up: the S3 stand-in serving a test chain, a signer, and
 * an endpoint running the Alexa Trigger through the webhook harness.
 */
import type { INodeParameters } from 'n8n-workflow';

import { makeTestPki, alexaHeaders, type TestPki } from '../alexa-signer/signer.mts';
import {
	chainUrl,
	routeS3ToStandIn,
	startS3StandIn,
	type S3StandIn,
} from '../alexa-signer/s3StandIn.mts';
import { SKILL_ID } from '../alexa-signer/requests.mts';
import { certificateChains } from './modules.mts';
import {
	startTriggerEndpoint,
	type TriggerEndpoint,
	type TriggerEndpointOptions,
} from './trigger.mts';

export const CHAIN_PATH = '/echo.api/echo-api-cert-test.pem';

let s3: S3StandIn | undefined;
export const pki: TestPki = makeTestPki();

/** The stand-in for S3, started once per test file, serving the test chain at CHAIN_PATH. */
export async function s3StandIn(): Promise<S3StandIn> {
	if (!s3) {
		s3 = await startS3StandIn();
		routeS3ToStandIn(s3);
	}
	s3.put(CHAIN_PATH, pki.chainPem);
	return s3;
}

export async function stopS3StandIn(): Promise<void> {
	await s3?.close();
	s3 = undefined;
}

/** Trigger parameters that accept the test chain: the skill ID and the test root. */
export function triggerParameters(overrides: INodeParameters = {}): INodeParameters {
	const { options, ...rest } = overrides;
	return {
		skillIds: SKILL_ID,
		...rest,
		options: { additionalTrustedRoot: pki.root.pem, ...(options as object | undefined) },
	};
}

export async function endpoint(
	overrides: INodeParameters = {},
	more: Partial<TriggerEndpointOptions> = {},
): Promise<TriggerEndpoint> {
	certificateChains.forgetCertificateChains();
	return await startTriggerEndpoint({ trigger: triggerParameters(overrides), ...more });
}

export interface SendOptions {
	signingKey?: TestPki['signing']['privateKey'];
	certificateUrl?: string;
	/** Change the headers after signing. */
	headers?: (headers: Record<string, string>) => Record<string, string>;
	/** Change the body after signing. */
	tamper?: (rawBody: string) => string;
}

/** Signs the envelope as Alexa would and posts it to the endpoint. */
export async function sendSigned(
	target: TriggerEndpoint,
	envelope: unknown,
	options: SendOptions = {},
) {
	const rawBody = JSON.stringify(envelope);
	const certificateUrl = options.certificateUrl ?? chainUrl(CHAIN_PATH);
	let headers = alexaHeaders(rawBody, options.signingKey ?? pki.signing.privateKey, certificateUrl);
	if (options.headers) headers = options.headers(headers);
	return await target.post(options.tamper ? options.tamper(rawBody) : rawBody, headers);
}
