/**
 * verifyAlexaRequest (nodes/AlexaTrigger/verification/verifyRequest.ts) without a network: the
 * chain fetch is injected (`fetchText`), the chain is made here by test/alexa-signer's
 * certificate issuer under a test root passed as the Additional Trusted Root (decision 7,
 * docs/decisions/), and `now` is fixed. Every check is Amazon's "Verify that the request was sent
 * by Alexa" (Host a Custom Skill as a Web Service:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html#verify-request-sent-by-alexa;
 * docs/alexa-facts.md, "Requests to a skill hosted as a web service"), except the checks on the
 * body's shape: until the signature is checked the body is anybody's, so a hostile shape must be
 * refused with a reason, never throw.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';

import { forgetCertificateChains } from '../../nodes/AlexaTrigger/verification/certificateChain.ts';
import { seenRequestCount } from '../../nodes/AlexaTrigger/verification/seenRequests.ts';
import {
	applicationIdsOf,
	stringAt,
	verifyAlexaRequest,
	type RequestHeaders,
	type VerificationSettings,
} from '../../nodes/AlexaTrigger/verification/verifyRequest.ts';
import { issueCertificate, type IssueOptions } from '../alexa-signer/certificates.mts';
import { ECHO_API_DOMAIN, signatureOf } from '../alexa-signer/signer.mts';

const NOW = Date.UTC(2026, 11, 6, 7, 0, 0);
const YEAR = 365 * 24 * 60 * 60 * 1000;
const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000001';
const OTHER_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000002';
const CHAIN_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';

/** Certificates valid from a year before NOW to a year after, whatever day the tests run. */
const inDate = { notBefore: new Date(NOW - YEAR), notAfter: new Date(NOW + YEAR) };
const root = issueCertificate({
	commonName: 'Unit Test Alexa Root CA',
	isCertificateAuthority: true,
	...inDate,
});
const intermediate = issueCertificate({
	commonName: 'Unit Test Alexa Intermediate CA',
	isCertificateAuthority: true,
	issuer: root,
	...inDate,
});
function signingCertificate(options: Partial<IssueOptions> = {}) {
	return issueCertificate({
		commonName: ECHO_API_DOMAIN,
		issuer: intermediate,
		dnsNames: [ECHO_API_DOMAIN],
		...inDate,
		...options,
	});
}
const signing = signingCertificate();
/** What S3 serves: the signing certificate, then the intermediate (the root is not served). */
const chainPem = signing.pem + intermediate.pem;

/** An IntentRequest as Alexa sends one inside a session: applicationId in context and session. */
function intentRequest(
	overrides: {
		request?: Record<string, unknown>;
		applicationIds?: { context?: unknown; session?: unknown };
	} = {},
) {
	const ids = { context: SKILL_ID, session: SKILL_ID, ...overrides.applicationIds };
	return {
		version: '1.0',
		session: {
			new: false,
			sessionId: 'amzn1.echo-api.session.1',
			application: { applicationId: ids.session },
			user: { userId: 'amzn1.ask.account.1' },
		},
		context: {
			System: {
				application: { applicationId: ids.context },
				user: { userId: 'amzn1.ask.account.1' },
			},
		},
		request: {
			type: 'IntentRequest',
			// A fresh one each time: the trigger refuses an ID it has verified before (a replay).
			requestId: `amzn1.echo-api.request.${crypto.randomUUID()}`,
			timestamp: new Date(NOW).toISOString(),
			locale: 'en-US',
			intent: { name: 'HelloIntent', confirmationStatus: 'NONE' },
			...overrides.request,
		},
	};
}

let fetched: string[];
function settings(overrides: Partial<VerificationSettings> = {}): VerificationSettings {
	return {
		skillIds: [SKILL_ID],
		additionalTrustedRoot: root.pem,
		fetchText: async (url) => {
			fetched.push(url);
			return chainPem;
		},
		now: NOW,
		...overrides,
	};
}

/** A raw body signed with the signing certificate's key, with the headers Alexa sends. */
function signed(
	body: unknown,
	key: crypto.KeyObject = signing.privateKey,
): { rawBody: Buffer; headers: RequestHeaders } {
	const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	return {
		rawBody,
		headers: { signaturecertchainurl: CHAIN_URL, 'signature-256': signatureOf(rawBody, key) },
	};
}

async function reasonFor(
	rawBody: Buffer | undefined,
	headers: RequestHeaders,
	options: Partial<VerificationSettings> = {},
) {
	const verification = await verifyAlexaRequest(rawBody, headers, settings(options));
	return verification.verified ? '(verified)' : verification.reason;
}

beforeEach(() => {
	// The chain cache is per process; each case starts without one.
	forgetCertificateChains();
	fetched = [];
});

describe('verifyAlexaRequest', () => {
	it('verifies a request signed by the chain at the URL, for the served skill, and hands back its envelope', async () => {
		const body = intentRequest();
		const { rawBody, headers } = signed(body);
		const verification = await verifyAlexaRequest(rawBody, headers, settings());
		assert.deepEqual(verification, {
			verified: true,
			envelope: body,
			requestType: 'IntentRequest',
		});
		assert.deepEqual(fetched, [CHAIN_URL]);
	});

	describe('headers', () => {
		// Each case signs a body of its own: one verified twice would be refused as a replay.
		const cases: Array<{
			name: string;
			headers: (headers: RequestHeaders) => RequestHeaders;
			reason: RegExp | 'verified';
		}> = [
			{
				name: 'no SignatureCertChainUrl is refused',
				headers: (headers) => ({ 'signature-256': headers['signature-256'] }),
				reason: /SignatureCertChainUrl header is missing/,
			},
			{
				name: 'a blank SignatureCertChainUrl counts as missing',
				headers: (headers) => ({ ...headers, signaturecertchainurl: '  ' }),
				reason: /SignatureCertChainUrl header is missing/,
			},
			{
				name: 'no Signature-256 is refused',
				headers: () => ({ signaturecertchainurl: CHAIN_URL }),
				reason: /Signature-256 header is missing/,
			},
			{
				name: 'the older SHA-1 Signature header is not read in place of Signature-256',
				headers: (headers) => ({
					signaturecertchainurl: CHAIN_URL,
					signature: headers['signature-256'],
				}),
				reason: /Signature-256 header is missing/,
			},
			{
				name: "a certificate URL that breaks Amazon's rule is refused with the rule",
				headers: (headers) => ({
					...headers,
					signaturecertchainurl: 'http://s3.amazonaws.com/echo.api/echo-api-cert.pem',
				}),
				reason: /must use https/,
			},
			{
				name: 'a header sent twice is read as its first value',
				headers: (headers) => ({
					...headers,
					signaturecertchainurl: [CHAIN_URL, 'https://example.net/'],
				}),
				reason: 'verified',
			},
			{
				name: 'spaces around a header value are ignored',
				headers: (headers) => ({ ...headers, signaturecertchainurl: ` ${CHAIN_URL} ` }),
				reason: 'verified',
			},
		];
		for (const { name, headers: change, reason } of cases) {
			it(name, async () => {
				const { rawBody, headers } = signed(intentRequest());
				const said = await reasonFor(rawBody, change(headers));
				if (reason === 'verified') assert.equal(said, '(verified)');
				else {
					assert.match(said, reason);
					assert.deepEqual(fetched, [], 'nothing is fetched for a request refused by its headers');
				}
			});
		}
	});

	describe('hostile body shapes are refused with a reason, before any fetch', () => {
		const cases: Array<{ name: string; body: string | unknown; reason: RegExp }> = [
			{ name: 'an empty body', body: '', reason: /has no body/ },
			{ name: 'a body that is not JSON', body: '{"request":', reason: /is not JSON/ },
			{ name: 'JSON null', body: 'null', reason: /has no request object/ },
			{ name: 'a JSON array', body: '[{"request":{}}]', reason: /has no request object/ },
			{ name: 'a JSON string', body: '"IntentRequest"', reason: /has no request object/ },
			{ name: 'no request field', body: { version: '1.0' }, reason: /has no request object/ },
			{
				name: 'request as an array',
				body: { request: [{ type: 'IntentRequest' }] },
				reason: /has no request object/,
			},
			{
				name: 'request as a string',
				body: { request: 'IntentRequest' },
				reason: /has no request object/,
			},
			{
				name: 'no request type',
				body: intentRequest({ request: { type: undefined } }),
				reason: /has no type/,
			},
			{
				name: 'an empty request type',
				body: intentRequest({ request: { type: '' } }),
				reason: /has no type/,
			},
			{
				name: 'request type as a number',
				body: intentRequest({ request: { type: 7 } }),
				reason: /has no type/,
			},
			{
				name: 'request type as an array',
				body: intentRequest({ request: { type: ['IntentRequest'] } }),
				reason: /has no type/,
			},
			{
				name: 'request type as an object whose toString is not a function (String() would throw)',
				body: intentRequest({ request: { type: { toString: 0 } } }),
				reason: /has no type/,
			},
			{
				name: 'no requestId (every request type has one)',
				body: intentRequest({ request: { requestId: undefined } }),
				reason: /has no requestId/,
			},
			{
				name: 'an empty requestId',
				body: intentRequest({ request: { requestId: '' } }),
				reason: /has no requestId/,
			},
			{
				name: 'a requestId as a number',
				body: intentRequest({ request: { requestId: 1 } }),
				reason: /has no requestId/,
			},
			{
				name: 'a requestId as an object whose toString is not a function',
				body: intentRequest({ request: { requestId: { toString: 0 } } }),
				reason: /has no requestId/,
			},
			{
				name: 'no timestamp',
				body: intentRequest({ request: { timestamp: undefined } }),
				reason: /has no timestamp/,
			},
			{
				name: 'a timestamp as an object',
				body: intentRequest({ request: { timestamp: { toString: 0, valueOf: 0 } } }),
				reason: /has no timestamp/,
			},
			{
				name: 'a timestamp 151 s old',
				body: intentRequest({ request: { timestamp: new Date(NOW - 151_000).toISOString() } }),
				reason: /151 s old/,
			},
			{
				name: 'context and session naming two different applicationIds (a workflow could read either)',
				body: intentRequest({ applicationIds: { context: SKILL_ID, session: OTHER_SKILL_ID } }),
				reason: /two different applicationIds/,
			},
			{
				name: 'context naming the served skill and session naming another',
				body: intentRequest({ applicationIds: { context: OTHER_SKILL_ID, session: SKILL_ID } }),
				reason: /two different applicationIds/,
			},
			{
				name: 'no applicationId anywhere',
				body: intentRequest({ applicationIds: { context: undefined, session: undefined } }),
				reason: /names no applicationId/,
			},
			{
				name: 'applicationId as an object is no applicationId',
				body: intentRequest({ applicationIds: { context: { toString: 0 }, session: undefined } }),
				reason: /names no applicationId/,
			},
			{
				name: 'an empty applicationId is no applicationId',
				body: intentRequest({ applicationIds: { context: '', session: undefined } }),
				reason: /names no applicationId/,
			},
			{
				name: 'a request for a skill this trigger does not serve',
				body: intentRequest({
					applicationIds: { context: OTHER_SKILL_ID, session: OTHER_SKILL_ID },
				}),
				reason: /skill ID this trigger does not serve/,
			},
			{
				name: 'a skill ID that differs only in case is another skill',
				body: intentRequest({
					applicationIds: { context: SKILL_ID.toUpperCase(), session: undefined },
				}),
				reason: /skill ID this trigger does not serve/,
			},
		];
		for (const { name, body, reason } of cases) {
			it(name, async () => {
				// Signed with the right key: each case is refused for its shape, not its signature.
				const { rawBody, headers } = signed(body);
				assert.match(await reasonFor(rawBody, headers), reason);
				assert.deepEqual(
					fetched,
					[],
					'a request refused before the signature check costs no fetch',
				);
			});
		}

		it('a missing body (not a Buffer) is refused', async () => {
			const { headers } = signed(intentRequest());
			assert.match(await reasonFor(undefined, headers), /has no body/);
		});
	});

	describe('skill ID check', () => {
		const cases: Array<{
			name: string;
			skillIds: string[];
			ids: { context?: unknown; session?: unknown };
			verified: boolean;
		}> = [
			{
				name: 'the ID in context and session, served',
				skillIds: [SKILL_ID],
				ids: {},
				verified: true,
			},
			{
				name: 'the ID in context only (out of session, as a skill event), served',
				skillIds: [SKILL_ID],
				ids: { session: undefined },
				verified: true,
			},
			{
				name: 'the ID in session only, served',
				skillIds: [SKILL_ID],
				ids: { context: undefined },
				verified: true,
			},
			{
				name: 'one of several served IDs',
				skillIds: [OTHER_SKILL_ID, SKILL_ID],
				ids: {},
				verified: true,
			},
			{
				name: 'no skill ID served: every request is refused',
				skillIds: [],
				ids: {},
				verified: false,
			},
			{
				name: "a served ID that is a prefix of the request's is another skill",
				skillIds: [SKILL_ID.slice(0, -1)],
				ids: {},
				verified: false,
			},
		];
		for (const { name, skillIds, ids, verified } of cases) {
			it(`${name}: ${verified ? 'verified' : 'refused'}`, async () => {
				const { rawBody, headers } = signed(intentRequest({ applicationIds: ids }));
				const said = await reasonFor(rawBody, headers, { skillIds });
				if (verified) assert.equal(said, '(verified)');
				else assert.match(said, /skill ID this trigger does not serve/);
			});
		}
	});

	describe('a request seen before (seenRequests.ts), checked after the signature', () => {
		const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

		it('the same signed request twice: verified, then refused as a replay', async () => {
			const { rawBody, headers } = signed(intentRequest());
			assert.equal(await reasonFor(rawBody, headers), '(verified)');
			assert.equal(
				await reasonFor(rawBody, headers, { now: NOW + 10_000 }),
				'the request was already received (its requestId was seen before)',
			);
		});

		it('a forged copy of a seen request is refused for its signature, and the memory is unchanged', async () => {
			const body = intentRequest();
			const { rawBody, headers } = signed(body);
			assert.equal(await reasonFor(rawBody, headers), '(verified)');
			const remembered = seenRequestCount();
			const forged = signed(body, stranger);
			assert.match(await reasonFor(forged.rawBody, forged.headers), /does not match/);
			assert.equal(seenRequestCount(), remembered);
			assert.match(await reasonFor(rawBody, headers), /already received/);
		});

		it('a request refused before the signature is not remembered', async () => {
			const body = intentRequest();
			const remembered = seenRequestCount();
			const forged = signed(body, stranger);
			assert.match(await reasonFor(forged.rawBody, forged.headers), /does not match/);
			assert.equal(seenRequestCount(), remembered);
			const { rawBody, headers } = signed(body);
			assert.equal(await reasonFor(rawBody, headers), '(verified)');
		});

		it('two copies arriving together: one verified, one refused', async () => {
			const { rawBody, headers } = signed(intentRequest());
			const said = await Promise.all([
				reasonFor(rawBody, headers),
				reasonFor(rawBody, headers),
				reasonFor(rawBody, headers),
			]);
			assert.deepEqual(said.sort(), [
				'(verified)',
				'the request was already received (its requestId was seen before)',
				'the request was already received (its requestId was seen before)',
			]);
		});
	});

	describe('signature', () => {
		it('a body signed by another key is refused', async () => {
			const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
			const { rawBody, headers } = signed(intentRequest(), stranger);
			assert.match(await reasonFor(rawBody, headers), /Signature-256 header does not match/);
		});

		it('a body changed by one byte after signing is refused', async () => {
			const { rawBody, headers } = signed(intentRequest());
			const changed = Buffer.from(rawBody.toString().replace('HelloIntent', 'HelloIntenT'));
			assert.match(await reasonFor(changed, headers), /does not match/);
		});

		it('the same JSON re-serialised with other spacing is refused: the signature covers the raw bytes', async () => {
			const body = intentRequest();
			const { headers } = signed(body);
			assert.match(
				await reasonFor(Buffer.from(JSON.stringify(body, null, 1)), headers),
				/does not match/,
			);
		});

		it('a SHA-1 signature in Signature-256 is refused', async () => {
			const { rawBody, headers } = signed(intentRequest());
			const sha1 = crypto.sign('RSA-SHA1', rawBody, signing.privateKey).toString('base64');
			assert.match(
				await reasonFor(rawBody, { ...headers, 'signature-256': sha1 }),
				/does not match/,
			);
		});

		it('a Signature-256 that is not base64 is refused without throwing', async () => {
			const { rawBody, headers } = signed(intentRequest());
			assert.match(
				await reasonFor(rawBody, { ...headers, 'signature-256': '!!!not base64!!!' }),
				/does not match/,
			);
		});
	});

	describe('the chain behind the URL (fetched through the injected fetchText)', () => {
		it('a chain that cannot be fetched is refused; the URL and the cause go to the log detail only', async () => {
			const { rawBody, headers } = signed(intentRequest());
			const verification = await verifyAlexaRequest(
				rawBody,
				headers,
				settings({
					fetchText: async () => {
						throw new Error('connect ECONNREFUSED');
					},
				}),
			);
			assert.equal(verification.verified, false);
			assert.ok(!verification.verified);
			assert.match(verification.reason, /could not be fetched/);
			assert.doesNotMatch(verification.reason, /s3\.amazonaws\.com|ECONNREFUSED/);
			assert.match(verification.detail ?? '', /echo-api-cert-test\.pem: connect ECONNREFUSED/);
		});

		it('an answer that is not PEM is refused', async () => {
			const { rawBody, headers } = signed(intentRequest());
			assert.match(
				await reasonFor(rawBody, headers, { fetchText: async () => '<html>Access Denied</html>' }),
				/did not return a PEM certificate chain/,
			);
		});

		it('the chain is fetched from the normalised URL, without query or fragment', async () => {
			const { rawBody, headers } = signed(intentRequest());
			await reasonFor(rawBody, {
				...headers,
				signaturecertchainurl:
					'HTTPS://S3.AMAZONAWS.COM:443/echo.api/../echo.api/echo-api-cert-test.pem?x#y',
			});
			assert.deepEqual(fetched, [CHAIN_URL]);
		});

		it('without the test root as Additional Trusted Root the chain leads to no trusted root', async () => {
			const { rawBody, headers } = signed(intentRequest());
			assert.match(
				await reasonFor(rawBody, headers, { additionalTrustedRoot: '' }),
				/does not lead to a trusted root/,
			);
		});

		it('an Additional Trusted Root that is not PEM is refused, naming the option', async () => {
			const { rawBody, headers } = signed(intentRequest());
			assert.match(
				await reasonFor(rawBody, headers, { additionalTrustedRoot: 'not a certificate' }),
				/Additional Trusted Root option is not a PEM certificate/,
			);
		});

		const signingCases: Array<{ name: string; options: Partial<IssueOptions>; reason: RegExp }> = [
			{
				name: 'a signing certificate without echo-api.amazon.com among its names',
				options: { dnsNames: ['example.net'] },
				reason: /does not name echo-api\.amazon\.com/,
			},
			{
				name: 'an expired signing certificate (Not After)',
				options: { notAfter: new Date(NOW - 1000) },
				reason: /signing certificate expired/,
			},
			{
				name: 'a signing certificate not valid yet (Not Before)',
				options: { notBefore: new Date(NOW + 60_000) },
				reason: /signing certificate is not valid yet/,
			},
		];
		for (const { name, options, reason } of signingCases) {
			it(`${name} is refused`, async () => {
				const certificate = signingCertificate(options);
				const { rawBody, headers } = signed(intentRequest(), certificate.privateKey);
				assert.match(
					await reasonFor(rawBody, headers, {
						fetchText: async () => certificate.pem + intermediate.pem,
					}),
					reason,
				);
			});
		}
	});
});

describe('applicationIdsOf and stringAt', () => {
	const cases: Array<{ name: string; envelope: Record<string, unknown>; ids: string[] }> = [
		{
			name: 'the same ID in context and session counts once',
			envelope: intentRequest(),
			ids: [SKILL_ID],
		},
		{
			name: 'two different IDs are both named, context first',
			envelope: intentRequest({ applicationIds: { session: OTHER_SKILL_ID } }),
			ids: [SKILL_ID, OTHER_SKILL_ID],
		},
		{
			name: 'a path through an array is no path',
			envelope: { context: { System: [{ application: { applicationId: SKILL_ID } }] } },
			ids: [],
		},
		{
			name: 'a path through null is no path',
			envelope: { context: null, session: { application: null } },
			ids: [],
		},
		{
			name: 'an inherited property is not read (only own properties)',
			envelope: {
				context: Object.create({ System: { application: { applicationId: SKILL_ID } } }) as Record<
					string,
					unknown
				>,
			},
			ids: [],
		},
		{
			name: 'a number is not an ID',
			envelope: { context: { System: { application: { applicationId: 1 } } } },
			ids: [],
		},
	];
	for (const { name, envelope, ids } of cases) {
		it(name, () => {
			assert.deepEqual(applicationIdsOf(envelope), ids);
		});
	}

	it('stringAt reads "__proto__" only as an own key written in JSON', () => {
		assert.equal(stringAt(JSON.parse('{"__proto__":{"x":"own"}}'), ['__proto__', 'x']), 'own');
		assert.equal(stringAt({}, ['__proto__']), undefined);
	});
});
