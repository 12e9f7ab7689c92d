import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { ALEXA_LOCALES } from '../../shared/alexa/locales';
import type { AlexaRequest } from '../../shared/input/alexaRequest';
import { speechOf } from '../../shared/input/speech';
import { disallowedCharacter } from '../../shared/input/ssml';
import { textParameter } from '../../shared/input/textParameter';
import { InputProblem, requireIntegerInRange } from '../../shared/input/validate';
import { clock } from '../../shared/util/clock';
import { localDateTime, optionalTimeZone, recurrenceRules, simpleRule } from './schedule';

/**
 * The body of Create and Update (`ReminderRequest` in the ASK SDK; "Alexa Reminders API
 * Reference"), from the fields in fields.ts. A content entry with ssml and no text is refused by
 * Alexa (INVALID_ALERT_INFO, docs/alexa-facts.md, "Reminders"), so Text is always required.
 */

/** offsetInSeconds is an `Integer` in the ASK SDK for Java's Trigger model: no larger figure can be sent. */
const MAX_OFFSET_SECONDS = 2_147_483_647;

interface SpokenText extends IDataObject {
	locale: string;
	text: string;
	ssml?: string;
}

/** The item's ReminderRequest, checked; the request's locale fills an empty Locale. */
export function reminderBody(
	context: IExecuteSingleFunctions,
	alexaRequest: AlexaRequest,
): IDataObject {
	return {
		requestTime: localTimeNow(),
		trigger: triggerOf(context),
		alertInfo: { spokenInfo: { content: spokenContent(context, alexaRequest) } },
		pushNotification: {
			status: context.getNodeParameter('pushNotification', true) === false ? 'DISABLED' : 'ENABLED',
		},
	};
}

/** requestTime as Amazon's examples write it ("2019-09-22T19:04:00.672"): UTC, with no offset. */
function localTimeNow(): string {
	return new Date(clock.now()).toISOString().slice(0, 23);
}

function triggerOf(context: IExecuteSingleFunctions): IDataObject {
	if (context.getNodeParameter('trigger', 'scheduledAbsolute') === 'scheduledRelative') {
		const offset = requireIntegerInRange(
			'Delay (Seconds)',
			context.getNodeParameter('offsetInSeconds', 3600),
			1,
			MAX_OFFSET_SECONDS,
		);
		return { type: 'SCHEDULED_RELATIVE', offsetInSeconds: offset };
	}
	const timeZone = optionalTimeZone('Time Zone', context.getNodeParameter('timeZone', ''));
	const scheduledTime = localDateTime(
		'Date and Time',
		context.getNodeParameter('scheduledTime', ''),
		timeZone,
	);
	const trigger: IDataObject = { type: 'SCHEDULED_ABSOLUTE', scheduledTime };
	if (timeZone !== undefined) trigger.timeZoneId = timeZone;
	const recurrence = recurrenceOf(context, scheduledTime, timeZone);
	if (recurrence) trigger.recurrence = recurrence;
	return trigger;
}

function recurrenceOf(
	context: IExecuteSingleFunctions,
	scheduledTime: string,
	timeZone: string | undefined,
): IDataObject | undefined {
	const repeat = context.getNodeParameter('repeat', 'never');
	if (repeat === 'never') return undefined;
	let rules: string[];
	if (repeat === 'rules') {
		rules = recurrenceRules('Recurrence Rules', context.getNodeParameter('recurrenceRules', ''));
	} else {
		const interval = requireIntegerInRange(
			'Every',
			context.getNodeParameter('interval', 1),
			1,
			1000,
		);
		const days = context.getNodeParameter('days', ['MO']) as string[];
		if (repeat === 'weekly' && (!Array.isArray(days) || days.length === 0)) {
			throw new InputProblem(
				'Days',
				'is empty; a weekly reminder needs at least one day',
				'Choose the days of the week the reminder goes off.',
			);
		}
		rules = [simpleRule(repeat === 'weekly' ? 'WEEKLY' : 'DAILY', scheduledTime, interval, days)];
	}
	// With startDateTime, endDateTime and recurrenceRules, Alexa ignores scheduledTime, freq and
	// byDay (Reminders API reference, ≈2020 and current): the start is the first time.
	const recurrence: IDataObject = { startDateTime: scheduledTime, recurrenceRules: rules };
	const until = context.getNodeParameter('repeatUntil', '');
	if (until !== '' && until !== undefined && until !== null) {
		const endDateTime = localDateTime('Repeat Until', until, timeZone);
		if (endDateTime <= scheduledTime) {
			throw new InputProblem(
				'Repeat Until',
				`is ${endDateTime}, not after Date and Time (${scheduledTime})`,
				'Give a time after the first reminder, or leave it empty.',
			);
		}
		recurrence.endDateTime = endDateTime;
	}
	return recurrence;
}

function spokenContent(context: IExecuteSingleFunctions, alexaRequest: AlexaRequest): SpokenText[] {
	const options = (context.getNodeParameter('reminderOptions', {}) ?? {}) as IDataObject;
	const localeValue = textParameter('Locale', context.getNodeParameter('locale', ''));
	const locale = localeValue !== '' ? localeValue : alexaRequest.locale;
	if (locale === undefined) {
		throw new InputProblem(
			'Locale',
			'is empty and the request Alexa sent gives none',
			'Give the locale of Text, such as en-US, or use this node after the Alexa Trigger.',
		);
	}
	const first = spokenText(
		'Text',
		'Locale',
		locale,
		context.getNodeParameter('text', ''),
		options.ssml,
		true,
	);
	const content = [first!];
	const others = ((options.otherLocales as IDataObject | undefined)?.locale ?? []) as IDataObject[];
	others.forEach((entry, index) => {
		const label = `Other Locales ${index + 1}`;
		const text = spokenText(
			`${label} Text`,
			`${label} Locale`,
			String(entry.locale ?? ''),
			entry.text,
			entry.ssml,
			false,
		);
		if (text) content.push(text);
	});
	const seen = new Set<string>();
	for (const entry of content) {
		if (seen.has(entry.locale)) {
			throw new InputProblem(
				'Other Locales',
				`has the locale ${entry.locale} twice`,
				'Give each locale once.',
			);
		}
		seen.add(entry.locale);
	}
	return content;
}

function spokenText(
	textField: string,
	localeField: string,
	locale: string,
	textValue: unknown,
	ssmlValue: unknown,
	required: boolean,
): SpokenText | undefined {
	if (!ALEXA_LOCALES.includes(locale)) {
		throw new InputProblem(
			localeField,
			`is "${locale}", not one of Alexa's locales`,
			`Write it as Amazon does, language-REGION: ${ALEXA_LOCALES.join(', ')}.`,
		);
	}
	const text = textParameter(textField, textValue);
	if (text === '') {
		if (!required && (ssmlValue === undefined || ssmlValue === '')) return undefined;
		throw new InputProblem(
			textField,
			'is empty; it is required',
			'Give what Alexa says and shows when the reminder goes off, such as "Water the plants". Alexa refuses a reminder with SSML and no text.',
		);
	}
	const disallowed = disallowedCharacter(text);
	if (disallowed) {
		throw new InputProblem(
			textField,
			`has the character ${disallowed.name} at character ${disallowed.index + 1}, which Alexa cannot say`,
			'Remove the control character from the text.',
		);
	}
	const entry: SpokenText = { locale, text };
	const ssml = speechOf(textField.replace(/Text$/, 'Spoken SSML'), 'ssml', ssmlValue);
	if (ssml?.type === 'SSML') entry.ssml = ssml.ssml;
	return entry;
}
