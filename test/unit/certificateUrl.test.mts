/**
 * The SignatureCertChainUrl rule (nodes/AlexaTrigger/verification/certificateUrl.ts), one case
 * per behaviour. The rule is Amazon's, "Host a Custom Skill as a Web Service", Verify the
 * signature certificate URL:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html#verify-request-sent-by-alexa
 * normalise the URL, then https and s3.amazonaws.com (case-insensitive), a path starting with
 * /echo.api/ (case-sensitive), and port 443 if a port is given. The cases marked "Amazon's
 * example" are the page's own valid and invalid URLs (docs/alexa-facts.md, "Requests to a skill
 * hosted as a web service").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { checkCertificateUrl } from '../../nodes/AlexaTrigger/verification/certificateUrl.ts';

const CHAIN = 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem';

interface Accepted {
	name: string;
	header: string;
	/** The URL the trigger fetches, which is also the chain cache's key. */
	fetches: string;
}

interface Refused {
	name: string;
	header: string;
	/** What the refusal must say, so that the log names the rule that failed. */
	problem: RegExp;
}

const accepted: Accepted[] = [
	{ name: "Amazon's example: the plain URL", header: CHAIN, fetches: CHAIN },
	{
		name: "Amazon's example: port 443 written out is the default port, dropped from the key",
		header: 'https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem',
		fetches: CHAIN,
	},
	{
		name: "Amazon's example: a '..' segment is resolved before the path is checked",
		header: 'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem',
		fetches: CHAIN,
	},
	{
		name: 'scheme and host in capitals are accepted and lowercased (case-insensitive)',
		header: 'HTTPS://S3.AmazonAWS.COM/echo.api/echo-api-cert.pem',
		fetches: CHAIN,
	},
	{
		name: 'port 443 written with a leading zero is still port 443',
		header: 'https://s3.amazonaws.com:0443/echo.api/echo-api-cert.pem',
		fetches: CHAIN,
	},
	{
		name: "a '..' written as %2e%2e is resolved like '..'",
		header: 'https://s3.amazonaws.com/echo.api/%2e%2e/echo.api/echo-api-cert.pem',
		fetches: CHAIN,
	},
	{
		name: "a '.' segment is resolved",
		header: 'https://s3.amazonaws.com/./echo.api/echo-api-cert.pem',
		fetches: CHAIN,
	},
	{
		name: 'the file name keeps its case: only the /echo.api/ prefix is fixed',
		header: 'https://s3.amazonaws.com/echo.api/Echo-API-Cert.PEM',
		fetches: 'https://s3.amazonaws.com/echo.api/Echo-API-Cert.PEM',
	},
	{
		name: 'the cache key drops the query: Amazon never sends one, and each variant must not be a fetch of its own',
		header: `${CHAIN}?version=2`,
		fetches: CHAIN,
	},
	{
		name: 'the cache key drops the fragment: "…pem#1" and "…pem#2" are one fetch',
		header: `${CHAIN}#1`,
		fetches: CHAIN,
	},
	{
		name: 'the cache key drops query and fragment together',
		header: `${CHAIN}?a=b#c`,
		fetches: CHAIN,
	},
];

const refused: Refused[] = [
	{
		name: "Amazon's example: http is refused",
		header: 'http://s3.amazonaws.com/echo.api/echo-api-cert.pem',
		problem: /must use https, not http$/,
	},
	{
		name: 'any other scheme is refused',
		header: 'wss://s3.amazonaws.com/echo.api/echo-api-cert.pem',
		problem: /must use https, not wss/,
	},
	{
		name: "Amazon's example: another host is refused",
		header: 'https://notamazon.com/echo.api/echo-api-cert.pem',
		problem: /must be on s3\.amazonaws\.com, not notamazon\.com/,
	},
	{
		name: 'a host that only starts with s3.amazonaws.com is refused',
		header: 'https://s3.amazonaws.com.example.net/echo.api/echo-api-cert.pem',
		problem: /must be on s3\.amazonaws\.com/,
	},
	{
		name: 'a host behind a "#@" trick is the host the parser sees, and refused',
		header: 'https://example.net#@s3.amazonaws.com/echo.api/echo-api-cert.pem',
		problem: /not example\.net/,
	},
	{
		name: "Amazon's example: the path prefix is case-sensitive (/EcHo.aPi/ is refused)",
		header: 'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem',
		problem: /path must start with \/echo\.api\//,
	},
	{
		name: "Amazon's example: another path is refused",
		header: 'https://s3.amazonaws.com/invalid.path/echo-api-cert.pem',
		problem: /path must start with \/echo\.api\//,
	},
	{
		name: "a '..' that leaves /echo.api/ is refused after normalisation",
		header: 'https://s3.amazonaws.com/echo.api/../other/echo-api-cert.pem',
		problem: /path must start with \/echo\.api\//,
	},
	{
		name: "a '..' written as %2E%2E that leaves /echo.api/ is refused after normalisation",
		header: 'https://s3.amazonaws.com/echo.api/%2E%2E/echo-api-cert.pem',
		problem: /path must start with \/echo\.api\//,
	},
	{
		name: '/echo.api without its slash is not the prefix',
		header: 'https://s3.amazonaws.com/echo.api',
		problem: /path must start with \/echo\.api\//,
	},
	{
		name: 'a double slash before echo.api is not the prefix',
		header: 'https://s3.amazonaws.com//echo.api/echo-api-cert.pem',
		problem: /path must start with \/echo\.api\//,
	},
	{
		name: "Amazon's example: port 563 is refused",
		header: 'https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem',
		problem: /port must be 443, not 563/,
	},
	{
		name: 'port 80 on https is refused',
		header: 'https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem',
		problem: /port must be 443, not 80/,
	},
	{
		name: 'a user name is refused: it would reach S3 as Basic authentication',
		header: 'https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem',
		problem: /must not hold a user name or password/,
	},
	{
		name: 'a user name and password are refused',
		header: 'https://user:secret@s3.amazonaws.com/echo.api/echo-api-cert.pem',
		problem: /must not hold a user name or password/,
	},
	{
		name: 'the Amazon host written as user info in front of another host is refused',
		header: 'https://s3.amazonaws.com@example.net/echo.api/echo-api-cert.pem',
		problem: /must not hold a user name or password/,
	},
	{
		name: 'a backslash is refused before parsing: the parser would read it as "/" and the log would show another URL',
		header: 'https://s3.amazonaws.com\\echo.api\\echo-api-cert.pem',
		problem: /must not contain a backslash/,
	},
	{
		name: 'a backslash in the path is refused',
		header: 'https://s3.amazonaws.com/echo.api/..\\..\\other.pem',
		problem: /must not contain a backslash/,
	},
	{ name: 'text that is not a URL is refused', header: 'not a url', problem: /is not a URL/ },
	{
		name: 'a relative URL is refused',
		header: '/echo.api/echo-api-cert.pem',
		problem: /is not a URL/,
	},
	{
		name: 'a port out of range makes it no URL',
		header: 'https://s3.amazonaws.com:65536/echo.api/echo-api-cert.pem',
		problem: /is not a URL/,
	},
];

describe('SignatureCertChainUrl rule', () => {
	describe('accepted, and the URL fetched (the cache key) is origin + normalised path', () => {
		for (const { name, header, fetches } of accepted) {
			it(name, () => {
				assert.deepEqual(checkCertificateUrl(header), { url: fetches });
			});
		}
	});

	describe('refused, saying which rule failed', () => {
		for (const { name, header, problem } of refused) {
			it(name, () => {
				const result = checkCertificateUrl(header);
				assert.ok('problem' in result, `accepted: ${JSON.stringify(result)}`);
				assert.match(result.problem, problem);
			});
		}
	});
});
