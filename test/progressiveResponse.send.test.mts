/**
 * Progressive Response → Send, run through n8n's engine against the fake Alexa. The node sends
 * only to Amazon's own hosts, so the fake answers under those names over TLS
 * (`useFakeAlexa({ amazonHosts: true })`); no credential is given: each item carries the token of
 * the request Alexa sent the skill (`fake.openSkillRequest()`).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from './fake-alexa/server.mts';
import { runAlexaNode, type RunResult } from './harness/engine.mts';
import { alexaNodeModule, projectRoot } from './harness/modules.mts';
import {
	assertNoSecrets,
	installClock,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';
import { runAfterTrigger, triggerItem } from './harness/inSession.mts';
import { MAX_PROGRESSIVE_RESPONSES_PER_REQUEST as MAX_PER_REQUEST } from './fake-alexa/progressiveResponse.mts';

const SPEAK = { resource: 'progressiveResponse', operation: 'send', speech: 'One moment' };

const DIRECTIVES = '/v1/directives';

/** The Alexa Trigger's item, as the trigger builds it (read from dist/, not changed). */
const { outputItem } = createRequire(import.meta.url)(
	path.join(projectRoot, 'dist/nodes/AlexaTrigger/requests/outputItem.js'),
) as typeof import('../nodes/AlexaTrigger/requests/outputItem.ts');

const fakeAlexa = useFakeAlexa({ amazonHosts: true });
let fake: FakeAlexa;
let clock: ManualClock;
beforeEach(() => {
	fake = fakeAlexa();
	clock = installClock();
});

function send(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
): Promise<RunResult> {
	return runAlexaNode({
		parameters: { resource: 'progressiveResponse', operation: 'send', ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/**
 * What the Alexa node left in the execution: its output and error, and its run data. Not the rest
 * of `run.data`: the source node's items carry the token, as the trigger's item does.
 */
function alexaNodeRun(result: RunResult): unknown[] {
	return [result.output, result.error, result.run.data.resultData.runData.Alexa];
}

/** One request Alexa sent the skill, as the item the Alexa Trigger outputs for it, and a run. */
async function speak(speech: string, parameters: INodeParameters = {}) {
	const skill = fake.openSkillRequest();
	const result = await send({ speech, ...parameters }, { items: [skill] });
	return { skill, ...result };
}

describe('Progressive Response → Send: the request and the item', () => {
	it("posts a VoicePlayer.Speak directive to /v1/directives on the request's host, with its token", async () => {
		const skill = fake.openSkillRequest();
		const { output, error } = await send(
			{ speech: 'One moment, let me look that up.' },
			{ items: [skill] },
		);
		assert.equal(error, undefined);
		const [request] = fake.requestsTo(DIRECTIVES);
		assert.equal(fake.requests.length, 1);
		assert.equal(request.method, 'POST');
		assert.equal(request.host, 'api.amazonalexa.com');
		assert.equal(request.path, DIRECTIVES);
		assert.equal(request.headers.authorization, `Bearer ${skill.apiAccessToken}`);
		assert.match(String(request.headers['content-type']), /^application\/json/);
		assert.deepEqual(request.json, {
			header: { requestId: skill.requestId },
			directive: {
				type: 'VoicePlayer.Speak',
				speech: '<speak>One moment, let me look that up.</speak>',
			},
		});
		assert.equal(request.status, 204);
		assert.deepEqual(output, [
			{
				json: {
					sent: true,
					statusCode: 204,
					requestId: skill.requestId,
					speech: '<speak>One moment, let me look that up.</speak>',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it("works with its defaults on the Alexa Trigger's own item (Include Access Tokens on), and outputs no token", async () => {
		const skill = fake.openSkillRequest({ requestType: 'LaunchRequest' });
		const userAccessToken = 'Atza|user-access-token-0123456789abcdef';
		const envelope = {
			version: '1.0',
			session: {
				new: true,
				sessionId: 'amzn1.echo-api.session.1',
				application: { applicationId: 'amzn1.ask.skill.1' },
				user: { userId: 'amzn1.ask.account.1', accessToken: userAccessToken },
			},
			context: {
				System: {
					application: { applicationId: 'amzn1.ask.skill.1' },
					user: { userId: 'amzn1.ask.account.1', accessToken: userAccessToken },
					apiEndpoint: skill.apiEndpoint,
					apiAccessToken: skill.apiAccessToken,
				},
			},
			request: {
				type: 'LaunchRequest',
				requestId: skill.requestId,
				timestamp: new Date(clock.now()).toISOString(),
				locale: 'en-US',
			},
		};
		const item = outputItem(envelope, clock.now(), true);
		assert.equal(item.apiAccessToken, skill.apiAccessToken, 'the trigger gives the token');
		const { output, error, run } = await send(
			{ speech: 'Welcome back, one moment.' },
			{ items: [item] },
		);
		assert.equal(error, undefined);
		assert.equal(fake.progressiveResponses.length, 1);
		assert.equal(fake.progressiveResponses[0].requestId, skill.requestId);
		assert.deepEqual(Object.keys(output[0].json).sort(), [
			'requestId',
			'sent',
			'speech',
			'statusCode',
		]);
		assertNoSecrets(
			[output, run.data.resultData.runData.Alexa],
			[skill.apiAccessToken, userAccessToken],
		);
	});

	it('sends to the host Alexa named: Europe and both Far East hosts, whatever its case or a trailing slash', async () => {
		const hosts = ['api.eu.amazonalexa.com', 'api.fe.amazon.com', 'api.fe.amazonalexa.com'];
		for (const host of hosts) {
			const skill = fake.openSkillRequest({ host });
			const { error } = await send({ speech: 'One moment' }, { items: [skill] });
			assert.equal(error, undefined, host);
		}
		const skill = fake.openSkillRequest({ host: 'api.eu.amazonalexa.com' });
		const { error } = await send(
			{ speech: 'One moment' },
			{ items: [{ ...skill, apiEndpoint: 'HTTPS://API.EU.AMAZONALEXA.COM/' }] },
		);
		assert.equal(error, undefined);
		assert.deepEqual(
			fake.requestsTo(DIRECTIVES).map((request) => [request.host, request.status]),
			[...hosts, 'api.eu.amazonalexa.com'].map((host) => [host, 204]),
		);
	});

	it('escapes &, < and > in plain text and wraps it in <speak>', async () => {
		const { output } = await speak(`Tom & Jerry <3 > "quotes" 'too' <speak>`);
		const expected = `<speak>Tom &amp; Jerry &lt;3 &gt; "quotes" 'too' &lt;speak&gt;</speak>`;
		assert.equal(output[0]?.json.speech, expected);
		assert.deepEqual(
			fake.progressiveResponses.map((response) => response.speech),
			[expected],
		);
	});

	it('sends SSML as given, with <speak> added when it is missing', async () => {
		await speak('Hmm <break time="1s"/> let me see', { speechType: 'ssml' });
		const chime =
			'<speak><audio src="https://example.com/chime.mp3"/> One <emphasis level="strong">moment</emphasis>.</speak>';
		await speak(chime, { speechType: 'ssml' });
		assert.deepEqual(
			fake.progressiveResponses.map((response) => response.speech),
			['<speak>Hmm <break time="1s"/> let me see</speak>', chime],
		);
	});

	it('sends one directive per item, each with its own request, token and host, paired with its item', async () => {
		const skills = [
			fake.openSkillRequest(),
			fake.openSkillRequest({ host: 'api.eu.amazonalexa.com' }),
		];
		const { output, error } = await send({ speech: 'One moment' }, { items: skills });
		assert.equal(error, undefined);
		const sent = fake
			.requestsTo(DIRECTIVES)
			.map((request) => [
				request.host,
				request.headers.authorization,
				(request.json as { header: { requestId: string } }).header.requestId,
			]);
		assert.deepEqual(
			sent.sort(),
			skills
				.map((skill) => [
					new URL(skill.apiEndpoint).host,
					`Bearer ${skill.apiAccessToken}`,
					skill.requestId,
				])
				.sort(),
		);
		assert.deepEqual(
			output.map((item) => [item.json.requestId, item.pairedItem]),
			skills.map((skill, index) => [skill.requestId, { item: index }]),
		);
	});

	it('asks for no credential: the resource has no Authentication field, and runs with none', () => {
		const properties = new alexaNodeModule.Alexa().description.properties;
		const forResource = properties.filter((property) =>
			property.displayOptions?.show?.resource?.includes('progressiveResponse'),
		);
		assert.ok(forResource.some((property) => property.name === 'apiAccessToken'));
		assert.equal(
			forResource.find((property) => property.name === 'authentication'),
			undefined,
		);
		const delivery = properties.find((property) => property.name === 'delivery');
		assert.ok(
			!delivery?.displayOptions?.hide?.resource?.includes('progressiveResponse'),
			'Delivery Options apply',
		);
	});
});

describe("Progressive Response → Send: Alexa's answers", () => {
	it('turns a 400 into an error that says what to check, and does not resend it', async () => {
		fake.inject(DIRECTIVES, { status: 400, body: { message: 'Directive not valid.' } });
		const { error, output } = await speak('One moment');
		assert.ok(error);
		assert.deepEqual(output, []);
		assert.match(error.message, /refused the progressive response as not valid \(HTTP 400\)/);
		assert.match(String(error.description), /Request ID is the requestId/);
		assert.match(String(error.description), /Alexa said: "Directive not valid\."/);
		assert.equal(error.httpCode, '400');
		assert.equal(fake.requestsTo(DIRECTIVES).length, 1);
	});

	it("turns a 401 (a token Alexa does not know) into an error, sent once: the node cannot refresh Alexa's token", async () => {
		const skill = fake.openSkillRequest();
		const stale = `${skill.apiAccessToken}-stale`;
		const { error } = await send(
			{ speech: 'One moment' },
			{ items: [{ ...skill, apiAccessToken: stale }] },
		);
		assert.equal(error?.httpCode, '401');
		assert.match(error!.message, /did not accept the API access token \(HTTP 401\)/);
		assert.match(String(error!.description), /The node never refreshes it/);
		assert.doesNotMatch(String(error!.description), /Refresh Access Token/);
		assert.match(String(error!.description), /Alexa said: "Not Authorized\."/);
		assert.equal(fake.requestsTo(DIRECTIVES).length, 1);
		assertNoSecrets([error], [stale, skill.apiAccessToken]);
	});

	it('turns a 403 for a request already answered into an error that says why, sent once', async () => {
		const skill = fake.openSkillRequest();
		fake.answerSkillRequest(skill.requestId);
		const { error } = await send({ speech: 'One moment' }, { items: [skill] });
		assert.equal(error?.httpCode, '403');
		assert.match(
			error!.message,
			/does not take a progressive response for this request now \(HTTP 403\)/,
		);
		assert.match(
			String(error!.description),
			/LaunchRequest or IntentRequest it is still waiting for/,
		);
		assert.match(String(error!.description), /not allowed to send directives at the moment/);
		assert.equal(fake.requestsTo(DIRECTIVES).length, 1);
		assert.equal(fake.progressiveResponses.length, 0);
	});

	it('gets 403 for a request that is not a LaunchRequest or IntentRequest (its type not in the item), and for a request ID of another request', async () => {
		const { requestType: _unknownToTheNode, ...ended } = fake.openSkillRequest({
			requestType: 'SessionEndedRequest',
		});
		const first = await send({ speech: 'One moment' }, { items: [ended] });
		assert.equal(first.error?.httpCode, '403');
		const skill = fake.openSkillRequest();
		const other = fake.openSkillRequest();
		const second = await send(
			{ speech: 'One moment' },
			{ items: [{ ...skill, requestId: other.requestId }] },
		);
		assert.equal(second.error?.httpCode, '403');
		assert.match(String(second.error?.description), /Unrecognized requestId/);
		assert.equal(fake.progressiveResponses.length, 0);
	});

	for (const status of [429, 500, 502, 503, 504]) {
		it(`resends after ${status} with back-off (1 s, 2 s), and stops at the first 204`, async () => {
			fake.inject(DIRECTIVES, { status }, { status });
			const { output, error } = await speak('One moment');
			assert.equal(error, undefined);
			assert.equal(output[0]?.json.sent, true);
			assert.deepEqual(
				fake.requestsTo(DIRECTIVES).map((request) => request.status),
				[status, status, 204],
			);
			assert.deepEqual(clock.sleeps, [1000, 2000]);
		});
	}

	it("gives up after two resends, within Alexa's 8 s, even with Max Retries 3, and lists each attempt", async () => {
		fake.inject(
			DIRECTIVES,
			{ status: 429, body: { message: 'Rate exceeded' } },
			{ status: 503 },
			{ status: 500 },
			{ status: 500 },
		);
		const { error } = await speak('One moment', { delivery: { maxRetries: 3 } });
		assert.equal(error?.httpCode, '500');
		assert.match(error!.message, /Alexa had an internal error \(HTTP 500\)/);
		assert.match(
			String(error!.description),
			/Attempts: 1\) HTTP 429, 2\) HTTP 503, 3\) HTTP 500\./,
		);
		assert.equal(fake.requestsTo(DIRECTIVES).length, 3);
		assert.deepEqual(clock.sleeps, [1000, 2000]);
	});

	it("says what a 429 means, and honours the Delivery Options' Max Retries", async () => {
		fake.inject(DIRECTIVES, { status: 429, retryAfter: '1' });
		const { error } = await speak('One moment', { delivery: { maxRetries: 0 } });
		assert.equal(error?.httpCode, '429');
		assert.match(error!.message, /throttling progressive responses for this skill \(HTTP 429\)/);
		assert.match(String(error!.description), /Not resent, because Max Retries is 0\./);
		assert.equal(fake.requestsTo(DIRECTIVES).length, 1);
	});

	it('does not resend after a connection lost once sent: Alexa might speak twice', async () => {
		fake.inject(DIRECTIVES, { dropAfterHandling: true });
		const { error, skill } = await speak('One moment');
		assert.ok(error);
		assert.match(error.message, /^Could not reach Alexa/);
		assert.equal(fake.requestsTo(DIRECTIVES).length, 1);
		assert.equal(fake.progressiveResponses.length, 1, 'Alexa took it; its answer was lost');
		assertNoSecrets([error], [skill.apiAccessToken]);
	});

	it('keeps the token out of the error when Alexa echoes it in its answer', async () => {
		const skill = fake.openSkillRequest();
		fake.inject(DIRECTIVES, {
			status: 400,
			body: { message: `Directive not valid for token ${skill.apiAccessToken}` },
		});
		const result = await send({ speech: 'One moment' }, { items: [skill] });
		assert.equal(result.error?.httpCode, '400');
		assert.match(
			String(result.error?.description),
			/Alexa said: "Directive not valid for token \[redacted\]"/,
		);
		assertNoSecrets(alexaNodeRun(result), [skill.apiAccessToken]);
	});
});

describe('Progressive Response → Send: invalid input sends nothing and names the item and the field', () => {
	const TOKEN_MARK = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.';
	const cases: Array<{
		name: string;
		item?: (skill: IDataObject) => IDataObject;
		parameters?: INodeParameters;
		expect: RegExp;
		hint?: RegExp;
	}> = [
		{
			name: 'a missing request ID',
			item: (skill) => ({ ...skill, requestId: undefined }),
			expect: /^Item 0: Request ID is empty and no Alexa Trigger item gives one$/,
			hint: /requestId of the Alexa Trigger's item/,
		},
		{
			name: 'a request ID left empty, with none in the item either',
			item: (skill) => ({ ...skill, requestId: '' }),
			parameters: { requestId: '  ' },
			expect: /^Item 0: Request ID is empty and no Alexa Trigger item gives one/,
		},
		{
			name: 'a host that is not Amazon’s',
			item: (skill) => ({ ...skill, apiEndpoint: 'https://alexa-proxy.example.com' }),
			expect: /^Item 0: API Endpoint names a host that is not one of Amazon's/,
			hint: /access token goes with it\. Nothing goes to another host\./,
		},
		{
			name: "a look-alike of Amazon's host",
			item: (skill) => ({ ...skill, apiEndpoint: 'https://api.amazonalexa.com.example.com' }),
			expect: /^Item 0: API Endpoint names a host that is not one of Amazon's/,
		},
		{
			name: 'an Amazon host that is not an Alexa API host',
			item: (skill) => ({ ...skill, apiEndpoint: 'https://s3.amazonaws.com' }),
			expect: /^Item 0: API Endpoint names a host that is not one of Amazon's/,
		},
		{
			name: 'plain http',
			item: (skill) => ({ ...skill, apiEndpoint: 'http://api.amazonalexa.com' }),
			expect: /^Item 0: API Endpoint is not an https:\/\/ URL/,
		},
		{
			name: 'a port',
			item: (skill) => ({ ...skill, apiEndpoint: 'https://api.amazonalexa.com:8443' }),
			expect: /^Item 0: API Endpoint names a port/,
		},
		{
			name: 'a user name',
			item: (skill) => ({ ...skill, apiEndpoint: 'https://me@api.amazonalexa.com' }),
			expect: /^Item 0: API Endpoint has a user name or password in it/,
		},
		{
			name: 'a path',
			item: (skill) => ({ ...skill, apiEndpoint: 'https://api.amazonalexa.com/v1/directives' }),
			expect: /^Item 0: API Endpoint has a path, query or fragment after the host/,
		},
		{
			name: 'no scheme',
			item: (skill) => ({ ...skill, apiEndpoint: 'api.amazonalexa.com' }),
			expect: /^Item 0: API Endpoint is not a URL/,
		},
		{
			name: 'the token mapped into API Endpoint by mistake (the error does not repeat it)',
			item: (skill) => ({ ...skill, apiEndpoint: skill.apiAccessToken }),
			expect: /^Item 0: API Endpoint is not a URL/,
		},
		{
			name: 'no API endpoint',
			item: (skill) => ({ ...skill, apiEndpoint: undefined }),
			expect: /^Item 0: API Endpoint is empty and no Alexa Trigger item gives one/,
		},
		{
			name: 'no token (the trigger without Include Access Tokens)',
			item: (skill) => ({ ...skill, apiAccessToken: undefined }),
			expect: /^Item 0: API Access Token is empty and no Alexa Trigger item gives one/,
			hint: /Turn on the Alexa Trigger's Include Access Tokens option/,
		},
		{
			name: 'empty speech from an expression',
			parameters: { speech: '={{ $json.nothing }}' },
			expect: /^Item 0: Speech is empty; it is required/,
		},
		{
			name: 'speech of blanks only',
			parameters: { speech: ' \n ' },
			expect: /^Item 0: Speech is empty; it is required/,
		},
		{
			name: 'SSML that is not well-formed',
			parameters: { speechType: 'ssml', speech: '<speak>One <break time="1s"> moment</speak>' },
			expect: /^Item 0: Speech is not well-formed SSML at character \d+: <\/speak> closes <break>/,
			hint: /Close every tag/,
		},
		{
			name: 'SSML with a bare &',
			parameters: { speechType: 'ssml', speech: 'Tom & Jerry' },
			expect: /^Item 0: Speech is not well-formed SSML .*write &amp; for "&"/,
		},
		{
			name: 'plain text with a character SSML cannot carry',
			parameters: { speech: 'One\u0007moment' },
			expect:
				/^Item 0: Speech has the character U\+0007 at character 4, which Alexa's speech \(SSML\) cannot carry/,
		},
	];
	for (const { name, item, parameters, expect, hint } of cases) {
		it(`refuses ${name}`, async () => {
			const skill = fake.openSkillRequest();
			const speech = { speech: 'One moment', ...parameters };
			const result = await send(speech, { items: [item ? item(skill) : skill] });
			const { error, output } = result;
			assert.ok(error, 'the node should fail');
			assert.deepEqual(output, []);
			assert.match(error.message, expect);
			assert.match(String(error.description), /Nothing was sent for this item\./);
			if (hint) assert.match(String(error.description), hint);
			assert.equal(fake.requests.length, 0, 'nothing was sent');
			assert.ok(skill.apiAccessToken.startsWith(TOKEN_MARK));
			assertNoSecrets(alexaNodeRun(result), [skill.apiAccessToken]);
		});
	}

	it('leaves a Speech field left empty to n8n, which starts nothing', async () => {
		const { error } = await speak('');
		assert.match(String(error?.message), /Parameter "Speech" is required/);
		assert.equal(fake.requests.length, 0);
	});

	it('sends nothing for any item when one is invalid, and names that item', async () => {
		const skills = [fake.openSkillRequest(), fake.openSkillRequest()];
		const { error } = await send(
			{ speech: 'One moment' },
			{ items: [skills[0], { ...skills[1], apiEndpoint: 'https://example.com' }] },
		);
		assert.match(
			String(error?.message),
			/Item 1: API Endpoint names a host that is not one of Amazon's/,
		);
		assert.equal(fake.requests.length, 0);
	});

	it('with Continue On Fail, sends the valid items and reports the invalid one as its error item', async () => {
		const skills = [fake.openSkillRequest(), fake.openSkillRequest()];
		const { output, error } = await send(
			{ speech: 'One moment' },
			{
				items: [skills[0], { ...skills[1], apiEndpoint: 'https://example.com' }],
				continueOnFail: true,
			},
		);
		assert.equal(error, undefined);
		assert.equal(output[0].json.sent, true);
		assert.deepEqual(output[0].pairedItem, { item: 0 });
		assert.match(String(output[1].json.error), /^Item 1: API Endpoint/);
		assert.deepEqual(output[1].pairedItem, { item: 1 });
		assert.deepEqual(
			fake.progressiveResponses.map((response) => response.requestId),
			[skills[0].requestId],
		);
	});
});

describe('Progressive Response → Send: the token stays out of everything', () => {
	it('is in no output, error or log line, sent or refused', async () => {
		const results: RunResult[] = [];
		const tokens: string[] = [];
		const run = async (item: (skill: IDataObject) => IDataObject, setUp?: () => void) => {
			const skill = fake.openSkillRequest();
			tokens.push(skill.apiAccessToken);
			setUp?.();
			results.push(
				await send({ speech: 'One moment' }, { items: [item(skill)], continueOnFail: true }),
			);
		};
		await run((skill) => skill);
		await run((skill) => ({ ...skill, apiAccessToken: `${skill.apiAccessToken}x` }));
		await run(
			(skill) => skill,
			() => fake.inject(DIRECTIVES, { status: 500 }, { status: 500 }, { status: 500 }),
		);
		await run((skill) => ({ ...skill, apiEndpoint: 'https://example.com' }));
		await run(
			(skill) => skill,
			() => fake.inject(DIRECTIVES, { drop: true }, { drop: true }, { drop: true }),
		);
		assert.deepEqual(
			results.map(
				(result) =>
					result.output[0]?.json.sent ?? String(result.output[0]?.json.error).slice(0, 22),
			),
			[
				true,
				'Alexa did not accept t',
				'Alexa had an internal ',
				'Item 0: API Endpoint n',
				'Could not reach Alexa:',
			],
		);
		assertNoSecrets(results.flatMap(alexaNodeRun), tokens);
	});
});

describe('Progressive Response → Send: what the node knows Alexa would not play, refused before sending', () => {
	it("finds the request in the Alexa Trigger's item with another node in between", async () => {
		const skill = fake.openSkillRequest();
		const result = await runAfterTrigger({ ...SPEAK }, [triggerItem(skill, clock.now())], {
			throughOtherNode: true,
		});
		assert.equal(result.error, undefined);
		assert.deepEqual(
			fake.progressiveResponses.map((response) => response.requestId),
			[skill.requestId],
		);
		assertNoSecrets(alexaNodeRun(result), [skill.apiAccessToken]);
	});

	it('refuses a request that is not a LaunchRequest or IntentRequest', async () => {
		const skill = fake.openSkillRequest({ requestType: 'SessionEndedRequest' });
		const { error } = await runAfterTrigger({ ...SPEAK }, [triggerItem(skill, clock.now())]);
		assert.match(
			String(error?.message),
			/^Item 0: Request ID belongs to a SessionEndedRequest; Alexa plays progressive responses only for a LaunchRequest or IntentRequest/,
		);
		assert.equal(fake.requests.length, 0);
	});

	it("refuses once Alexa's 8 seconds are over (the trigger's answerBy)", async () => {
		const skill = fake.openSkillRequest();
		const item = triggerItem(skill, clock.now());
		clock.advance(8_000);
		const { error } = await runAfterTrigger({ ...SPEAK }, [item], { throughOtherNode: true });
		assert.match(
			String(error?.message),
			/^Item 0: Request ID belongs to a request Alexa stopped waiting for at /,
		);
		assert.match(
			String(error?.description),
			/send it right after the trigger, before the slow steps/,
		);
		assert.equal(fake.requests.length, 0);
	});

	it(`sends ${MAX_PER_REQUEST} for one request, and refuses one more`, async () => {
		const skill = fake.openSkillRequest();
		const item = triggerItem(skill, clock.now());
		for (let sent = 0; sent < MAX_PER_REQUEST; sent++) {
			const { error } = await runAfterTrigger({ ...SPEAK }, [item]);
			assert.equal(error, undefined);
		}
		const { error } = await runAfterTrigger({ ...SPEAK }, [item]);
		assert.match(
			String(error?.message),
			new RegExp(
				`^Item 0: Request ID already has ${MAX_PER_REQUEST} progressive responses; Alexa plays at most ${MAX_PER_REQUEST} for one request`,
			),
		);
		assert.equal(fake.requests.length, MAX_PER_REQUEST);
	});
});
