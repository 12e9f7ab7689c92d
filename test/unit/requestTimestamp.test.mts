/**
 * The request timestamp rule (nodes/AlexaTrigger/verification/requestTimestamp.ts) against a
 * fixed `now`. Amazon: "Verify that the request timestamp is within 150 seconds of the current
 * time" (Host a Custom Skill as a Web Service, Verify that the request was sent by Alexa:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/host-a-custom-skill-as-a-web-service.html#verify-request-sent-by-alexa).
 * Five skill events may be an hour old, a figure Amazon's page does not give and the ASK SDK's
 * verifier does; no request may be more than 150 s ahead. The timestamp format (ISO 8601 with
 * a zone) is the package's choice. Both are in docs/alexa-facts.md, "Requests to a skill hosted
 * as a web service".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	REQUEST_TOLERANCE_MS,
	REQUEST_TYPES_WITH_SKILL_EVENT_TOLERANCE,
	SKILL_EVENT_TOLERANCE_MS,
} from '../../nodes/AlexaTrigger/verification/amazonRules.ts';
import {
	acceptedUntil,
	problemWithTimestamp,
	toleranceFor,
} from '../../nodes/AlexaTrigger/verification/requestTimestamp.ts';

const NOW = Date.UTC(2026, 11, 6, 7, 0, 0);
const SECOND = 1000;
/** Alexa's own way of writing a time: ISO 8601 in UTC, with milliseconds. */
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

const INTENT = 'IntentRequest';
const SKILL_ENABLED = 'AlexaSkillEvent.SkillEnabled';
/** A skill event that is not one of the five: it gets 150 s like any request (amazonRules). */
const SUBSCRIPTION_CHANGED = 'AlexaSkillEvent.ProactiveSubscriptionChanged';

interface Case {
	name: string;
	type: string;
	timestamp: unknown;
	/** Undefined: accepted. A pattern: refused, and the reason says this. */
	refused?: RegExp;
}

const window: Case[] = [
	{ name: 'a request sent just now is accepted', type: INTENT, timestamp: at(0) },
	{ name: 'a request exactly 150 s old is accepted', type: INTENT, timestamp: at(-150 * SECOND) },
	{
		name: 'a request 1 ms over 150 s old is refused',
		type: INTENT,
		timestamp: at(-150 * SECOND - 1),
		refused: /s old \(at most 150 s\)/,
	},
	{
		name: 'a request 151 s old is refused, naming its age',
		type: INTENT,
		timestamp: at(-151 * SECOND),
		refused: /is 151 s old \(at most 150 s\)/,
	},
	{
		name: 'a request exactly 150 s ahead is accepted (clocks differ)',
		type: INTENT,
		timestamp: at(150 * SECOND),
	},
	{
		name: 'a request 1 ms over 150 s ahead is refused',
		type: INTENT,
		timestamp: at(150 * SECOND + 1),
		refused: /in the future \(at most 150 s\)/,
	},
	{
		name: 'a request 151 s ahead is refused, naming how far',
		type: INTENT,
		timestamp: at(151 * SECOND),
		refused: /is 151 s in the future/,
	},
	{
		name: 'an hour-old ordinary request is refused: the hour is only for five skill events',
		type: INTENT,
		timestamp: at(-3600 * SECOND),
		refused: /at most 150 s/,
	},
	{
		name: 'SkillEnabled exactly one hour old is accepted',
		type: SKILL_ENABLED,
		timestamp: at(-3600 * SECOND),
	},
	{
		name: 'SkillEnabled 1 ms over an hour old is refused',
		type: SKILL_ENABLED,
		timestamp: at(-3600 * SECOND - 1),
		refused: /at most 3600 s/,
	},
	{
		name: 'SkillEnabled 151 s ahead is refused: the hour is only for the past',
		type: SKILL_ENABLED,
		timestamp: at(151 * SECOND),
		refused: /in the future \(at most 150 s\)/,
	},
	{
		name: 'ProactiveSubscriptionChanged 151 s old is refused: not one of the five',
		type: SUBSCRIPTION_CHANGED,
		timestamp: at(-151 * SECOND),
		refused: /at most 150 s/,
	},
	{
		name: 'a skill event type in other case is not one of the five',
		type: 'alexaskillevent.skillenabled',
		timestamp: at(-151 * SECOND),
		refused: /at most 150 s/,
	},
];

const format: Case[] = [
	{
		name: "whole seconds with Z, as in Amazon's example",
		type: INTENT,
		timestamp: '2026-12-06T07:00:00Z',
	},
	{ name: 'milliseconds with Z', type: INTENT, timestamp: '2026-12-06T07:00:00.123Z' },
	{
		name: 'nine fraction digits are accepted',
		type: INTENT,
		timestamp: '2026-12-06T07:00:00.123456789Z',
	},
	{
		name: 'an offset is read as that zone (08:00+01:00 is 07:00Z)',
		type: INTENT,
		timestamp: '2026-12-06T08:00:00+01:00',
	},
	{
		name: 'a negative offset is read as that zone',
		type: INTENT,
		timestamp: '2026-12-06T06:00:00-01:00',
	},
	{
		name: 'an offset is not ignored: 07:00+01:00 is an hour old',
		type: INTENT,
		timestamp: '2026-12-06T07:00:00+01:00',
		refused: /3600 s old/,
	},
	{
		name: "a time without a zone is refused: it would be read in the server's zone",
		type: INTENT,
		timestamp: '2026-12-06T07:00:00',
		refused: /not an ISO 8601 time with a time zone/,
	},
	{
		name: 'a space instead of T is refused',
		type: INTENT,
		timestamp: '2026-12-06 07:00:00Z',
		refused: /not an ISO 8601 time/,
	},
	{
		name: 'a date alone is refused',
		type: INTENT,
		timestamp: '2026-12-06',
		refused: /not an ISO 8601 time/,
	},
	{
		name: 'a lowercase z is refused',
		type: INTENT,
		timestamp: '2026-12-06T07:00:00z',
		refused: /not an ISO 8601 time/,
	},
	{
		name: 'an offset without a colon is refused',
		type: INTENT,
		timestamp: '2026-12-06T08:00:00+0100',
		refused: /not an ISO 8601 time/,
	},
	{
		name: 'ten fraction digits are refused',
		type: INTENT,
		timestamp: '2026-12-06T07:00:00.1234567890Z',
		refused: /not an ISO 8601 time/,
	},
	{
		name: 'an RFC 1123 date is refused',
		type: INTENT,
		timestamp: 'Sun, 06 Dec 2026 07:00:00 GMT',
		refused: /not an ISO 8601 time/,
	},
	{
		name: 'text around a valid time is refused',
		type: INTENT,
		timestamp: ' 2026-12-06T07:00:00Z',
		refused: /not an ISO 8601 time/,
	},
	{
		name: 'a month 13 has the right shape but is no date (NaN): refused, not compared',
		type: INTENT,
		timestamp: '2026-13-06T07:00:00Z',
		refused: /not a date/,
	},
	{
		name: 'minute 60 has the right shape but is no date (NaN): refused',
		type: INTENT,
		timestamp: '2026-12-06T06:60:00Z',
		refused: /not a date/,
	},
	{
		name: 'an offset of 25 hours is no date (NaN): refused',
		type: INTENT,
		timestamp: '2026-12-06T07:00:00+25:00',
		refused: /not a date/,
	},
	{
		name: 'milliseconds since 1970 as a number are refused',
		type: INTENT,
		timestamp: NOW,
		refused: /has no timestamp/,
	},
	{
		name: 'a missing timestamp is refused',
		type: INTENT,
		timestamp: undefined,
		refused: /has no timestamp/,
	},
	{ name: 'null is refused', type: INTENT, timestamp: null, refused: /has no timestamp/ },
	{
		name: 'an object is refused without reading it',
		type: INTENT,
		timestamp: { toString: () => at(0) },
		refused: /has no timestamp/,
	},
	{
		name: 'an empty string is refused',
		type: INTENT,
		timestamp: '',
		refused: /not an ISO 8601 time/,
	},
];

describe('Request timestamp rule (now fixed at 2026-12-06T07:00:00Z)', () => {
	for (const [title, cases] of [
		['window: 150 s either way, one hour back for five skill events', window],
		['format: ISO 8601 with a time zone', format],
	] as const) {
		describe(title, () => {
			for (const { name, type, timestamp, refused } of cases) {
				it(name, () => {
					const problem = problemWithTimestamp(type, timestamp, NOW);
					if (refused === undefined) assert.equal(problem, undefined);
					else assert.match(problem ?? '(accepted)', refused);
				});
			}
		});
	}

	describe('tolerance per request type', () => {
		it("is 150 s by Amazon's page and one hour by the ASK SDK verifier", () => {
			assert.equal(REQUEST_TOLERANCE_MS, 150_000);
			assert.equal(SKILL_EVENT_TOLERANCE_MS, 3_600_000);
		});
		const oneHour = [
			'AlexaSkillEvent.SkillEnabled',
			'AlexaSkillEvent.SkillDisabled',
			'AlexaSkillEvent.SkillPermissionAccepted',
			'AlexaSkillEvent.SkillPermissionChanged',
			'AlexaSkillEvent.SkillAccountLinked',
		];
		it('the hour applies to exactly the five skill events of the ASK SDK verifier', () => {
			assert.deepEqual([...REQUEST_TYPES_WITH_SKILL_EVENT_TOLERANCE].sort(), [...oneHour].sort());
		});
		for (const type of oneHour) {
			it(`${type} may be one hour old`, () => {
				assert.equal(toleranceFor(type), 3_600_000);
				assert.equal(problemWithTimestamp(type, at(-3600 * SECOND), NOW), undefined);
			});
		}
		for (const type of [
			'LaunchRequest',
			INTENT,
			'SessionEndedRequest',
			SUBSCRIPTION_CHANGED,
			'AlexaSkillEvent.SomethingNew',
			'',
		]) {
			it(`${JSON.stringify(type)} gets 150 s`, () => {
				assert.equal(toleranceFor(type), 150_000);
			});
		}
	});

	describe('acceptedUntil: how long the replay memory keeps an id (seenRequests.ts)', () => {
		for (const [type, timestamp] of [
			[INTENT, at(0)],
			[INTENT, at(-100 * SECOND)],
			[INTENT, at(150 * SECOND)],
			[SKILL_ENABLED, at(-50 * 60 * SECOND)],
			[SUBSCRIPTION_CHANGED, at(0)],
			[INTENT, '2026-12-06T08:00:00+01:00'],
		] as const) {
			it(`${type} sent ${timestamp}: accepted until that moment, refused 1 ms after`, () => {
				const until = acceptedUntil(type, timestamp);
				assert.equal(problemWithTimestamp(type, timestamp, until), undefined);
				assert.match(problemWithTimestamp(type, timestamp, until + 1) ?? '(accepted)', /s old/);
			});
		}
	});
});
