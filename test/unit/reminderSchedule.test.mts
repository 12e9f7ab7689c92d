/**
 * When a reminder goes off (nodes/Alexa/resources/reminder/schedule.ts): the local date-time Alexa
 * takes as scheduledTime, time zone names, and RFC 5545 recurrence rules, each with values taken
 * and values refused by name of field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	localDateTime,
	localTimeIn,
	optionalTimeZone,
	recurrenceRules,
	simpleRule,
} from '../../nodes/Alexa/resources/reminder/schedule.ts';

function refusal(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		const problem = error as { field: string; problem: string };
		return `${problem.field} ${problem.problem}`;
	}
	throw new Error('expected a refusal');
}

describe('localDateTime: Amazon’s local form, YYYY-MM-DDTHH:mm:ss', () => {
	const taken: Array<[unknown, string | undefined, string]> = [
		['2026-12-24T18:00:00', undefined, '2026-12-24T18:00:00'],
		['2026-12-24T18:00', undefined, '2026-12-24T18:00:00'],
		['2026-12-24T18:00:05.250', undefined, '2026-12-24T18:00:05'],
		['  2026-12-24T18:00:00 ', undefined, '2026-12-24T18:00:00'],
		['2028-02-29T06:10:00', undefined, '2028-02-29T06:10:00'],
		['2026-12-25T02:00:00Z', 'America/Los_Angeles', '2026-12-24T18:00:00'],
		['2026-12-24T18:00:00+09:00', 'Asia/Tokyo', '2026-12-24T18:00:00'],
		['2026-07-01T12:00:00Z', 'Europe/Berlin', '2026-07-01T14:00:00'],
		[new Date(Date.UTC(2026, 11, 25, 2)), 'America/Los_Angeles', '2026-12-24T18:00:00'],
		[{ toISO: () => '2026-12-25T02:00:00.000Z' }, 'America/New_York', '2026-12-24T21:00:00'],
	];
	for (const [value, zone, expected] of taken) {
		it(`takes ${String(value instanceof Date ? value.toISOString() : typeof value === 'object' ? 'a Luxon DateTime' : value)}${zone ? ` in ${zone}` : ''}`, () => {
			assert.equal(localDateTime('Date and Time', value, zone), expected);
		});
	}
	const refused: Array<[unknown, string | undefined, RegExp]> = [
		['', undefined, /^Date and Time is empty; it is required$/],
		[undefined, undefined, /is empty/],
		['2026-12-24', undefined, /not a date and time Alexa takes/],
		['2027-02-29T18:00:00', undefined, /not a date and time that exists/],
		['2026-12-24T24:00:00', undefined, /not a date and time that exists/],
		['2026-13-01T18:00:00', undefined, /not a date and time that exists/],
		['2026-12-24T18:00:00Z', undefined, /a time with an offset, and Time Zone is empty$/],
		['tomorrow at six', undefined, /not a date and time Alexa takes/],
		['2026-12-24 18:00:00', undefined, /not a date and time Alexa takes/],
	];
	for (const [value, zone, expected] of refused) {
		it(`refuses ${JSON.stringify(value)}`, () => {
			assert.match(
				refusal(() => localDateTime('Date and Time', value, zone)),
				expected,
			);
		});
	}
	it('localTimeIn reads an instant in a time zone, across a change of summer time', () => {
		assert.equal(
			localTimeIn(Date.UTC(2026, 2, 8, 10, 30), 'America/Los_Angeles'),
			'2026-03-08T03:30:00',
		);
		assert.equal(
			localTimeIn(Date.UTC(2026, 2, 8, 9, 30), 'America/Los_Angeles'),
			'2026-03-08T01:30:00',
		);
	});
});

describe('optionalTimeZone: an IANA name, or empty for the device’s own', () => {
	for (const zone of [
		'America/Los_Angeles',
		'Europe/Berlin',
		'Asia/Kolkata',
		'America/Argentina/Buenos_Aires',
		'UTC',
	])
		it(`takes ${zone}`, () => assert.equal(optionalTimeZone('Time Zone', zone), zone));
	for (const empty of ['', '  ', undefined, null])
		it(`takes ${JSON.stringify(empty)} as none`, () =>
			assert.equal(optionalTimeZone('Time Zone', empty), undefined));
	for (const [zone, expected] of [
		['Mars/Olympus_Mons', /not a time zone this node knows/],
		['+01:00', /not a time zone name/],
		['PST 8', /not a time zone name/],
		['Europe//Berlin', /not a time zone name/],
	] as const)
		it(`refuses ${zone}`, () =>
			assert.match(
				refusal(() => optionalTimeZone('Time Zone', zone)),
				expected,
			));
});

describe('recurrence rules (RFC 5545 §3.3.10)', () => {
	it('builds a daily and a weekly rule at the time of the first reminder', () => {
		assert.equal(
			simpleRule('DAILY', '2026-12-07T06:10:00', 1, []),
			'FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1',
		);
		assert.equal(
			simpleRule('WEEKLY', '2026-12-07T18:30:00', 2, ['MO', 'FR']),
			'FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=18;BYMINUTE=30;BYSECOND=0;INTERVAL=2',
		);
	});
	it("takes Amazon's sample rules, one per line, with a trailing ; and blank lines", () => {
		assert.deepEqual(
			recurrenceRules(
				'Recurrence Rules',
				'FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1;\n\n freq=weekly;byday=MO,WE;BYHOUR=17 \r\nFREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12',
			),
			[
				'FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1;',
				'FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=17',
				'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12',
			],
		);
	});
	const refused: Array<[string, RegExp]> = [
		['', /is empty; at least one rule is needed/],
		['RRULE:FREQ=DAILY', /rule 1 has "RRULE:FREQ=DAILY", which is not a rule part/],
		['FREQ=FORTNIGHTLY', /rule 1 has FREQ=FORTNIGHTLY, not a value FREQ takes/],
		['FREQ=DAILY;BYHOUR=24', /BYHOUR=24, not a value BYHOUR takes/],
		['FREQ=DAILY;BYMINUTE=60', /BYMINUTE=60/],
		['FREQ=WEEKLY;BYDAY=MON', /BYDAY=MON/],
		['FREQ=DAILY;INTERVAL=0', /INTERVAL=0/],
		['FREQ=DAILY;FREQ=WEEKLY', /has FREQ twice/],
		['BYHOUR=6', /rule 1 has no FREQ/],
		['FREQ=DAILY;COUNT=3;UNTIL=20270101', /both UNTIL and COUNT/],
		['FREQ=DAILY\nFREQ=DAILY;X=1', /rule 2 has "X=1"/],
		['FREQ=DAILY;BYHOUR', /"BYHOUR", which is not a rule part/],
	];
	for (const [rules, expected] of refused)
		it(`refuses ${JSON.stringify(rules)}`, () =>
			assert.match(
				refusal(() => recurrenceRules('Recurrence Rules', rules)),
				expected,
			));
});
