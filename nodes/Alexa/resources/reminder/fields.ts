import type { INodeProperties } from 'n8n-workflow';

import { ALEXA_LOCALES } from '../../shared/alexa/locales';
import { WEEK_DAYS } from './schedule';

/**
 * The fields of Create and Update, for the body (`ReminderRequest` in the ASK SDK; "Alexa Reminders API
 * Reference"): requestTime, trigger, alertInfo.spokenInfo.content[] with locale, text and
 * optional ssml, pushNotification.status. Amazon's pages: `text` is what Alexa shows and, without
 * `ssml`, says; a content entry with ssml and no text is refused (INVALID_ALERT_INFO, seen on a
 * device: docs/alexa-facts.md, "Reminders"), so Text is always required.
 */
const absolute = { show: { trigger: ['scheduledAbsolute'] } };

export const reminderFields: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'Water the plants',
		description:
			'What Alexa says when the reminder goes off, and shows in the Alexa app. Amazon suggests short texts: about 25 characters fit on a small screen.',
	},
	{
		displayName: 'Trigger',
		name: 'trigger',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'At a Date and Time',
				value: 'scheduledAbsolute',
				description: 'At a local date and time, once or repeating (SCHEDULED_ABSOLUTE)',
			},
			{
				name: 'After a Delay',
				value: 'scheduledRelative',
				description: 'A number of seconds from now (SCHEDULED_RELATIVE)',
			},
		],
		default: 'scheduledAbsolute',
	},
	{
		displayName: 'Date and Time',
		name: 'scheduledTime',
		type: 'string',
		default: '',
		required: true,
		displayOptions: absolute,
		placeholder: '2026-12-24T18:00:00',
		description:
			"The local date and time, with no offset: Alexa reads it in Time Zone, or in the device's own time zone when Time Zone is empty. A time with an offset (such as {{ $now }}) is turned into Time Zone's local time. For a repeating reminder, the first time.",
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		displayOptions: absolute,
		placeholder: 'America/Los_Angeles',
		description:
			"The IANA time zone of Date and Time. Empty: the device's own time zone. Device Settings → Get Time Zone gives the device's; Amazon advises setting it.",
	},
	{
		displayName: 'Delay (Seconds)',
		name: 'offsetInSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3600,
		required: true,
		displayOptions: { show: { trigger: ['scheduledRelative'] } },
		description: 'How long from now the reminder goes off, in seconds (3600 is an hour)',
	},
	{
		displayName: 'Repeat',
		name: 'repeat',
		type: 'options',
		noDataExpression: true,
		displayOptions: absolute,
		options: [
			{ name: 'Never', value: 'never' },
			{
				name: 'Daily',
				value: 'daily',
				description: 'Every day (or every few days) at the time of Date and Time',
			},
			{
				name: 'Weekly',
				value: 'weekly',
				description: 'On the days chosen, at the time of Date and Time',
			},
			{
				name: 'Custom Rules',
				value: 'rules',
				description: 'RFC 5545 recurrence rules, one per line',
			},
		],
		default: 'never',
	},
	{
		displayName: 'Days',
		name: 'days',
		type: 'multiOptions',
		options: WEEK_DAYS,
		default: ['MO'],
		displayOptions: { show: { trigger: ['scheduledAbsolute'], repeat: ['weekly'] } },
	},
	{
		displayName: 'Every',
		name: 'interval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: { show: { trigger: ['scheduledAbsolute'], repeat: ['daily', 'weekly'] } },
		description: 'Every how many days (Daily) or weeks (Weekly)',
	},
	{
		displayName: 'Recurrence Rules',
		name: 'recurrenceRules',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		displayOptions: { show: { trigger: ['scheduledAbsolute'], repeat: ['rules'] } },
		placeholder: 'FREQ=DAILY;BYHOUR=6;BYMINUTE=10;BYSECOND=0;INTERVAL=1',
		description: 'One RFC 5545 rule per line (recurrenceRules)',
	},
	{
		displayName: 'Repeat Until',
		name: 'repeatUntil',
		type: 'string',
		default: '',
		displayOptions: {
			show: { trigger: ['scheduledAbsolute'], repeat: ['daily', 'weekly', 'rules'] },
		},
		placeholder: '2027-06-30T23:59:00',
		description: 'The local date and time the repetition ends (endDateTime). Empty: it never ends.',
	},
	{
		displayName: 'Locale',
		name: 'locale',
		type: 'string',
		default: '',
		placeholder: 'en-US',
		description:
			"The locale of Text. Empty: the locale of the request Alexa sent the skill (the Alexa Trigger's).",
	},
	{
		displayName: 'Push Notification',
		name: 'pushNotification',
		type: 'boolean',
		default: true,
		description: 'Whether the Alexa app on the phone also shows the reminder',
	},
	{
		displayName: 'Options',
		name: 'reminderOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Spoken SSML',
				name: 'ssml',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description:
					'What Alexa says instead of Text, as SSML (&lt;speak&gt; is added when missing); Text is still shown in the app',
			},
			{
				displayName: 'Other Locales',
				name: 'otherLocales',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Locale',
				default: {},
				description: 'The same reminder in more languages, for a skill with several locales',
				options: [
					{
						displayName: 'Locale',
						name: 'locale',
						values: [
							{
								displayName: 'Locale',
								name: 'locale',
								type: 'options',
								options: ALEXA_LOCALES.map((locale) => ({ name: locale, value: locale })),
								default: 'en-GB',
							},
							{
								displayName: 'Text',
								name: 'text',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Spoken SSML',
								name: 'ssml',
								type: 'string',
								default: '',
							},
						],
					},
				],
			},
		],
	},
];
