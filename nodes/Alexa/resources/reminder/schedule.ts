import { InputProblem } from '../../shared/input/validate';

/**
 * When a reminder goes off, as the Reminders API takes it ("Alexa Reminders API Reference",
 * https://developer.amazon.com/en-US/docs/alexa/smapi/alexa-reminders-api-reference.html, and
 * the ASK SDK's `services.reminderManagement` models; docs/alexa-facts.md, "Reminders"):
 * - `scheduledTime` is a local date and time with no offset ("2019-06-01T19:00:00"), read in
 *   `timeZoneId`, or in the device's own time zone when there is none;
 * - a repeating reminder has `recurrence.startDateTime`, `endDateTime` and `recurrenceRules`,
 *   RFC 5545 RRULEs such as "FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1" (Amazon's
 *   medicine-reminder sample); `freq` and `byDay` are deprecated and not sent.
 */

/** A local date and time as Amazon's examples write it: no offset, seconds and milliseconds optional. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
/** The same with an offset or Z: an instant, which a time zone turns into a local time. */
const DATE_TIME_WITH_OFFSET =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const LOCAL_EXAMPLE = '2026-12-24T18:00:00';

/**
 * A date-time field as Amazon's local form, `YYYY-MM-DDTHH:mm:ss`. A value with an offset (what
 * n8n's `{{ $now }}` gives) is turned into the local time in `timeZone` when there is one; with
 * no time zone it is refused, since the device's zone is not known here.
 */
export function localDateTime(field: string, value: unknown, timeZone: string | undefined): string {
	const text = dateTimeText(value);
	if (text === undefined || text === '') {
		throw new InputProblem(
			field,
			'is empty; it is required',
			`Give the local date and time, such as ${LOCAL_EXAMPLE}.`,
		);
	}
	const local = LOCAL_DATE_TIME.exec(text);
	if (local) {
		const [, year, month, day, hour, minute, second = '00'] = local;
		if (
			!isCalendarDate(Number(year), Number(month), Number(day)) ||
			Number(hour) > 23 ||
			Number(minute) > 59 ||
			Number(second) > 59
		) {
			throw new InputProblem(
				field,
				`is "${text}", which is not a date and time that exists`,
				`Give a real date and time, such as ${LOCAL_EXAMPLE}.`,
			);
		}
		return `${year}-${month}-${day}T${hour}:${minute}:${second}`;
	}
	if (DATE_TIME_WITH_OFFSET.test(text) && !Number.isNaN(Date.parse(text))) {
		if (timeZone === undefined) {
			throw new InputProblem(
				field,
				`is "${text}", a time with an offset, and Time Zone is empty`,
				`Alexa reads the time in the device's time zone, which the node does not know: give the local time without an offset (such as ${LOCAL_EXAMPLE}, or {{ $now.toFormat("yyyy-MM-dd'T'HH:mm:ss") }}), or set Time Zone (Device Settings → Get Time Zone gives the device's).`,
			);
		}
		return localTimeIn(Date.parse(text), timeZone);
	}
	throw new InputProblem(
		field,
		`is "${text}", not a date and time Alexa takes`,
		`Give the local date and time as YYYY-MM-DDTHH:mm:ss, such as ${LOCAL_EXAMPLE}.`,
	);
}

/** What a date-time parameter holds, as text: n8n hands over a Luxon DateTime or a Date from an expression. */
function dateTimeText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim();
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
	const toISO = (value as { toISO?: unknown }).toISO;
	if (typeof toISO === 'function') return String((toISO as () => string).call(value));
	return String(value);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The local time of an instant in an IANA time zone, as `YYYY-MM-DDTHH:mm:ss`. */
export function localTimeIn(instant: number, timeZone: string): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		})
			.formatToParts(new Date(instant))
			.map((part) => [part.type, part.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** An IANA time zone name Alexa takes as `timeZoneId` (America/Los_Angeles), or undefined when empty. */
export function optionalTimeZone(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	const hint =
		"Give an IANA time zone name such as America/Los_Angeles or Europe/Berlin (Device Settings → Get Time Zone gives the device's), or leave it empty for the device's own.";
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(text)) {
		throw new InputProblem(field, `is "${text}", not a time zone name`, hint);
	}
	if (!isKnownTimeZone(text)) {
		throw new InputProblem(field, `is "${text}", which is not a time zone this node knows`, hint);
	}
	return text;
}

function isKnownTimeZone(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

export const WEEK_DAYS = [
	{ name: 'Monday', value: 'MO' },
	{ name: 'Tuesday', value: 'TU' },
	{ name: 'Wednesday', value: 'WE' },
	{ name: 'Thursday', value: 'TH' },
	{ name: 'Friday', value: 'FR' },
	{ name: 'Saturday', value: 'SA' },
	{ name: 'Sunday', value: 'SU' },
];

/** The RRULE of a daily or weekly reminder at the local time of `scheduledTime`. */
export function simpleRule(
	frequency: 'DAILY' | 'WEEKLY',
	scheduledTime: string,
	interval: number,
	days: string[],
): string {
	const [hour, minute, second] = scheduledTime.slice(11, 19).split(':').map(Number);
	const byDay = frequency === 'WEEKLY' ? `;BYDAY=${days.join(',')}` : '';
	return `FREQ=${frequency}${byDay};BYHOUR=${hour};BYMINUTE=${minute};BYSECOND=${second};INTERVAL=${interval}`;
}

/**
 * RFC 5545 §3.3.10 (RECUR): the rule parts and their values, checked in form so that a typing
 * mistake is named before Alexa refuses the reminder; which rules Alexa honours is Alexa's to say.
 */
const RULE_PARTS: Record<string, RegExp> = {
	FREQ: /^(?:SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)$/,
	UNTIL: /^\d{8}(?:T\d{6}Z?)?$/,
	COUNT: /^[1-9]\d*$/,
	INTERVAL: /^[1-9]\d*$/,
	BYSECOND: list(/^(?:[0-5]?\d|60)$/),
	BYMINUTE: list(/^[0-5]?\d$/),
	BYHOUR: list(/^(?:[01]?\d|2[0-3])$/),
	BYDAY: list(/^(?:[+-]?(?:[1-9]|[1-4]\d|5[0-3]))?(?:SU|MO|TU|WE|TH|FR|SA)$/),
	BYMONTHDAY: list(/^[+-]?(?:[1-9]|[12]\d|3[01])$/),
	BYYEARDAY: list(/^[+-]?(?:[1-9]\d{0,2})$/),
	BYWEEKNO: list(/^[+-]?(?:[1-9]|[1-4]\d|5[0-3])$/),
	BYMONTH: list(/^(?:[1-9]|1[0-2])$/),
	BYSETPOS: list(/^[+-]?(?:[1-9]\d{0,2})$/),
	WKST: /^(?:SU|MO|TU|WE|TH|FR|SA)$/,
};

function list(item: RegExp): RegExp {
	const inner = item.source.slice(1, -1);
	return new RegExp(`^${inner}(?:,${inner})*$`);
}

/** One rule per line, each checked; `;` may end a rule, as in Amazon's sample. */
export function recurrenceRules(field: string, value: unknown): string[] {
	const text =
		typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	const rules = text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
	const hint =
		'Write one RFC 5545 rule per line, such as FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1 or FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=18;BYMINUTE=0;BYSECOND=0;INTERVAL=1 (no "RRULE:" in front).';
	if (rules.length === 0)
		throw new InputProblem(field, 'is empty; at least one rule is needed', hint);
	rules.forEach((rule, index) => {
		const parts = rule.replace(/;$/, '').split(';');
		const seen = new Set<string>();
		for (const part of parts) {
			const [name, partValue, ...rest] = part.split('=');
			const check = RULE_PARTS[name?.toUpperCase() ?? ''];
			if (!check || partValue === undefined || rest.length > 0) {
				throw new InputProblem(
					field,
					`rule ${index + 1} has "${part}", which is not a rule part of RFC 5545`,
					hint,
				);
			}
			if (seen.has(name.toUpperCase())) {
				throw new InputProblem(field, `rule ${index + 1} has ${name} twice`, hint);
			}
			seen.add(name.toUpperCase());
			if (!check.test(partValue.toUpperCase())) {
				throw new InputProblem(
					field,
					`rule ${index + 1} has ${name}=${partValue}, not a value ${name} takes`,
					hint,
				);
			}
		}
		if (!seen.has('FREQ')) throw new InputProblem(field, `rule ${index + 1} has no FREQ`, hint);
		if (seen.has('UNTIL') && seen.has('COUNT')) {
			throw new InputProblem(
				field,
				`rule ${index + 1} has both UNTIL and COUNT; RFC 5545 allows one`,
				hint,
			);
		}
	});
	return rules.map((rule) => rule.toUpperCase());
}
