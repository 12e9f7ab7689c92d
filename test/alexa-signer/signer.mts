/**
 * Signs requests the way Alexa does ("Verify that the request was sent by Alexa"):
 * `Signature-256` is the base64 RSA-SHA256 signature of the raw body, made with the key of the
 * signing certificate that `SignatureCertChainUrl` points at. The chain it serves is the
 * signing certificate first, then the certificates up to the root (the root is not served).
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html#verify-request-sent-by-alexa
 */
import crypto from 'node:crypto';

import {
	days,
	issueCertificate,
	type IssueOptions,
	type TestCertificate,
} from './certificates.mts';

export const ECHO_API_DOMAIN = 'echo-api.amazon.com';

export interface TestPki {
	root: TestCertificate;
	intermediate: TestCertificate;
	signing: TestCertificate;
	/** The PEM chain S3 serves: signing certificate, then intermediate. */
	chainPem: string;
}

/** A root, an intermediate and a signing certificate; `signing` overrides what the signing certificate says. */
export function makeTestPki(signing: Partial<IssueOptions> = {}, root?: TestCertificate): TestPki {
	const theRoot =
		root ??
		issueCertificate({
			commonName: 'Test Alexa Root CA',
			isCertificateAuthority: true,
			notAfter: days(3650),
		});
	const intermediate = issueCertificate({
		commonName: 'Test Alexa Intermediate CA',
		isCertificateAuthority: true,
		issuer: theRoot,
	});
	const leaf = issueCertificate({
		commonName: ECHO_API_DOMAIN,
		issuer: intermediate,
		dnsNames: [ECHO_API_DOMAIN],
		...signing,
	});
	return { root: theRoot, intermediate, signing: leaf, chainPem: leaf.pem + intermediate.pem };
}

export function signatureOf(rawBody: string | Buffer, key: crypto.KeyObject): string {
	return crypto.sign('RSA-SHA256', Buffer.from(rawBody), key).toString('base64');
}

/** The headers Alexa sends with a request body. */
export function alexaHeaders(
	rawBody: string,
	key: crypto.KeyObject,
	certificateUrl: string,
): Record<string, string> {
	return {
		'content-type': 'application/json; charset=utf-8',
		signaturecertchainurl: certificateUrl,
		'signature-256': signatureOf(rawBody, key),
	};
}
