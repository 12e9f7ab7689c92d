import { X509Certificate } from 'crypto';

import { AMAZON_ROOT_CERTIFICATES } from './amazonRootCertificates';

export interface TrustedRoots {
	certificates: X509Certificate[];
	/** Tells trust settings apart in the chain cache: a chain trusted under one set is not under another. */
	key: string;
}

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
const PEM_END = '-----END CERTIFICATE-----';

/**
 * Every certificate in PEM text; none when a block is not a certificate. One pass with indexOf,
 * in time linear in the text: a lazy regular expression rescans the rest of the text for each
 * BEGIN line without an END, which made a 64 KiB answer of BEGIN lines cost seconds.
 */
export function parsePemCertificates(pem: string): X509Certificate[] {
	const blocks: string[] = [];
	for (let from = 0; ; ) {
		const begin = pem.indexOf(PEM_BEGIN, from);
		if (begin < 0) break;
		const end = pem.indexOf(PEM_END, begin + PEM_BEGIN.length);
		// No END after this BEGIN means none after any later BEGIN either.
		if (end < 0) break;
		blocks.push(pem.slice(begin, end + PEM_END.length));
		from = end + PEM_END.length;
	}
	try {
		return blocks.map((block) => new X509Certificate(block));
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
		return {
			problem:
				'the Additional Trusted Root option is not a PEM certificate; fix it or leave it empty',
		};
	}
	const roots = {
		certificates: [...amazonRoots.certificates, ...extra],
		key: `amazon+${extra.map((certificate) => certificate.fingerprint256).join(',')}`,
	};
	withAdditional.set(trimmed, roots);
	return roots;
}
