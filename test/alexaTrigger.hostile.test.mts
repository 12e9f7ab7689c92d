/**
 * The Alexa Trigger against hostile input: bodies of every shape, certificate URLs written to
 * slip past the rules, a certificate host that redirects, trickles, floods or lies, and chains
 * that almost lead to a trusted root. Every refused request gets HTTP 400 and starts no
 * execution; nothing a request names is fetched more often, for longer or in larger amounts than
 * the bounds in verification/amazonRules.ts (CERTIFICATE_FETCH) allow.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { days, issueCertificate } from './alexa-signer/certificates.mts';
import {
	API_ACCESS_TOKEN,
	canFulfillIntentRequest,
	inSession,
	intentRequest,
	LINKED_ACCOUNT_TOKEN,
	launchRequest,
	messageReceived,
	outOfSession,
	PERSON_ACCESS_TOKEN,
	sessionEndedRequest,
	SKILL_EVENT_TYPES,
	SKILL_ID,
	skillEvent,
	USER_ACCESS_TOKEN,
} from './alexa-signer/requests.mts';
import { chainUrl, type S3StandIn } from './alexa-signer/s3StandIn.mts';
import { alexaHeaders, makeTestPki } from './alexa-signer/signer.mts';
import {
	CHAIN_PATH,
	endpoint,
	pki,
	s3StandIn,
	sendSigned,
	stopS3StandIn,
} from './harness/alexaRequests.mts';
import { ManualClock } from './harness/fixtures.mts';
import { clock, trustedRoots } from './harness/modules.mts';
import type { TriggerEndpoint } from './harness/trigger.mts';

let s3: S3StandIn;
before(async () => {
	s3 = await s3StandIn();
});
after(stopS3StandIn);

const OTHER_SKILL_ID = 'amzn1.ask.skill.99999999-8888-7777-6666-555555555555';
const SECRETS = [API_ACCESS_TOKEN, USER_ACCESS_TOKEN, PERSON_ACCESS_TOKEN, LINKED_ACCOUNT_TOKEN];

async function expectRefused(
	target: TriggerEndpoint,
	answer: { status: number; body: unknown },
	reason: RegExp,
) {
	assert.equal(answer.status, 400, JSON.stringify(answer.body));
	assert.match(String((answer.body as { error?: string }).error), reason);
	// The harness records an execution once it finishes; give a started one time to show.
	await new Promise((resolve) => setTimeout(resolve, 20));
	assert.equal(target.executions.length, 0, 'a refused request must start no execution');
}

async function withEndpoint(check: (target: TriggerEndpoint) => Promise<void>, overrides = {}) {
	const target = await endpoint(overrides);
	try {
		await check(target);
	} finally {
		await target.close();
	}
}

const fetchesOf = (path: string) => s3.fetches.get(path) ?? 0;

/** Posts a body as it is, with a signature that matches nothing. */
function postUnsigned(
	target: TriggerEndpoint,
	rawBody: string,
	certificateUrl = chainUrl(CHAIN_PATH),
) {
	return target.post(rawBody, {
		'content-type': 'application/json',
		signaturecertchainurl: certificateUrl,
		'signature-256': 'AAAA',
	});
}

/** Signs a raw body (not necessarily JSON.stringify's) with the test chain. */
function postSignedRaw(target: TriggerEndpoint, rawBody: string) {
	return target.post(rawBody, alexaHeaders(rawBody, pki.signing.privateKey, chainUrl(CHAIN_PATH)));
}

describe('bodies of every shape, unsigned: 400 and no execution, never a crash', () => {
	const now = new Date().toISOString();
	const bodies: Array<[string, string]> = [
		['a type whose toString is not a function', '{"request":{"type":{"toString":0}}}'],
		['a type that is an array', '{"request":{"type":[]}}'],
		['a type that is a number', '{"request":{"type":7}}'],
		[
			'a timestamp whose toString is not a function',
			'{"request":{"type":"LaunchRequest","timestamp":{"toString":0}}}',
		],
		[
			'an applicationId whose toString is not a function',
			`{"request":{"type":"LaunchRequest","timestamp":"${now}"},"context":{"System":{"application":{"applicationId":{"toString":0}}}}}`,
		],
		[
			'a context that is a string',
			`{"request":{"type":"LaunchRequest","timestamp":"${now}"},"context":"System"}`,
		],
		[
			'a session that is null',
			`{"request":{"type":"LaunchRequest","timestamp":"${now}"},"session":null}`,
		],
		['a request that is a string', '{"request":"LaunchRequest"}'],
		['a request that is an array', '{"request":[{"type":"LaunchRequest"}]}'],
		['a __proto__ key', `{"__proto__":{"request":{"type":"LaunchRequest","timestamp":"${now}"}}}`],
		['an array', '[]'],
		['null', 'null'],
		['a string', '"LaunchRequest"'],
		['a number', '1'],
		['not JSON', '{"request":'],
	];
	for (const [label, body] of bodies) {
		test(`refuses ${label}`, async () => {
			await withEndpoint(async (target) => {
				const answer = await postUnsigned(target, body);
				await expectRefused(target, answer, /./);
				assert.doesNotMatch(answer.text, /toString|TypeError/);
			});
		});
	}
});

describe('bodies of odd shapes, signed: read by type, never a crash', () => {
	test('an intent name and slots of the wrong types: the workflow starts, the odd fields are left out', async () => {
		await withEndpoint(
			async (target) => {
				const envelope = inSession({
					type: 'IntentRequest',
					intent: { name: { toString: 0 }, slots: [1, 2] },
				});
				(envelope.session as Record<string, unknown>).attributes = 'not an object';
				const answer = await sendSigned(target, envelope);
				assert.equal(answer.status, 200, answer.text);
				assert.equal(target.executions.length, 1);
				const item = target.executions[0]!.triggerItems[0]!.json;
				assert.equal(item.intentName, undefined);
				assert.deepEqual(item.sessionAttributes, {});
			},
			{ events: ['intent'] },
		);
	});

	test('Intent Names set and an intent name that is an object: acknowledged, no execution', async () => {
		await withEndpoint(
			async (target) => {
				const answer = await sendSigned(
					target,
					inSession({ type: 'IntentRequest', intent: { name: { toString: 0 } } }),
				);
				assert.equal(answer.status, 200, answer.text);
				assert.equal(target.executions.length, 0);
			},
			{ events: ['intent'], intentNames: 'HelloIntent' },
		);
	});

	for (const [label, requestId] of [
		['no requestId', undefined],
		['an empty requestId', ''],
		['a requestId that is a number', 7],
		['a requestId whose toString is not a function', { toString: 0 }],
	] as const) {
		test(`${label}, however well signed, is refused: a replay of it could not be told`, async () => {
			await withEndpoint(async (target) => {
				const envelope = launchRequest() as { request: Record<string, unknown> };
				envelope.request.requestId = requestId;
				const answer = await sendSigned(target, envelope);
				await expectRefused(target, answer, /the request has no requestId/);
				assert.doesNotMatch(answer.text, /toString|TypeError/);
			});
		});
	}

	test('a byte order mark before the JSON is refused as not JSON', async () => {
		await withEndpoint(async (target) => {
			await expectRefused(
				target,
				await postSignedRaw(target, `\uFEFF${JSON.stringify(launchRequest())}`),
				/not JSON/,
			);
		});
	});

	test('duplicate keys: the last one counts, for the checks as for the workflow', async () => {
		const ours = JSON.stringify(launchRequest());
		const theirs = JSON.stringify(launchRequest({ skillId: OTHER_SKILL_ID }));
		const contextOf = (json: string) =>
			JSON.stringify((JSON.parse(json) as { context: unknown }).context);
		const sessionOf = (json: string) =>
			JSON.stringify((JSON.parse(json) as { session: unknown }).session);
		await withEndpoint(async (target) => {
			// Another skill's context and session last: refused as another skill's request.
			const othersLast = ours.replace(
				/\}$/,
				`,"session":${sessionOf(theirs)},"context":${contextOf(theirs)}}`,
			);
			await expectRefused(
				target,
				await postSignedRaw(target, othersLast),
				/skill ID this trigger does not serve/,
			);
		});
		await withEndpoint(async (target) => {
			// Ours last: accepted, and the workflow sees the skill ID that was checked.
			const oursLast = theirs.replace(
				/\}$/,
				`,"session":${sessionOf(ours)},"context":${contextOf(ours)}}`,
			);
			const answer = await postSignedRaw(target, oursLast);
			assert.equal(answer.status, 200, answer.text);
			assert.equal(target.executions[0]!.triggerItems[0]!.json.applicationId, SKILL_ID);
		});
	});
});

describe('session and context name the skill', () => {
	test('a context for another skill and a session for this one is refused', async () => {
		const envelope = launchRequest();
		(
			envelope.context.System as { application: { applicationId: string } }
		).application.applicationId = OTHER_SKILL_ID;
		await withEndpoint(async (target) => {
			await expectRefused(
				target,
				await sendSigned(target, envelope),
				/two different applicationIds/,
			);
		});
	});

	test('a session for another skill and a context for this one is refused', async () => {
		const envelope = launchRequest();
		envelope.session.application.applicationId = OTHER_SKILL_ID;
		await withEndpoint(async (target) => {
			await expectRefused(
				target,
				await sendSigned(target, envelope),
				/two different applicationIds/,
			);
		});
	});

	test('a session alone (no context) naming this skill is accepted', async () => {
		const envelope: Record<string, unknown> = launchRequest();
		delete envelope.context;
		await withEndpoint(async (target) => {
			const answer = await sendSigned(target, envelope);
			assert.equal(answer.status, 200, answer.text);
		});
	});
});

describe('timestamps', () => {
	const at = (ageSeconds: number) => new Date(Date.now() - ageSeconds * 1000);
	const withTimestamp = (envelope: ReturnType<typeof launchRequest>, timestamp: string) => {
		envelope.request.timestamp = timestamp;
		return envelope;
	};

	test('a timestamp without a time zone is refused', async () => {
		const local = new Date().toISOString().replace(/\.\d{3}Z$/, '');
		await withEndpoint(async (target) => {
			await expectRefused(
				target,
				await sendSigned(target, withTimestamp(launchRequest(), local)),
				/with a time zone/,
			);
		});
	});

	test('a timestamp with an offset instead of Z is read in its zone', async () => {
		const inBerlin = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+01:00');
		await withEndpoint(async (target) => {
			const answer = await sendSigned(target, withTimestamp(launchRequest(), inBerlin));
			assert.equal(answer.status, 200, answer.text);
		});
	});

	test('a date in another form than ISO 8601 is refused', async () => {
		await withEndpoint(async (target) => {
			await expectRefused(
				target,
				await sendSigned(target, withTimestamp(launchRequest(), new Date().toUTCString())),
				/ISO 8601/,
			);
		});
	});

	const hourLong = [
		'SkillEnabled',
		'SkillDisabled',
		'SkillPermissionAccepted',
		'SkillPermissionChanged',
		'SkillAccountLinked',
	];
	for (const name of hourLong) {
		test(`AlexaSkillEvent.${name} 50 minutes old is accepted (one hour, as the ASK SDK)`, async () => {
			await withEndpoint(
				async (target) => {
					const answer = await sendSigned(
						target,
						skillEvent(`AlexaSkillEvent.${name}`, {}, { timestamp: at(3000) }),
					);
					assert.equal(answer.status, 200, answer.text);
				},
				{ events: [] },
			);
		});
	}
	for (const type of [
		'AlexaSkillEvent.ProactiveSubscriptionChanged',
		'AlexaSkillEvent.SomethingAmazonAddsLater',
	]) {
		test(`${type} 10 minutes old is refused (150 s)`, async () => {
			await withEndpoint(async (target) => {
				await expectRefused(
					target,
					await sendSigned(target, skillEvent(type, {}, { timestamp: at(600) })),
					/\d+ s old \(at most 150 s\)/,
				);
			});
		});
	}
});

describe('SignatureCertChainUrl written to slip past the rules', () => {
	const refused: Array<[string, RegExp]> = [
		['https://s3.amazonaws.com/echo.api/%2e%2e/evil.pem', /path must start with \/echo\.api\//],
		['https://s3.amazonaws.com\\echo.api\\echo-api-cert-test.pem', /backslash/],
		['https://s3.amazonaws.com/echo.api\\..\\evil.pem', /backslash/],
		[
			'https://user:secret@s3.amazonaws.com/echo.api/echo-api-cert-test.pem',
			/user name or password/,
		],
		['https://user@s3.amazonaws.com/echo.api/echo-api-cert-test.pem', /user name or password/],
		['https://s3.amazonaws.com./echo.api/echo-api-cert-test.pem', /must be on s3\.amazonaws\.com/],
		['https://s3.amazonaws.com:0/echo.api/echo-api-cert-test.pem', /port must be 443/],
	];
	for (const [url, reason] of refused) {
		test(`refuses ${url}, fetching nothing`, async () => {
			s3.authorizations.length = 0;
			const fetchesBefore = [...s3.fetches.values()].reduce((sum, count) => sum + count, 0);
			await withEndpoint(async (target) => {
				await expectRefused(
					target,
					await sendSigned(target, launchRequest(), { certificateUrl: url }),
					reason,
				);
			});
			assert.equal(
				[...s3.fetches.values()].reduce((sum, count) => sum + count, 0),
				fetchesBefore,
			);
			assert.deepEqual(s3.authorizations, [], 'no user name or password reaches S3');
		});
	}

	test('the same chain written with :0443, %2e segments, a query or a fragment is one cache entry: one fetch', async () => {
		const forms = [
			chainUrl(CHAIN_PATH),
			`https://s3.amazonaws.com:0443${CHAIN_PATH}`,
			`https://s3.amazonaws.com/echo.api/%2e%2e/echo.api/echo-api-cert-test.pem`,
			`${chainUrl(CHAIN_PATH)}?versionId=1`,
			`${chainUrl(CHAIN_PATH)}#fragment`,
		];
		await withEndpoint(async (target) => {
			const before = fetchesOf(CHAIN_PATH);
			for (const url of forms) {
				const answer = await sendSigned(target, launchRequest(), { certificateUrl: url });
				assert.equal(answer.status, 200, `${url}: ${answer.text}`);
			}
			assert.equal(fetchesOf(CHAIN_PATH) - before, 1);
		});
	});

	test('60 unsigned requests naming the chain with 60 fragments and queries cause one fetch', async () => {
		await withEndpoint(async (target) => {
			const before = fetchesOf(CHAIN_PATH);
			const body = JSON.stringify(launchRequest());
			for (let index = 0; index < 60; index++) {
				const url =
					index % 2 ? `${chainUrl(CHAIN_PATH)}#${index}` : `${chainUrl(CHAIN_PATH)}?n=${index}`;
				await expectRefused(
					target,
					await postUnsigned(target, body, url),
					/Signature-256 header does not match/,
				);
			}
			assert.equal(fetchesOf(CHAIN_PATH) - before, 1);
		});
	});
});

describe('the chain cache and the fetches are bounded', () => {
	test('at most 32 chains are kept: the least recently used one is fetched again', async () => {
		const paths = Array.from({ length: 33 }, (_, index) => `/echo.api/lru-${index}.pem`);
		for (const path of paths) s3.put(path, pki.chainPem);
		await withEndpoint(async (target) => {
			for (const path of paths) {
				const answer = await sendSigned(target, launchRequest(), {
					certificateUrl: chainUrl(path),
				});
				assert.equal(answer.status, 200, answer.text);
			}
			// The first chain was the least recently used when the 33rd came in.
			await sendSigned(target, launchRequest(), { certificateUrl: chainUrl(paths[0]!) });
			assert.equal(fetchesOf(paths[0]!), 2, 'the first chain left the cache');
			await sendSigned(target, launchRequest(), { certificateUrl: chainUrl(paths[32]!) });
			assert.equal(fetchesOf(paths[32]!), 1, 'the most recent chain is still cached');
		});
	});

	test('a failing URL is fetched at most once per 10 s, however many requests name it', async () => {
		const manual = new ManualClock();
		manual.nowMs = Date.now();
		clock.useClock(manual);
		try {
			await withEndpoint(async (target) => {
				const url = chainUrl('/echo.api/missing.pem');
				for (let index = 0; index < 20; index++) {
					await expectRefused(
						target,
						await sendSigned(target, launchRequest(), { certificateUrl: url }),
						/could not be fetched/,
					);
				}
				assert.equal(fetchesOf('/echo.api/missing.pem'), 1);
				manual.advance(10_000);
				await expectRefused(
					target,
					await sendSigned(target, launchRequest(), { certificateUrl: url }),
					/could not be fetched/,
				);
				assert.equal(fetchesOf('/echo.api/missing.pem'), 2);
			});
		} finally {
			clock.useClock();
		}
	});

	test('at most 4 chains are fetched at once; a request that would start a fifth is refused at once', async () => {
		const held: Array<() => void> = [];
		const paths = Array.from({ length: 6 }, (_, index) => `/echo.api/held-${index}.pem`);
		for (const path of paths) {
			s3.respondWith.set(path, (_request, response) => {
				held.push(() => response.writeHead(200).end(pki.chainPem));
			});
		}
		try {
			await withEndpoint(async (target) => {
				const waiting: Array<ReturnType<typeof sendSigned>> = [];
				for (const path of paths.slice(0, 4)) {
					waiting.push(sendSigned(target, launchRequest(), { certificateUrl: chainUrl(path) }));
					while (held.length < waiting.length)
						await new Promise((resolve) => setTimeout(resolve, 5));
				}
				for (const path of paths.slice(4)) {
					const answer = await sendSigned(target, launchRequest(), {
						certificateUrl: chainUrl(path),
					});
					assert.equal(answer.status, 400);
					assert.match(answer.text, /too many certificate chains are being fetched at once/);
				}
				for (const release of held) release();
				for (const answer of await Promise.all(waiting))
					assert.equal(answer.status, 200, answer.text);
				assert.deepEqual(paths.map(fetchesOf), [1, 1, 1, 1, 0, 0]);
			});
		} finally {
			for (const path of paths) s3.respondWith.delete(path);
		}
	});
});

describe('the certificate host misbehaves', () => {
	let plainServer: http.Server;
	let plainRequests = 0;
	let plainUrl: string;
	before(async () => {
		plainServer = http.createServer((_request, response) => {
			plainRequests++;
			response.writeHead(200).end(pki.chainPem);
		});
		await new Promise<void>((resolve) => plainServer.listen(0, '127.0.0.1', () => resolve()));
		plainUrl = `http://127.0.0.1:${(plainServer.address() as AddressInfo).port}/chain.pem`;
	});
	after(() => plainServer.close());

	function serve(path: string, listener: http.RequestListener) {
		s3.respondWith.set(path, listener);
	}

	test('a 302 to plain http on this machine is not followed', async () => {
		serve('/echo.api/redirect-http.pem', (_request, response) =>
			response.writeHead(302, { location: plainUrl }).end(),
		);
		await withEndpoint(async (target) => {
			const url = chainUrl('/echo.api/redirect-http.pem');
			await expectRefused(
				target,
				await sendSigned(target, launchRequest(), { certificateUrl: url }),
				/could not be fetched/,
			);
		});
		assert.equal(plainRequests, 0);
	});

	test('a 301 to another chain, even on S3, is not followed and nothing is cached', async () => {
		serve('/echo.api/moved.pem', (_request, response) =>
			response.writeHead(301, { location: chainUrl(CHAIN_PATH) }).end(),
		);
		await withEndpoint(async (target) => {
			const before = fetchesOf(CHAIN_PATH);
			const url = chainUrl('/echo.api/moved.pem');
			await expectRefused(
				target,
				await sendSigned(target, launchRequest(), { certificateUrl: url }),
				/could not be fetched/,
			);
			assert.equal(fetchesOf(CHAIN_PATH), before);
		});
	});

	test('an answer over 64 KiB is refused without being read to the end', async () => {
		const padding = 'x'.repeat(1024);
		let written = 0;
		serve('/echo.api/huge.pem', (_request, response) => {
			response.writeHead(200);
			response.write(pki.chainPem);
			// Up to 32 MiB of padding, written only as fast as the reader takes it (socket buffers
			// hold a few MiB at most).
			const more = () => {
				while (written < 32_768) {
					written++;
					if (!response.write(padding)) return void response.once('drain', more);
				}
				response.end();
			};
			more();
		});
		await withEndpoint(async (target) => {
			await expectRefused(
				target,
				await sendSigned(target, launchRequest(), {
					certificateUrl: chainUrl('/echo.api/huge.pem'),
				}),
				/could not be fetched/,
			);
			assert.ok(
				target.logs.some((line) => /larger than 65536 bytes/.test(line)),
				target.logs.join('\n'),
			);
		});
		assert.ok(
			written < 32_768,
			`the trigger stopped reading (the server wrote ${written} KiB of 32768)`,
		);
	});

	test('a host that sends one byte at a time is given one deadline for the whole fetch', async () => {
		let timer: NodeJS.Timeout | undefined;
		serve('/echo.api/trickle.pem', (_request, response) => {
			response.writeHead(200);
			const body = Buffer.from(pki.chainPem);
			let sent = 0;
			timer = setInterval(() => {
				if (sent >= body.length || response.destroyed) return void clearInterval(timer);
				response.write(body.subarray(sent, ++sent));
			}, 100);
		});
		try {
			await withEndpoint(async (target) => {
				const started = Date.now();
				const answers = await Promise.all(
					[1, 2, 3].map(() =>
						sendSigned(target, launchRequest(), {
							certificateUrl: chainUrl('/echo.api/trickle.pem'),
						}),
					),
				);
				const took = Date.now() - started;
				for (const answer of answers) assert.equal(answer.status, 400, answer.text);
				// The deadline is 3 s; the host would have taken over 5 minutes to send the chain.
				assert.ok(took < 15_000, `refused after ${took} ms`);
				assert.equal(
					fetchesOf('/echo.api/trickle.pem'),
					1,
					'the waiting requests share the one fetch',
				);
			});
		} finally {
			clearInterval(timer);
		}
	});

	test('many BEGIN lines without an END are parsed in linear time', () => {
		const bomb = '-----BEGIN CERTIFICATE-----\n'.repeat(40_000);
		const started = process.hrtime.bigint();
		assert.deepEqual(trustedRoots.parsePemCertificates(bomb), []);
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		// Linear: a few milliseconds for 1.1 MB. The quadratic parser took minutes.
		assert.ok(ms < 2_000, `${ms} ms`);
	});

	test('a chain answer of BEGIN lines is refused quickly', async () => {
		serve('/echo.api/bomb.pem', (_request, response) =>
			response.writeHead(200).end('-----BEGIN CERTIFICATE-----\n'.repeat(2_000)),
		);
		await withEndpoint(async (target) => {
			await expectRefused(
				target,
				await sendSigned(target, launchRequest(), {
					certificateUrl: chainUrl('/echo.api/bomb.pem'),
				}),
				/did not return a PEM certificate chain/,
			);
		});
	});

	test('the refusal names the check, the log keeps what S3 answered', async () => {
		await withEndpoint(async (target) => {
			const answer = await sendSigned(target, launchRequest(), {
				certificateUrl: chainUrl('/echo.api/not-there.pem'),
			});
			await expectRefused(
				target,
				answer,
				/^Request refused: the certificate chain could not be fetched$/,
			);
			assert.doesNotMatch(answer.text, /status code|404|not-there/);
			assert.ok(
				target.logs.some((line) => /not-there\.pem.*404/.test(line)),
				target.logs.join('\n'),
			);
		});
	});
});

describe('chains that almost lead to a trusted root', () => {
	async function withChain(
		path: string,
		chainPem: string,
		check: (target: TriggerEndpoint) => Promise<void>,
	) {
		s3.put(path, chainPem);
		await withEndpoint(check);
	}

	test('a signing certificate whose dates cannot be read ("Bad time value") is refused', async () => {
		const intermediate = pki.intermediate;
		const leaf = issueCertificate({
			commonName: 'echo-api.amazon.com',
			issuer: intermediate,
			dnsNames: ['echo-api.amazon.com'],
			notAfterText: '261399000000Z',
		});
		await withChain('/echo.api/bad-time.pem', leaf.pem + intermediate.pem, async (target) => {
			const answer = await sendSigned(target, launchRequest(), {
				signingKey: leaf.privateKey,
				certificateUrl: chainUrl('/echo.api/bad-time.pem'),
			});
			await expectRefused(
				target,
				answer,
				/validity dates of the signing certificate cannot be read/,
			);
		});
	});

	test('a chain in the wrong order (intermediate first) is refused', async () => {
		await withChain(
			'/echo.api/reversed.pem',
			pki.intermediate.pem + pki.signing.pem,
			async (target) => {
				await expectRefused(
					target,
					await sendSigned(target, launchRequest(), {
						certificateUrl: chainUrl('/echo.api/reversed.pem'),
					}),
					/does not name echo-api\.amazon\.com/,
				);
			},
		);
	});

	test('a chain with an unrelated certificate after the intermediate is refused', async () => {
		const unrelated = issueCertificate({
			commonName: 'Unrelated CA',
			isCertificateAuthority: true,
		});
		await withChain('/echo.api/extra-after.pem', pki.chainPem + unrelated.pem, async (target) => {
			await expectRefused(
				target,
				await sendSigned(target, launchRequest(), {
					certificateUrl: chainUrl('/echo.api/extra-after.pem'),
				}),
				/certificate 2 of the chain is not signed by certificate 3/,
			);
		});
	});

	test('a chain with an unrelated certificate between signing certificate and intermediate is refused', async () => {
		const unrelated = issueCertificate({
			commonName: 'Unrelated CA',
			isCertificateAuthority: true,
		});
		await withChain(
			'/echo.api/extra-between.pem',
			pki.signing.pem + unrelated.pem + pki.intermediate.pem,
			async (target) => {
				await expectRefused(
					target,
					await sendSigned(target, launchRequest(), {
						certificateUrl: chainUrl('/echo.api/extra-between.pem'),
					}),
					/not signed by certificate 2/,
				);
			},
		);
	});

	test('a chain that ends with the trusted root itself is accepted', async () => {
		await withChain('/echo.api/with-root.pem', pki.chainPem + pki.root.pem, async (target) => {
			const answer = await sendSigned(target, launchRequest(), {
				certificateUrl: chainUrl('/echo.api/with-root.pem'),
			});
			assert.equal(answer.status, 200, answer.text);
		});
	});

	test('an expired intermediate is refused', async () => {
		const oldIntermediate = issueCertificate({
			commonName: 'Expired Intermediate',
			isCertificateAuthority: true,
			issuer: pki.root,
			notBefore: days(-60),
			notAfter: days(-1),
		});
		const leaf = issueCertificate({
			commonName: 'echo-api.amazon.com',
			issuer: oldIntermediate,
			dnsNames: ['echo-api.amazon.com'],
		});
		await withChain(
			'/echo.api/expired-intermediate.pem',
			leaf.pem + oldIntermediate.pem,
			async (target) => {
				const answer = await sendSigned(target, launchRequest(), {
					signingKey: leaf.privateKey,
					certificateUrl: chainUrl('/echo.api/expired-intermediate.pem'),
				});
				await expectRefused(target, answer, /certificate 2 of the chain expired/);
			},
		);
	});
});

describe('signature headers', () => {
	test('a good Signature-256 is enough when the old SHA-1 Signature header is also there and wrong', async () => {
		await withEndpoint(async (target) => {
			const answer = await sendSigned(target, launchRequest(), {
				headers: (headers) => ({ ...headers, signature: 'AAAA' }),
			});
			assert.equal(answer.status, 200, answer.text);
		});
	});

	test('the old SHA-1 Signature header alone, however good, is refused', async () => {
		await withEndpoint(async (target) => {
			const answer = await sendSigned(target, launchRequest(), {
				headers: ({ 'signature-256': good, ...rest }) => ({ ...rest, signature: good! }),
			});
			await expectRefused(target, answer, /Signature-256 header is missing/);
		});
	});

	test('a Signature-256 made with the SHA-1 digest is refused', async () => {
		const { createSign } = await import('node:crypto');
		await withEndpoint(async (target) => {
			const envelope = launchRequest();
			const sha1 = createSign('RSA-SHA1')
				.update(JSON.stringify(envelope))
				.sign(pki.signing.privateKey)
				.toString('base64');
			const answer = await sendSigned(target, envelope, {
				headers: (headers) => ({ ...headers, 'signature-256': sha1 }),
			});
			await expectRefused(target, answer, /does not match the request body/);
		});
	});
});

describe('tokens and one-time codes never reach an execution unless asked for', () => {
	const allEvents = [
		'launch',
		'intent',
		'sessionEnded',
		'messageReceived',
		'skillEnabled',
		'skillDisabled',
		'skillAccountLinked',
		'skillPermissionAccepted',
		'skillPermissionChanged',
		'proactiveSubscriptionChanged',
		'canFulfillIntent',
		'other',
	];
	const withEverySecret = (envelope: Record<string, unknown>) => {
		const request = envelope.request as Record<string, unknown>;
		if (String(request.type).startsWith('AlexaSkillEvent.'))
			request.body = { ...(request.body as object), accessToken: LINKED_ACCOUNT_TOKEN };
		return envelope;
	};
	const requests: Array<[string, () => Record<string, unknown>]> = [
		['LaunchRequest', () => launchRequest()],
		['IntentRequest', () => intentRequest('HelloIntent')],
		['SessionEndedRequest', () => sessionEndedRequest()],
		['Messaging.MessageReceived', () => messageReceived({ text: 'hello' })],
		...SKILL_EVENT_TYPES.map((type): [string, () => Record<string, unknown>] => [
			type,
			() =>
				skillEvent(
					type,
					type.endsWith('SkillAccountLinked') ? { accessToken: LINKED_ACCOUNT_TOKEN } : {},
				),
		]),
		['CanFulfillIntentRequest', () => canFulfillIntentRequest()],
		[
			'Alexa.Presentation.APL.UserEvent',
			() =>
				outOfSession({
					type: 'Alexa.Presentation.APL.UserEvent',
					token: 'apl-token',
					arguments: [],
				}),
		],
	];
	assert.equal(requests.length, allEvents.length, 'one request per event the trigger offers');

	for (const [label, make] of requests) {
		test(`${label}: no token in the item, raw or eventBody with Include Access Tokens off`, async () => {
			await withEndpoint(
				async (target) => {
					const answer = await sendSigned(target, withEverySecret(make()));
					assert.equal(answer.status, 200, answer.text);
					assert.equal(target.executions.length, 1);
					const everything =
						JSON.stringify(target.executions[0]!.runData) + target.logs.join('\n') + answer.text;
					for (const secret of SECRETS)
						assert.ok(!everything.includes(secret), `${label} leaked ${secret.slice(0, 12)}…`);
				},
				{ events: allEvents },
			);
		});
	}

	test('AlexaSkillEvent.SkillAccountLinked keeps its token when Include Access Tokens is on', async () => {
		await withEndpoint(
			async (target) => {
				await sendSigned(
					target,
					skillEvent('AlexaSkillEvent.SkillAccountLinked', { accessToken: LINKED_ACCOUNT_TOKEN }),
				);
				const item = target.executions[0]!.triggerItems[0]!.json as {
					eventBody: { accessToken?: string };
				};
				assert.equal(item.eventBody.accessToken, LINKED_ACCOUNT_TOKEN);
			},
			{ events: allEvents, options: { includeAccessTokens: true } },
		);
	});
});
