/**
 * Host names resolved to local stand-ins, as a hosts-file entry would: `dns.lookup` (what Node's
 * http and tls clients use) answers the given loopback address for each listed name and asks the
 * real resolver for every other. Used in this process (s3StandIn.mts) and, through
 * amazonHostsHook.mts, in a real n8n.
 */
import dns from 'node:dns';

export function routeHosts(hosts: Record<string, string>): void {
	const original = dns.lookup;
	function lookup(hostname: string, options: unknown, callback?: unknown): void {
		const done = (typeof options === 'function' ? options : callback) as (
			...args: unknown[]
		) => void;
		const wantsAll =
			typeof options === 'object' &&
			options !== null &&
			(options as { all?: boolean }).all === true;
		const address = hosts[hostname];
		if (address === undefined)
			return (original as (...args: unknown[]) => void)(hostname, options, callback);
		if (wantsAll) return done(null, [{ address, family: 4 }]);
		return done(null, address, 4);
	}
	dns.lookup = lookup as typeof dns.lookup;
}
