import type { INodeProperties } from 'n8n-workflow';

import { stageProperty, userIdProperty } from '../../shared/input/skillFields';
import { localizedTextProperty, schemaFieldProperties } from './fields';
import { NOTIFICATION_SCHEMAS } from './schemas';

/** Send Notification's fields, in the order n8n shows them; its checks are in sendNotification.operation.ts. */
export const sendNotificationFields: INodeProperties[] = [
	{
		displayName: 'Audience',
		name: 'audience',
		type: 'options',
		options: [
			{
				name: 'Multicast',
				value: 'Multicast',
				description: 'Every user who allowed notifications for this event',
			},
			{ name: 'Unicast', value: 'Unicast', description: 'One user' },
		],
		default: 'Unicast',
	},
	{
		...userIdProperty,
		displayOptions: { show: { audience: ['Unicast'] } },
		description:
			'The user to notify: the userId your skill received (for example in AlexaSkillEvent.ProactiveSubscriptionChanged)',
	},
	{
		...stageProperty,
		description:
			'Development sends to the development endpoint (testers only, no notification limits); Live after certification',
	},
	{
		displayName: 'Event',
		name: 'eventSource',
		type: 'options',
		options: [
			{
				name: 'Schema Fields',
				value: 'fields',
				description: "Pick one of Amazon's schemas and fill in its fields",
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'Give the event and its localizedAttributes as JSON',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Schema',
		name: 'eventName',
		type: 'options',
		options: NOTIFICATION_SCHEMAS.map((schema) => ({
			name: schema.label,
			value: schema.name,
			description: schema.example,
		})).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'AMAZON.OrderStatus.Updated',
		displayOptions: { show: { eventSource: ['fields'] } },
		description: "The event's schema; your skill manifest must list it under events.publications",
	},
	...schemaFieldProperties,
	localizedTextProperty,
	{
		displayName: 'Event (JSON)',
		name: 'eventJson',
		type: 'json',
		default:
			'{\n  "name": "AMAZON.OrderStatus.Updated",\n  "payload": {\n    "state": { "status": "ORDER_SHIPPED" },\n    "order": { "seller": { "name": "localizedattribute:sellerName" } }\n  }\n}',
		displayOptions: { show: { eventSource: ['json'] } },
		description: 'The event: {"name": one of Amazon\'s schemas, "payload": its fields}',
	},
	{
		displayName: 'Localized Attributes (JSON)',
		name: 'localizedAttributesJson',
		type: 'json',
		default: '[\n  { "locale": "en-US", "sellerName": "Example Shop" }\n]',
		displayOptions: { show: { eventSource: ['json'] } },
		description:
			'An array with one object per locale: its locale and the text for each localizedattribute: the event names',
	},
	{
		displayName: 'Options',
		name: 'notificationOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expiry Time',
				name: 'expiryTime',
				type: 'dateTime',
				default: '',
				description:
					'When Alexa removes the notification: 5 minutes to 24 hours from now, and 5 minutes to 24 hours after the Timestamp. Default: 23 hours from now (or from the Timestamp, if that is earlier).',
			},
			{
				displayName: 'Reference ID',
				name: 'referenceId',
				type: 'string',
				default: '',
				description:
					'Identifies the event; a user gets one notification per Reference ID. Default: a new UUID per item. Set your own (for example the order number and status) to make a repeat harmless. At most 100 letters, digits, - and ~ (no _ or .).',
			},
			{
				displayName: 'Timestamp',
				name: 'timestamp',
				type: 'dateTime',
				default: '',
				description: 'When the event happened. Default: now.',
			},
		],
	},
];
