/**
 * Skill Response → Build, run through n8n's engine: the body a custom skill returns to Alexa,
 * checked against the response shape (test/fixtures/custom-skill-response) and Alexa's limits.
 * Nothing is sent and no credential is used.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runAlexaNode } from './harness/engine.mts';
import { responseSchemaErrors } from './harness/responseSchema.mts';

/** Alexa's limits, as Amazon's pages give them (docs/alexa-facts.md, "Custom skill responses"). */
const SPEECH_MAX = 8000;
const CARD_MAX = 8000;
const IMAGE_URL_MAX = 2000;
/** Amazon's "120 kilobytes", read as 120,000 bytes, the stricter of the two readings. */
const RESPONSE_MAX_BYTES = 120_000;

function build(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return runAlexaNode({
		parameters: { resource: 'skillResponse', operation: 'build', ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** The one output item's JSON, after checking it has the response shape. */
async function body(parameters: INodeParameters): Promise<IDataObject> {
	const { output, error } = await build(parameters);
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 1);
	assert.deepEqual(responseSchemaErrors(output[0].json), []);
	return output[0].json;
}

/** The node's error for one item, which must name the item, the field and the limit. */
async function rejection(parameters: INodeParameters): Promise<string> {
	const { output, error } = await build(parameters);
	assert.ok(error, 'the node should fail');
	assert.deepEqual(output, []);
	assert.match(String(error.description), /No response was built for this item\./);
	return error.message;
}

const text = (length: number, character = 'a') => character.repeat(length);
const url = (length: number) =>
	`https://example.com/${text(length - 'https://example.com/'.length)}`;

describe('Skill Response → Build: the envelope', () => {
	it('builds plain speech that ends the session, with no credential, paired with its item', async () => {
		const { output, error } = await build({ speech: 'You have three items on your list.' });
		assert.equal(error, undefined);
		assert.deepEqual(output[0].json, {
			version: '1.0',
			response: {
				outputSpeech: { type: 'PlainText', text: 'You have three items on your list.' },
				shouldEndSession: true,
			},
		});
		assert.deepEqual(output[0].pairedItem, { item: 0 });
		assert.deepEqual(responseSchemaErrors(output[0].json), []);
	});

	it('returns SSML that starts with <speak> as given', async () => {
		const ssml =
			'<speak>Hello <break time="1s"/> <say-as interpret-as="digits">42</say-as> &amp; &#233;t&#xE9;</speak>';
		const json = await body({ speechType: 'ssml', speech: ssml });
		assert.deepEqual((json.response as IDataObject).outputSpeech, { type: 'SSML', ssml });
	});

	it('wraps SSML without a <speak> root in <speak>…</speak>, as the ASK SDK does', async () => {
		const json = await body({ speechType: 'ssml', speech: ' Hello <break time="1s"/> there ' });
		assert.deepEqual((json.response as IDataObject).outputSpeech, {
			type: 'SSML',
			ssml: '<speak>Hello <break time="1s"/> there</speak>',
		});
	});

	it('keeps the session open with a reprompt, plain or SSML', async () => {
		const plain = await body({
			speech: 'What next?',
			shouldEndSession: 'keepOpen',
			reprompt: 'Say add or remove.',
		});
		assert.deepEqual(plain.response, {
			outputSpeech: { type: 'PlainText', text: 'What next?' },
			reprompt: { outputSpeech: { type: 'PlainText', text: 'Say add or remove.' } },
			shouldEndSession: false,
		});
		const ssml = await body({
			speech: 'What next?',
			shouldEndSession: 'keepOpen',
			repromptType: 'ssml',
			reprompt: '<speak>Say <emphasis>add</emphasis>.</speak>',
		});
		assert.deepEqual((ssml.response as IDataObject).reprompt, {
			outputSpeech: { type: 'SSML', ssml: '<speak>Say <emphasis>add</emphasis>.</speak>' },
		});
	});

	it('leaves shouldEndSession out when asked, and gives no reprompt unless the session stays open', async () => {
		const unset = await body({
			speech: 'Here is your picture.',
			shouldEndSession: 'unset',
			reprompt: 'ignored',
		});
		assert.deepEqual(unset.response, {
			outputSpeech: { type: 'PlainText', text: 'Here is your picture.' },
		});
		const ended = await body({ speech: 'Bye.', shouldEndSession: 'end', reprompt: 'ignored' });
		assert.deepEqual(ended.response, {
			outputSpeech: { type: 'PlainText', text: 'Bye.' },
			shouldEndSession: true,
		});
	});

	it('builds a Simple card', async () => {
		const json = await body({
			cardType: 'simple',
			cardTitle: 'Shopping list',
			cardContent: 'Milk\nEggs',
		});
		assert.deepEqual((json.response as IDataObject).card, {
			type: 'Simple',
			title: 'Shopping list',
			content: 'Milk\nEggs',
		});
	});

	it('builds a Standard card with both images, one image, or none', async () => {
		const both = await body({
			cardType: 'standard',
			cardTitle: 'Weather',
			cardText: 'Sunny',
			smallImageUrl: 'https://example.com/s.png',
			largeImageUrl: 'https://example.com/l.png',
		});
		assert.deepEqual((both.response as IDataObject).card, {
			type: 'Standard',
			title: 'Weather',
			text: 'Sunny',
			image: {
				smallImageUrl: 'https://example.com/s.png',
				largeImageUrl: 'https://example.com/l.png',
			},
		});
		const small = await body({
			cardType: 'standard',
			cardTitle: 'W',
			cardText: 'S',
			smallImageUrl: 'https://example.com/s.png',
		});
		assert.deepEqual(((small.response as IDataObject).card as IDataObject).image, {
			smallImageUrl: 'https://example.com/s.png',
		});
		const none = await body({ cardType: 'standard', cardTitle: 'W', cardText: 'S' });
		assert.equal(((none.response as IDataObject).card as IDataObject).image, undefined);
	});

	it('builds LinkAccount and AskForPermissionsConsent cards', async () => {
		const link = await body({
			speech: 'Please link your account in the Alexa app.',
			cardType: 'linkAccount',
		});
		assert.deepEqual((link.response as IDataObject).card, { type: 'LinkAccount' });
		const consent = await body({
			cardType: 'askForPermissionsConsent',
			permissions: ' read::alexa:device:all:address ,alexa::profile:email:read, ',
		});
		assert.deepEqual((consent.response as IDataObject).card, {
			type: 'AskForPermissionsConsent',
			permissions: ['read::alexa:device:all:address', 'alexa::profile:email:read'],
		});
	});

	it('puts session attributes at the top and directives in the response, and leaves empty ones out', async () => {
		const json = await body({
			speech: 'Which city?',
			shouldEndSession: 'keepOpen',
			options: {
				sessionAttributes: '{"step": 2, "list": ["milk"]}',
				directives: '[{"type": "Dialog.ElicitSlot", "slotToElicit": "city"}]',
			},
		});
		assert.deepEqual(json, {
			version: '1.0',
			sessionAttributes: { step: 2, list: ['milk'] },
			response: {
				outputSpeech: { type: 'PlainText', text: 'Which city?' },
				directives: [{ type: 'Dialog.ElicitSlot', slotToElicit: 'city' }],
				shouldEndSession: false,
			},
		});
		const empty = await body({
			speech: 'Hi',
			options: { sessionAttributes: '{}', directives: '[]' },
		});
		assert.deepEqual(Object.keys(empty), ['version', 'response']);
		assert.deepEqual(Object.keys(empty.response as IDataObject), [
			'outputSpeech',
			'shouldEndSession',
		]);
	});

	it("leaves shouldEndSession out of a response with VideoApp.Launch, whatever End Session says (Amazon's VideoApp reference)", async () => {
		const launch = JSON.stringify([
			{
				type: 'VideoApp.Launch',
				videoItem: { source: 'https://example.com/video.mp4', metadata: { title: 'Trailer' } },
			},
		]);
		for (const shouldEndSession of ['end', 'keepOpen', 'unset']) {
			const json = await body({
				speech: 'Here is the trailer.',
				shouldEndSession,
				options: { directives: launch },
			});
			assert.equal('shouldEndSession' in (json.response as IDataObject), false, shouldEndSession);
			assert.deepEqual(
				((json.response as IDataObject).directives as IDataObject[])[0].type,
				'VideoApp.Launch',
			);
		}
		// Another directive alone leaves End Session as chosen.
		const other = await body({
			shouldEndSession: 'end',
			options: { directives: '[{"type": "Dialog.Delegate"}]' },
		});
		assert.equal((other.response as IDataObject).shouldEndSession, true);
	});

	it('accepts session attributes and directives already parsed by an expression', async () => {
		const json = await body({
			options: {
				sessionAttributes: '={{ { "step": 1 + 1 } }}',
				directives: '={{ [{ "type": "Dialog.Delegate" }] }}',
			},
			speech: '',
			shouldEndSession: 'unset',
		});
		assert.deepEqual(json, {
			version: '1.0',
			sessionAttributes: { step: 2 },
			response: { directives: [{ type: 'Dialog.Delegate' }] },
		});
	});

	it('builds no outputSpeech for empty speech', async () => {
		const json = await body({ speech: '   ' });
		assert.deepEqual(json.response, { shouldEndSession: true });
	});

	it('builds one response per item from expressions, each paired with its item', async () => {
		const { output } = await build(
			{
				speech: '={{ "You have " + $json.count + " items." }}',
				cardType: 'simple',
				cardTitle: '={{ $json.list }}',
				cardContent: '={{ $json.count }}',
			},
			{
				items: [
					{ list: 'Shopping', count: 3 },
					{ list: 'To do', count: 0 },
				],
			},
		);
		assert.deepEqual(
			output.map((item) => [
				((item.json.response as IDataObject).outputSpeech as IDataObject).text,
				((item.json.response as IDataObject).card as IDataObject).title,
				item.pairedItem,
			]),
			[
				['You have 3 items.', 'Shopping', { item: 0 }],
				['You have 0 items.', 'To do', { item: 1 }],
			],
		);
	});
});

describe('Skill Response → Build: Can Fulfill Intent, the answer to a CanFulfillIntentRequest', () => {
	const canFulfill = (parameters: INodeParameters) => ({
		responseType: 'canFulfillIntent',
		...parameters,
	});
	const slotEntries = (...slot: INodeParameters[]) => ({ canFulfillSlots: { slot } });

	it('answers with canFulfillIntent only: no speech, card, directive, session or shouldEndSession', async () => {
		const json = await body(
			canFulfill({
				canFulfill: 'YES',
				...slotEntries(
					{ name: 'city', canUnderstand: 'YES', canFulfill: 'YES' },
					{ name: ' date ', canUnderstand: 'MAYBE', canFulfill: 'NO' },
				),
				// Fields of the speech answer, set before switching Response Type, are not sent.
				speech: 'Hello',
				cardType: 'simple',
				cardTitle: 'T',
				options: { sessionAttributes: '{"step": 2}', directives: '[{"type": "Dialog.Delegate"}]' },
			}),
		);
		assert.deepEqual(json, {
			version: '1.0',
			response: {
				canFulfillIntent: {
					canFulfill: 'YES',
					slots: {
						city: { canUnderstand: 'YES', canFulfill: 'YES' },
						date: { canUnderstand: 'MAYBE', canFulfill: 'NO' },
					},
				},
			},
		});
	});

	it("leaves slots out when none is given, and a slot's canFulfill when asked (Amazon makes both optional)", async () => {
		assert.deepEqual(await body(canFulfill({ canFulfill: 'NO' })), {
			version: '1.0',
			response: { canFulfillIntent: { canFulfill: 'NO' } },
		});
		const json = await body(
			canFulfill({
				canFulfill: 'MAYBE',
				...slotEntries({ name: 'city', canUnderstand: 'NO', canFulfill: '' }),
			}),
		);
		assert.deepEqual(json.response, {
			canFulfillIntent: { canFulfill: 'MAYBE', slots: { city: { canUnderstand: 'NO' } } },
		});
	});

	it('takes the values from expressions, one answer per item', async () => {
		const { output } = await build(
			canFulfill({
				canFulfill: '={{ $json.known ? "YES" : "NO" }}',
				...slotEntries({
					name: 'city',
					canUnderstand: '={{ $json.known ? "YES" : "NO" }}',
					canFulfill: '={{ $json.known ? "YES" : "NO" }}',
				}),
			}),
			{ items: [{ known: true }, { known: false }] },
		);
		assert.deepEqual(
			output.map((item) => item.json.response),
			[
				{
					canFulfillIntent: {
						canFulfill: 'YES',
						slots: { city: { canUnderstand: 'YES', canFulfill: 'YES' } },
					},
				},
				{
					canFulfillIntent: {
						canFulfill: 'NO',
						slots: { city: { canUnderstand: 'NO', canFulfill: 'NO' } },
					},
				},
			],
		);
		for (const item of output) assert.deepEqual(responseSchemaErrors(item.json), []);
	});

	const refused: Array<[string, INodeParameters, RegExp]> = [
		[
			'a Can Fulfill other than YES, NO or MAYBE',
			canFulfill({ canFulfill: '={{ "yes" }}' }),
			/^Item 0: Can Fulfill is "yes"; Alexa accepts YES, NO or MAYBE$/,
		],
		[
			'a slot without a name',
			canFulfill(slotEntries({ name: '  ', canUnderstand: 'YES' })),
			/^Item 0: Slots entry 1 Slot Name is empty; it is required$/,
		],
		[
			'a slot given twice',
			canFulfill(
				slotEntries({ name: 'city', canUnderstand: 'YES' }, { name: 'city', canUnderstand: 'NO' }),
			),
			/^Item 0: Slots entry 2 Slot Name "city" is already given by an earlier entry$/,
		],
		[
			'a slot Can Understand other than YES, NO or MAYBE',
			canFulfill(slotEntries({ name: 'city', canUnderstand: '={{ "PERHAPS" }}' })),
			/^Item 0: Slots entry 1 \(city\) Can Understand is "PERHAPS"; Alexa accepts YES, NO or MAYBE$/,
		],
		[
			'a slot Can Fulfill of MAYBE (Amazon allows only YES or NO there)',
			canFulfill(slotEntries({ name: 'city', canUnderstand: 'YES', canFulfill: '={{ "MAYBE" }}' })),
			/^Item 0: Slots entry 1 \(city\) Can Fulfill is "MAYBE"; Alexa accepts YES or NO$/,
		],
	];
	for (const [name, parameters, expected] of refused) {
		it(`refuses ${name}, naming the item and the field`, async () => {
			assert.match(await rejection(parameters), expected);
		});
	}
});

describe("Skill Response → Build: Alexa's limits, exactly at the limit and one over", () => {
	it(`Output Speech: ${SPEECH_MAX} characters of plain text`, async () => {
		await body({ speech: text(SPEECH_MAX) });
		assert.match(
			await rejection({ speech: text(SPEECH_MAX + 1) }),
			/^Item 0: Output Speech is 8001 characters; Alexa accepts at most 8000$/,
		);
	});

	it(`Output Speech: ${SPEECH_MAX} characters of SSML, counted with its <speak> tags`, async () => {
		const tags = '<speak></speak>'.length;
		await body({ speechType: 'ssml', speech: text(SPEECH_MAX - tags) });
		assert.match(
			await rejection({ speechType: 'ssml', speech: text(SPEECH_MAX - tags + 1) }),
			/^Item 0: Output Speech is 8001 characters \(the SSML as returned, tags included\); Alexa accepts at most 8000$/,
		);
	});

	it('Output Speech counts a character outside the BMP as two, as Java and JavaScript do', async () => {
		await body({ speech: text(SPEECH_MAX / 2, '😀') });
		assert.match(
			await rejection({ speech: `${text(SPEECH_MAX / 2, '😀')}a` }),
			/Output Speech is 8001 characters/,
		);
	});

	it(`Reprompt: ${SPEECH_MAX} characters`, async () => {
		await body({ shouldEndSession: 'keepOpen', reprompt: text(SPEECH_MAX) });
		assert.match(
			await rejection({ shouldEndSession: 'keepOpen', reprompt: text(SPEECH_MAX + 1) }),
			/^Item 0: Reprompt is 8001 characters; Alexa accepts at most 8000$/,
		);
	});

	it(`Simple card: ${CARD_MAX} characters of title and content together`, async () => {
		await body({ cardType: 'simple', cardTitle: text(100), cardContent: text(CARD_MAX - 100) });
		assert.match(
			await rejection({
				cardType: 'simple',
				cardTitle: text(100),
				cardContent: text(CARD_MAX - 99),
			}),
			/^Item 0: Card has 8001 characters of title and content; Alexa accepts at most 8000 in all$/,
		);
	});

	it(`Standard card: ${CARD_MAX} characters of title, text and image URLs together`, async () => {
		const images = { smallImageUrl: url(1000), largeImageUrl: url(1000) };
		await body({
			cardType: 'standard',
			cardTitle: text(100),
			cardText: text(CARD_MAX - 2100),
			...images,
		});
		assert.match(
			await rejection({
				cardType: 'standard',
				cardTitle: text(100),
				cardText: text(CARD_MAX - 2099),
				...images,
			}),
			/^Item 0: Card has 8001 characters of title, text and image URLs; Alexa accepts at most 8000 in all$/,
		);
	});

	it(`image URLs: ${IMAGE_URL_MAX} characters, and HTTPS only`, async () => {
		await body({
			cardType: 'standard',
			cardTitle: 'T',
			smallImageUrl: url(IMAGE_URL_MAX),
			largeImageUrl: url(IMAGE_URL_MAX),
		});
		assert.match(
			await rejection({
				cardType: 'standard',
				cardTitle: 'T',
				largeImageUrl: url(IMAGE_URL_MAX + 1),
			}),
			/^Item 0: Large Image URL is 2001 characters; Alexa accepts at most 2000$/,
		);
		assert.match(
			await rejection({
				cardType: 'standard',
				cardTitle: 'T',
				smallImageUrl: 'http://example.com/s.png',
			}),
			/^Item 0: Small Image URL "http:\/\/example.com\/s.png" is not an https:\/\/ URL; Alexa shows card images only from HTTPS$/,
		);
		assert.match(
			await rejection({ cardType: 'standard', cardTitle: 'T', smallImageUrl: 'example.com/s.png' }),
			/Small Image URL "example.com\/s.png" is not an https:\/\/ URL/,
		);
	});

	it(`the whole response: ${RESPONSE_MAX_BYTES} bytes as JSON, session attributes included`, async () => {
		const envelope = (padding: string) => ({
			version: '1.0',
			sessionAttributes: { padding },
			response: { shouldEndSession: true },
		});
		const fill = RESPONSE_MAX_BYTES - JSON.stringify(envelope('')).length;
		const atLimit = await body({
			options: { sessionAttributes: JSON.stringify({ padding: text(fill) }) },
		});
		assert.equal(Buffer.byteLength(JSON.stringify(atLimit)), RESPONSE_MAX_BYTES);
		assert.match(
			await rejection({
				options: { sessionAttributes: JSON.stringify({ padding: text(fill + 1) }) },
			}),
			/^Item 0: Response is 120001 bytes as JSON; Alexa accepts at most 120000 bytes \(120 KB\)$/,
		);
	});

	it('the whole response counts UTF-8 bytes, not characters', async () => {
		const envelope = (padding: string) => ({
			version: '1.0',
			sessionAttributes: { padding },
			response: { shouldEndSession: true },
		});
		const fill = RESPONSE_MAX_BYTES - JSON.stringify(envelope('')).length;
		// "é" is two bytes in UTF-8: half as many fill the response.
		const padding = text(Math.floor(fill / 2), 'é') + text(fill % 2);
		await body({ options: { sessionAttributes: JSON.stringify({ padding }) } });
		assert.match(
			await rejection({
				options: { sessionAttributes: JSON.stringify({ padding: `${padding}a` }) },
			}),
			/Response is 120001 bytes/,
		);
	});

	it('an AudioPlayer.Play directive: a token of 1024 characters and a URL of 8000', async () => {
		const play = (token: number, streamUrl: number) =>
			JSON.stringify([
				{
					type: 'AudioPlayer.Play',
					playBehavior: 'REPLACE_ALL',
					audioItem: {
						stream: { token: text(token), url: url(streamUrl), offsetInMilliseconds: 0 },
					},
				},
			]);
		await body({ options: { directives: play(1024, 8000) } });
		assert.match(
			await rejection({ options: { directives: play(1025, 8000) } }),
			/^Item 0: Directives \(JSON\) entry 0 has audioItem.stream.token of 1025 characters; Alexa accepts at most 1024$/,
		);
		assert.match(
			await rejection({ options: { directives: play(1024, 8001) } }),
			/entry 0 has audioItem.stream.url of 8001 characters; Alexa accepts at most 8000$/,
		);
	});

	it("a gadget's CustomInterfaceController.SendDirective payload: 1000 bytes", async () => {
		const send = (bytes: number) => {
			const payload = { data: '' };
			payload.data = text(bytes - JSON.stringify(payload).length);
			return JSON.stringify([
				{
					type: 'CustomInterfaceController.SendDirective',
					header: { namespace: 'Custom.Robot', name: 'Spin' },
					endpoint: { endpointId: 'g' },
					payload,
				},
			]);
		};
		await body({ options: { directives: send(1000) } });
		assert.match(
			await rejection({ options: { directives: send(1001) } }),
			/^Item 0: Directives \(JSON\) entry 0 has a payload of 1001 bytes as JSON; Alexa accepts at most 1000$/,
		);
	});
});

describe('Skill Response → Build: SSML must be well-formed', () => {
	const cases: Array<[string, string, RegExp]> = [
		[
			'an unclosed tag',
			'<speak>Hello <emphasis>there</speak>',
			/<\/speak> closes <emphasis>, opened at character 14; tags must nest/,
		],
		[
			'a tag never closed at the end',
			'<speak>Hello <break time="1s">',
			/at character 14: <break> is never closed/,
		],
		[
			'bad nesting',
			'<speak><p><s>Hi</p></s></speak>',
			/at character 16: <\/p> closes <s>, opened at character 11; tags must nest/,
		],
		[
			'an unescaped &',
			'Fish & chips',
			/at character 13: an "&" that starts no entity; write &amp; for "&"/,
		],
		['an unknown entity', '<speak>caf&eacute;</speak>', /an "&" that starts no entity/],
		['a raw < in text', '<speak>1 < 2</speak>', /at character 10: expected a tag name after "<"/],
		[
			'an unquoted attribute',
			'<speak><break time=1s/></speak>',
			/the value of time in <break> must be in quotes/,
		],
		[
			'an attribute given twice',
			'<speak><prosody rate="slow" rate="fast">x</prosody></speak>',
			/<prosody> has the attribute rate twice/,
		],
		[
			'a closing tag that closes nothing',
			'<speak>Hi</speak></p>',
			/<\/p> closes a tag that is not open/,
		],
		[
			'text after </speak>',
			'<speak>Hi</speak> there',
			/at character 19: text after <\/speak>; everything must be inside <speak>…<\/speak>/,
		],
		[
			'a second root element',
			'<speak>Hi</speak><speak>again</speak>',
			/<speak> comes after <\/speak>/,
		],
		['a <speak> inside <speak>', '<p>Hi <speak>x</speak></p>', /<speak> inside <speak>/],
		['a <speak> never closed', '<speak>Hello', /at character 1: <speak> is never closed/],
		[
			'a character reference XML forbids',
			'<speak>&#0;</speak>',
			/&#0; names a character XML does not allow/,
		],
		[
			'a control character',
			'<speak>a\u0001b</speak>',
			/the character U\+0001 is not allowed in XML/,
		],
		[
			'a CDATA section',
			'<speak><![CDATA[x]]></speak>',
			/CDATA sections and processing instructions are not SSML/,
		],
	];
	for (const [name, ssml, expected] of cases) {
		it(`rejects ${name}, naming the item, the field and where`, async () => {
			const message = await rejection({ speechType: 'ssml', speech: ssml });
			assert.match(message, /^Item 0: Output Speech is not well-formed SSML at character \d+: /);
			assert.match(message, expected);
		});
	}

	it('checks the reprompt the same way', async () => {
		assert.match(
			await rejection({
				shouldEndSession: 'keepOpen',
				repromptType: 'ssml',
				reprompt: '<speak>Say <emphasis>yes</speak>',
			}),
			/^Item 0: Reprompt is not well-formed SSML at character 25: <\/speak> closes <emphasis>/,
		);
	});

	it('accepts comments, single-quoted attributes, namespaced tags and every predefined entity', async () => {
		const ssml = `<speak><!-- greeting --><amazon:effect name='whispered'>a &lt; b &gt; c &quot;d&quot; &apos;e&apos; &amp;</amazon:effect><break time = "1s" /></speak>`;
		assert.equal(
			(
				(await body({ speechType: 'ssml', speech: ssml })).response as IDataObject & {
					outputSpeech: IDataObject;
				}
			).outputSpeech.ssml,
			ssml,
		);
	});

	it('returns plain text with & and < as given: it is not XML', async () => {
		const json = await body({ speech: 'Fish & chips < 5 pounds' });
		assert.equal(
			((json.response as IDataObject).outputSpeech as IDataObject).text,
			'Fish & chips < 5 pounds',
		);
	});
});

describe('Skill Response → Build: other input problems', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'session attributes that are not JSON',
			{ options: { sessionAttributes: '{"step": ' } },
			/^Item 0: Session Attributes \(JSON\) is not valid JSON \(/,
		],
		[
			'session attributes that are an array',
			{ options: { sessionAttributes: '[1]' } },
			/^Item 0: Session Attributes \(JSON\) must be a JSON object; it is an array$/,
		],
		[
			'directives that are not JSON',
			{ options: { directives: '[{"type": ' } },
			/^Item 0: Directives is not valid JSON \(/,
		],
		[
			'directives that are an object',
			{ options: { directives: '{"type": "Dialog.Delegate"}' } },
			/^Item 0: Directives must be a JSON array; it is object$/,
		],
		[
			'a directive without a type',
			{ options: { directives: '[{"type": "Dialog.Delegate"}, {"slotToElicit": "city"}]' } },
			/^Item 0: Directives \(JSON\) entry 1 is not an object with a "type"$/,
		],
		[
			'a permissions card without permissions',
			{ cardType: 'askForPermissionsConsent', permissions: ' , ' },
			/^Item 0: Permissions is empty; the card needs at least one scope$/,
		],
		[
			'a permission scope with a space',
			{ cardType: 'askForPermissionsConsent', permissions: 'read::alexa:device:all address' },
			/Permissions has "read::alexa:device:all address", a scope with a space in it/,
		],
		[
			'speech mapped to an object',
			{ speech: '={{ { "a": 1 } }}' },
			/^Item 0: Output Speech is an object; it must be text$/,
		],
	];
	for (const [name, parameters, expected] of cases) {
		it(`rejects ${name}`, async () => {
			assert.match(await rejection(parameters), expected);
		});
	}
});

describe('Skill Response → Build: Continue On Fail', () => {
	const items = [{ text: 'One.' }, { text: 'Fish & chips' }, { text: 'Three.' }];
	const parameters = { speechType: 'ssml', speech: '={{ $json.text }}' };

	it('turns only the bad item into an error item, paired with it, and builds the others', async () => {
		const { output, error } = await build(parameters, { items, continueOnFail: true });
		assert.equal(error, undefined);
		assert.equal(output.length, 3);
		assert.deepEqual(
			output.map((item) => item.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.equal(
			((output[0].json.response as IDataObject).outputSpeech as IDataObject).ssml,
			'<speak>One.</speak>',
		);
		assert.match(
			String(output[1].json.error),
			/^Item 1: Output Speech is not well-formed SSML at character 13: an "&" that starts no entity/,
		);
		assert.equal(output[1].json.response, undefined);
		assert.equal(
			((output[2].json.response as IDataObject).outputSpeech as IDataObject).ssml,
			'<speak>Three.</speak>',
		);
	});

	it('without it, fails the node with the bad item, its field and what to do', async () => {
		const { output, error } = await build(parameters, { items });
		assert.deepEqual(output, []);
		assert.match(String(error?.message), /^Item 1: Output Speech is not well-formed SSML/);
		assert.match(
			String(error?.description),
			/write & as &amp;.*No response was built for this item\./,
		);
		assert.equal((error as { context?: { itemIndex?: number } }).context?.itemIndex, 1);
	});
});
