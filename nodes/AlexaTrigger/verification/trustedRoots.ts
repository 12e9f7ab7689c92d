import { X509Certificate } from 'crypto';

import { AMAZON_ROOT_CERTIFICATES } from './amazonRootCertificates';

export interface TrustedRoots {
	certificates: X509Certificate[];
	/** Tells trust settings apart in the chain cache: a chain trusted under one set is not under another. */
	key: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in PEM text; none when a block is not a certificate. */
export function parsePemCertificates(pem: string): X509Certificate[] {
	try {
		return (pem.match(PEM_BLOCK) ?? []).map((block) => new X509Certificate(block));
	} catch {
		return [];
	}
}

const amazonRoots: TrustedRoots = {
	certificates: AMAZON_ROOT_CERTIFICATES.map((pem) => new X509Certificate(pem)),
	key: 'amazon',
};
const withAdditional = new Map<string, TrustedRoots>();

/**
 * Amazon's roots, plus the node's Additional Trusted Root when one is set (decision 7: only a
 * local simulator needs one; it is empty by default and labelled so). Parsed once per
 * distinct setting.
 */
export function trustedRoots(additionalRootPem: string): TrustedRoots | { problem: string } {
	const trimmed = additionalRootPem.trim();
	if (!trimmed) return amazonRoots;
	const known = withAdditional.get(trimmed);
	if (known) return known;
	const extra = parsePemCertificates(trimmed);
	if (extra.length === 0) {
		return { problem: 'the Additional Trusted Root option is not a PEM certificate; fix it or leave it empty' };
	}
	const roots = {
		certificates: [...amazonRoots.certificates, ...extra],
		key: `amazon+${extra.map((certificate) => certificate.fingerprint256).join(',')}`,
	};
	withAdditional.set(trimmed, roots);
	return roots;
}
