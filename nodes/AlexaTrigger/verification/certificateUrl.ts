import { CERTIFICATE_URL } from './amazonRules';

/**
 * Checks the SignatureCertChainUrl header the way Amazon's page says ("Verify the signature
 * certificate URL"): normalise the URL first, then the protocol is https and the host
 * s3.amazonaws.com (both case-insensitive), the path starts with /echo.api/ (case-sensitive),
 * and a port, if given, is 443.
 *
 * Returns the URL to fetch, which is also the chain cache's key: normalised, without the query
 * and the fragment (Amazon's URLs have neither, and "…pem#1", "…pem#2" must not each be a fetch
 * of their own). Or why the URL is refused.
 */
export function checkCertificateUrl(header: string): { url: string } | { problem: string } {
	// Amazon's URLs never hold one; the WHATWG parser would read it as "/", so that the URL
	// checked and the URL a reader of the log sees would differ.
	if (header.includes('\\'))
		return { problem: 'SignatureCertChainUrl must not contain a backslash' };
	let parsed: URL;
	try {
		// The WHATWG parser lowercases scheme and host, drops the default port (also written
		// ":0443") and resolves "." and ".." segments (also written as %2e), which is the
		// normalisation Amazon asks for.
		parsed = new URL(header);
	} catch {
		return { problem: 'SignatureCertChainUrl is not a URL' };
	}
	if (parsed.protocol !== CERTIFICATE_URL.protocol) {
		return {
			problem: `SignatureCertChainUrl must use https, not ${parsed.protocol.replace(':', '')}`,
		};
	}
	// A user name or password would be sent to S3 as Basic authentication.
	if (parsed.username !== '' || parsed.password !== '') {
		return { problem: 'SignatureCertChainUrl must not hold a user name or password' };
	}
	if (parsed.hostname !== CERTIFICATE_URL.hostname) {
		return {
			problem: `SignatureCertChainUrl must be on ${CERTIFICATE_URL.hostname}, not ${parsed.hostname}`,
		};
	}
	if (!parsed.pathname.startsWith(CERTIFICATE_URL.pathPrefix)) {
		return { problem: `SignatureCertChainUrl path must start with ${CERTIFICATE_URL.pathPrefix}` };
	}
	if (parsed.port !== '' && parsed.port !== CERTIFICATE_URL.port) {
		return {
			problem: `SignatureCertChainUrl port must be ${CERTIFICATE_URL.port}, not ${parsed.port}`,
		};
	}
	return { url: `${parsed.origin}${parsed.pathname}` };
}
