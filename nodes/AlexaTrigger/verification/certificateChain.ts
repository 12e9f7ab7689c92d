import type { X509Certificate } from 'crypto';

import { CERTIFICATE_FETCH, SIGNING_CERTIFICATE_DOMAIN } from './amazonRules';
import { BoundedCache } from '../../Alexa/shared/util/boundedCache';
import { parsePemCertificates, type TrustedRoots } from './trustedRoots';

/**
 * The signing certificate chains, per normalised URL, per process. A chain is fetched once
 * (concurrent requests share the one fetch) and kept until its signing certificate expires or
 * it is the least recently used of CERTIFICATE_FETCH.cachedChains. A failed fetch answers the
 * requests that waited for it and is remembered for CERTIFICATE_FETCH.retryFailedAfterMs, so
 * that a failing URL is fetched at most once in that time.
 */
interface CachedChain {
	certificates: X509Certificate[];
	expiresAt: number;
	/** The chain-of-trust verdict per set of trusted roots: undefined means trusted. */
	verdicts: Map<string, string | undefined>;
}

/** `problem` is what the refused request is told; `detail` (the URL, S3's answer) goes to the log only. */
export interface ChainProblem {
	problem: string;
	detail?: string;
}

interface FetchFailure extends ChainProblem {
	failedAt: number;
}

type Fetched = CachedChain | FetchFailure;

const chains = new BoundedCache<CachedChain>(CERTIFICATE_FETCH.cachedChains);
const failures = new BoundedCache<FetchFailure>(CERTIFICATE_FETCH.rememberedFailures);
const inFlight = new Map<string, Promise<Fetched>>();

export type FetchText = (url: string) => Promise<string>;

export async function signingCertificate(
	url: string,
	fetchText: FetchText,
	roots: TrustedRoots,
	now: number,
): Promise<{ certificate: X509Certificate } | ChainProblem> {
	const chain = await cachedChain(url, fetchText, now);
	if ('problem' in chain) return { problem: chain.problem, detail: chain.detail };
	const [signing] = chain.certificates;
	if (!signing) return { problem: 'the certificate chain holds no certificate' };

	const dates = problemWithDates(chain.certificates, now);
	if (dates) return { problem: dates };
	if (!hasDnsName(signing, SIGNING_CERTIFICATE_DOMAIN)) {
		return {
			problem: `the signing certificate does not name ${SIGNING_CERTIFICATE_DOMAIN} among its subject alternative names`,
		};
	}
	if (!chain.verdicts.has(roots.key))
		chain.verdicts.set(roots.key, problemWithTrust(chain.certificates, roots.certificates, now));
	const trust = chain.verdicts.get(roots.key);
	if (trust) return { problem: trust };
	return { certificate: signing };
}

async function cachedChain(url: string, fetchText: FetchText, now: number): Promise<Fetched> {
	const cached = chains.get(url);
	if (cached && now < cached.expiresAt) return cached;
	const failed = failures.get(url);
	if (failed && now - failed.failedAt < CERTIFICATE_FETCH.retryFailedAfterMs) return failed;

	let pending = inFlight.get(url);
	if (!pending) {
		// Requests naming other URLs may each start a fetch; this many at once, and no more.
		if (inFlight.size >= CERTIFICATE_FETCH.fetchesInFlight) {
			return { problem: 'too many certificate chains are being fetched at once', failedAt: now };
		}
		pending = fetchChain(url, fetchText, now);
		inFlight.set(url, pending);
		void pending.finally(() => inFlight.delete(url));
	}
	const fetched = await pending;
	if ('problem' in fetched) failures.set(url, fetched);
	else {
		failures.delete(url);
		chains.set(url, fetched);
	}
	return fetched;
}

async function fetchChain(url: string, fetchText: FetchText, now: number): Promise<Fetched> {
	let pem: string;
	try {
		pem = await fetchText(url);
	} catch (error) {
		return {
			problem: 'the certificate chain could not be fetched',
			detail: `${url}: ${(error as Error).message}`,
			failedAt: now,
		};
	}
	const certificates = parsePemCertificates(pem);
	if (certificates.length === 0)
		return {
			problem: 'the certificate chain URL did not return a PEM certificate chain',
			detail: url,
			failedAt: now,
		};
	const signingDates = datesOf(certificates[0]!);
	return { certificates, expiresAt: signingDates?.validTo ?? now, verdicts: new Map() };
}

/**
 * A certificate's validity as times, or undefined when one cannot be read: Node writes "Bad time
 * value" for a date it cannot print, which Date.parse reads as NaN, and NaN compares false with
 * everything, which would let the certificate pass both date checks. The Date forms (Node 22.10
 * and later) are read first, but a date is readable only when its text is too: for a date Node
 * cannot print, its Date form was seen to hold an arbitrary time now and then (one run in eight
 * under load), which made an unreadable certificate "expired on Bad time value".
 */
function datesOf(certificate: X509Certificate): { validFrom: number; validTo: number } | undefined {
	const withDates = certificate as X509Certificate & { validFromDate?: Date; validToDate?: Date };
	const fromText = Date.parse(certificate.validFrom);
	const toText = Date.parse(certificate.validTo);
	if (Number.isNaN(fromText) || Number.isNaN(toText)) return undefined;
	const validFrom = withDates.validFromDate?.getTime() ?? fromText;
	const validTo = withDates.validToDate?.getTime() ?? toText;
	return Number.isNaN(validFrom) || Number.isNaN(validTo) ? undefined : { validFrom, validTo };
}

/** Amazon: "The signing certificate has not expired (examine both the Not Before and Not After dates)". The rest of the chain must be in date too. */
function problemWithDates(certificates: X509Certificate[], now: number): string | undefined {
	for (const [index, certificate] of certificates.entries()) {
		const which = index === 0 ? 'the signing certificate' : `certificate ${index + 1} of the chain`;
		const dates = datesOf(certificate);
		if (!dates) return `the validity dates of ${which} cannot be read`;
		if (now < dates.validFrom)
			return `${which} is not valid yet (valid from ${certificate.validFrom})`;
		if (now > dates.validTo) return `${which} expired on ${certificate.validTo}`;
	}
	return undefined;
}

function hasDnsName(certificate: X509Certificate, domain: string): boolean {
	const names = (certificate.subjectAltName ?? '').split(',').map((entry) => entry.trim());
	return names.includes(`DNS:${domain}`);
}

/**
 * Amazon: "All certificates in the chain combine to create a chain of trust to a trusted root CA
 * certificate". Every certificate of the chain takes part, in order: each one is issued and
 * signed by the next, every issuer is a CA, and one of them is a trusted root or was issued by
 * one. A certificate that plays no part (an extra one, or one out of order) refuses the chain.
 * Certificates after the one a trusted root issued are allowed as long as they continue the
 * chain: a chain served with cross-signed roots (Amazon Root CA 1 signed by Starfield Services
 * G2, and that one by Starfield Class 2) reaches Amazon Root CA 1 before it ends.
 */
function problemWithTrust(
	chain: X509Certificate[],
	roots: X509Certificate[],
	now: number,
): string | undefined {
	let trust: string | undefined = 'the certificate chain does not lead to a trusted root';
	for (const [index, certificate] of chain.entries()) {
		if (index > 0 && !certificate.ca)
			return `certificate ${index + 1} of the chain is not a certificate authority`;
		const issuer = chain[index + 1];
		if (issuer && !issuedAndSignedBy(certificate, issuer))
			return `certificate ${index + 1} of the chain is not signed by certificate ${index + 2}`;
		if (trust === undefined) continue;
		if (roots.some((root) => root.fingerprint256 === certificate.fingerprint256)) trust = undefined;
		const root = roots.find((candidate) => issuedAndSignedBy(certificate, candidate));
		if (root) {
			const rootDates = datesOf(root);
			trust =
				!rootDates || now > rootDates.validTo || now < rootDates.validFrom
					? 'the trusted root of the chain is out of date'
					: undefined;
		}
	}
	return trust;
}

function issuedAndSignedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
	if (!issuer.ca || !certificate.checkIssued(issuer)) return false;
	try {
		return certificate.verify(issuer.publicKey);
	} catch {
		return false;
	}
}

/** Tests start each case from an empty cache. */
export function forgetCertificateChains(): void {
	chains.clear();
	failures.clear();
	inFlight.clear();
}
