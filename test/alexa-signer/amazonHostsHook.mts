/**
 * Loaded into a real n8n with `NODE_OPTIONS=--import=<this file>`: the Amazon host names listed
 * in ALEXA_TEST_HOSTS (JSON, host → loopback address) resolve to the local stand-ins, as a
 * hosts-file entry would. The stand-ins' TLS root reaches n8n through NODE_EXTRA_CA_CERTS, so
 * n8n talks TLS to them under Amazon's names, as it would to Amazon.
 */
import dns from 'node:dns';

const hosts = JSON.parse(process.env.ALEXA_TEST_HOSTS ?? '{}') as Record<string, string>;
const original = dns.lookup;

function lookup(hostname: string, options: unknown, callback?: unknown): void {
	const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
	const wantsAll = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
	const address = hosts[hostname];
	if (address === undefined) return (original as (...args: unknown[]) => void)(hostname, options, callback);
	if (wantsAll) return done(null, [{ address, family: 4 }]);
	return done(null, address, 4);
}

dns.lookup = lookup as typeof dns.lookup;
