/** Failures of a request that got no HTTP answer at all. */

/** Node's error codes for a request that failed on the wire (no HTTP answer), in words. */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed before the answer came',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'the connection timed out',
	EPIPE: 'the connection was closed while sending',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};
const NETWORK_ERROR_CODES = Object.keys(NETWORK_FAILURES);

/**
 * Words for a network error code. Messages carry these rather than the code: n8n replaces any
 * error message that contains one of these codes with its own generic text.
 */
export function describeNetworkFailure(code: string): string {
	return NETWORK_FAILURES[code] ?? 'the request failed on the network';
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function networkErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && NETWORK_ERROR_CODES.includes(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const text = messageOf(error);
	return NETWORK_ERROR_CODES.find((code) => text.includes(code));
}
