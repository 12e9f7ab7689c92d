import type { IHttpRequestOptions } from 'n8n-workflow';

import { CERTIFICATE_FETCH } from './amazonRules';
import type { FetchText } from './certificateChain';

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

interface ByteStream extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
}

/**
 * The chain's GET, through n8n's own HTTP helper, bounded as a request from the internet
 * deserves (the bounds are data, in amazonRules' CERTIFICATE_FETCH):
 * - no redirect is followed: Amazon serves the chain at the URL it names, and a redirect could
 *   lead anywhere (another host, plain http, this machine);
 * - one deadline for the whole fetch, connection to last byte: a server that sends a byte now
 *   and then cannot hold the requests that wait for it;
 * - at most CERTIFICATE_FETCH.maxBytes are read; the rest is not downloaded.
 */
export function chainFetcher(httpRequest: HttpRequest): FetchText {
	return async (url) => {
		const deadline = AbortSignal.timeout(CERTIFICATE_FETCH.deadlineMs);
		const stream = (await httpRequest({
			method: 'GET',
			url,
			encoding: 'stream',
			json: false,
			disableFollowRedirect: true,
			timeout: CERTIFICATE_FETCH.deadlineMs,
			abortSignal: deadline,
		})) as ByteStream;
		const stop = () =>
			stream.destroy(new Error(`no complete answer within ${CERTIFICATE_FETCH.deadlineMs} ms`));
		if (deadline.aborted) stop();
		deadline.addEventListener('abort', stop, { once: true });
		try {
			const chunks: Buffer[] = [];
			let bytes = 0;
			for await (const chunk of stream) {
				const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				bytes += buffer.length;
				if (bytes > CERTIFICATE_FETCH.maxBytes) {
					stream.destroy();
					throw new Error(`the answer is larger than ${CERTIFICATE_FETCH.maxBytes} bytes`);
				}
				chunks.push(buffer);
			}
			return Buffer.concat(chunks).toString('utf8');
		} finally {
			deadline.removeEventListener('abort', stop);
		}
	};
}
