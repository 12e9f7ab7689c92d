/**
 * A stand-in for s3.amazonaws.com over TLS, serving signing certificate chains under
 * /echo.api/. The node fetches from the real host name on port 443 (Amazon's URL rules allow no
 * other), so the stand-in listens on port 443 of a loopback address of its own, the name
 * s3.amazonaws.com resolves there (in this process, through dns.lookup, which Node's https
 * client uses), and its TLS certificate's root is added to this process's trusted CAs.
 *
 * A real n8n is pointed at it the same way from outside: see amazonHostsHook.mts.
 */
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';

import { issueCertificate, type TestCertificate } from './certificates.mts';
import { routeHosts } from './routeHosts.mts';

export const S3_HOST = 's3.amazonaws.com';

/** The SignatureCertChainUrl of a chain the stand-in serves at `path`, as Alexa would send it. */
export const chainUrl = (path: string) => `https://${S3_HOST}${path}`;

export interface S3StandIn {
	address: string;
	/** The URL of a chain stored under this path (which should start with /echo.api/). */
	put(path: string, pem: string): void;
	/** GET requests per path. */
	fetches: Map<string, number>;
	/** Answer this path with an HTTP status instead of the chain. */
	failWith: Map<string, number>;
	/** Answer this path yourself (redirects, slow or oversized answers). */
	respondWith: Map<string, http.RequestListener>;
	/** The Authorization header of each request that had one. */
	authorizations: string[];
	/** The TLS root a client must trust to reach the stand-in. */
	tlsRoot: TestCertificate;
	close(): Promise<void>;
}

export async function startS3StandIn(address = randomLoopbackAddress()): Promise<S3StandIn> {
	const tlsRoot = issueCertificate({
		commonName: 'Test TLS Root for Amazon hosts',
		isCertificateAuthority: true,
	});
	const serverCertificate = issueCertificate({
		commonName: S3_HOST,
		issuer: tlsRoot,
		dnsNames: [S3_HOST],
	});
	const objects = new Map<string, string>();
	const fetches = new Map<string, number>();
	const failWith = new Map<string, number>();
	const respondWith = new Map<string, http.RequestListener>();
	const authorizations: string[] = [];
	const server = https.createServer(
		{
			key: serverCertificate.privateKey.export({ type: 'pkcs8', format: 'pem' }),
			cert: serverCertificate.pem + tlsRoot.pem,
		},
		(request, response) => {
			const path = new URL(request.url ?? '/', `https://${S3_HOST}`).pathname;
			fetches.set(path, (fetches.get(path) ?? 0) + 1);
			if (request.headers.authorization) authorizations.push(request.headers.authorization);
			const custom = respondWith.get(path);
			if (custom) return void custom(request, response);
			const failure = failWith.get(path);
			const object = objects.get(path);
			if (request.method !== 'GET' || failure || object === undefined) {
				response.writeHead(failure ?? 404, { 'content-type': 'application/xml' });
				response.end('<Error><Code>NoSuchKey</Code></Error>');
				return;
			}
			response.writeHead(200, { 'content-type': 'application/x-pem-file' });
			response.end(object);
		},
	);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(443, address, () => resolve());
	});
	const bound = (server.address() as AddressInfo).address;
	return {
		address: bound,
		put: (path, pem) => objects.set(path, pem),
		fetches,
		failWith,
		respondWith,
		authorizations,
		tlsRoot,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function randomLoopbackAddress(): string {
	const byte = () => 1 + Math.floor(Math.random() * 250);
	return `127.${byte()}.${byte()}.${byte()}`;
}

/** In this process: s3.amazonaws.com resolves to the stand-in, and its TLS root is trusted. */
export function routeS3ToStandIn(standIn: S3StandIn): void {
	routeHosts({ [S3_HOST]: standIn.address });
	tls.setDefaultCACertificates([...tls.getCACertificates('default'), standIn.tlsRoot.pem]);
}
