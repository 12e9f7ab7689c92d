import type { X509Certificate } from 'crypto';

import { SIGNING_CERTIFICATE_DOMAIN } from './amazonRules';
import { parsePemCertificates, type TrustedRoots } from './trustedRoots';

/**
 * The signing certificate chains, one per URL per process. A chain is fetched once (concurrent
 * requests share the one fetch) and kept until its signing certificate expires; a failed fetch
 * is not kept, so the next request tries again.
 */
interface CachedChain {
	certificates: X509Certificate[];
	expiresAt: number;
	/** The chain-of-trust verdict per set of trusted roots: undefined means trusted. */
	verdicts: Map<string, string | undefined>;
}

type Fetched = CachedChain | { problem: string };
const chains = new Map<string, Promise<Fetched>>();

export type FetchText = (url: string) => Promise<string>;

export async function signingCertificate(
	url: string,
	fetchText: FetchText,
	roots: TrustedRoots,
	now: number,
): Promise<{ certificate: X509Certificate } | { problem: string }> {
	const chain = await cachedChain(url, fetchText, now);
	if ('problem' in chain) return chain;
	const [signing] = chain.certificates;
	if (!signing) return { problem: 'the certificate chain holds no certificate' };

	const dates = problemWithDates(chain.certificates, now);
	if (dates) return { problem: dates };
	if (!hasDnsName(signing, SIGNING_CERTIFICATE_DOMAIN)) {
		return { problem: `the signing certificate does not name ${SIGNING_CERTIFICATE_DOMAIN} among its subject alternative names` };
	}
	if (!chain.verdicts.has(roots.key)) chain.verdicts.set(roots.key, problemWithTrust(chain.certificates, roots.certificates, now));
	const trust = chain.verdicts.get(roots.key);
	if (trust) return { problem: trust };
	return { certificate: signing };
}

async function cachedChain(url: string, fetchText: FetchText, now: number): Promise<Fetched> {
	const cached = chains.get(url);
	if (cached) {
		const chain = await cached;
		if ('problem' in chain || now < chain.expiresAt) return chain;
		if (chains.get(url) === cached) chains.delete(url);
	}
	const pending = chains.get(url) ?? fetchChain(url, fetchText);
	chains.set(url, pending);
	const fetched = await pending;
	// A failed fetch answers the requests that waited for it, and is then forgotten.
	if ('problem' in fetched && chains.get(url) === pending) chains.delete(url);
	return fetched;
}

async function fetchChain(url: string, fetchText: FetchText): Promise<Fetched> {
	let pem: string;
	try {
		pem = await fetchText(url);
	} catch (error) {
		return { problem: `the certificate chain could not be fetched from ${url} (${(error as Error).message})` };
	}
	const certificates = parsePemCertificates(String(pem));
	if (certificates.length === 0) return { problem: `${url} did not return a PEM certificate chain` };
	return { certificates, expiresAt: Date.parse(certificates[0]!.validTo), verdicts: new Map() };
}

/** Amazon: "The signing certificate has not expired (examine both the Not Before and Not After dates)". The rest of the chain must be in date too. */
function problemWithDates(certificates: X509Certificate[], now: number): string | undefined {
	for (const [index, certificate] of certificates.entries()) {
		const which = index === 0 ? 'the signing certificate' : `certificate ${index + 1} of the chain`;
		if (now < Date.parse(certificate.validFrom)) return `${which} is not valid yet (valid from ${certificate.validFrom})`;
		if (now > Date.parse(certificate.validTo)) return `${which} expired on ${certificate.validTo}`;
	}
	return undefined;
}

function hasDnsName(certificate: X509Certificate, domain: string): boolean {
	const names = (certificate.subjectAltName ?? '').split(',').map((entry) => entry.trim());
	return names.includes(`DNS:${domain}`);
}

/**
 * Amazon: "All certificates in the chain combine to create a chain of trust to a trusted root CA
 * certificate". Walks the chain in order: each certificate is issued and signed by the next one,
 * every issuer is a CA, and the walk ends at a certificate that a trusted root issued (or that
 * is itself a trusted root).
 */
function problemWithTrust(chain: X509Certificate[], roots: X509Certificate[], now: number): string | undefined {
	for (const [index, certificate] of chain.entries()) {
		if (index > 0 && !certificate.ca) return `certificate ${index + 1} of the chain is not a certificate authority`;
		if (roots.some((root) => root.fingerprint256 === certificate.fingerprint256)) return undefined;
		const root = roots.find((candidate) => issuedAndSignedBy(certificate, candidate));
		if (root) {
			if (now > Date.parse(root.validTo) || now < Date.parse(root.validFrom)) return 'the trusted root of the chain is out of date';
			return undefined;
		}
		const issuer = chain[index + 1];
		if (!issuer) return 'the certificate chain does not lead to a trusted root';
		if (!issuedAndSignedBy(certificate, issuer)) return `certificate ${index + 1} of the chain is not signed by certificate ${index + 2}`;
	}
	return 'the certificate chain does not lead to a trusted root';
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
}
