import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ALEXA_LOCALES } from '../../shared/alexa/locales';
import { LOCALIZED_KEYS, NOTIFICATION_SCHEMAS, type SchemaField } from './schemas';

/**
 * The editor's fields for the schemas, made from the schema table: one field per payload value of
 * the chosen schema, and one collection of texts per locale for the localized values. Amazon's
 * values are shown as n8n lists them (sorted by name), and sent as Amazon writes them.
 */

function words(value: string): string {
	return value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

function valueOptions(values: string[]): INodePropertyOptions[] {
	return values
		.map((value) => ({ name: words(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The schemas that have this field (a field name may serve two schemas, as Provider Name does). */
function schemasWith(name: string): string[] {
	return NOTIFICATION_SCHEMAS.filter((schema) =>
		schema.fields.some((field) => field.name === name),
	).map((schema) => schema.name);
}

function fieldProperty(field: SchemaField, schemaName: string): INodeProperties {
	const base = {
		displayName: field.displayName,
		name: field.name,
		required: field.required,
		description: field.description,
		displayOptions: { show: { eventSource: ['fields'], eventName: [schemaName] } },
	};
	switch (field.kind) {
		case 'enum':
			return {
				...base,
				type: 'options',
				options: field.required
					? valueOptions(field.values ?? [])
					: [{ name: '(Not Set)', value: '' }, ...valueOptions(field.values ?? [])],
				default: field.required ? (field.values ?? [''])[0] : '',
			};
		case 'enumList':
			return {
				...base,
				type: 'multiOptions',
				options: valueOptions(field.values ?? []),
				default: [],
			};
		case 'integer':
			return {
				...base,
				type: 'number',
				typeOptions: { minValue: field.min ?? 0 },
				default: field.required ? (field.min ?? 0) : '',
			};
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		default:
			return { ...base, type: 'string', default: '' };
	}
}

export const schemaFieldProperties: INodeProperties[] = NOTIFICATION_SCHEMAS.flatMap((schema) =>
	schema.fields
		.filter((field) => field.kind !== 'localized')
		.map((field) => fieldProperty(field, schema.name)),
);

/** The localized fields' labels and descriptions, per key (a key two schemas share has one field). */
function localizedField(key: string): SchemaField {
	return NOTIFICATION_SCHEMAS.flatMap((schema) => schema.fields).find(
		(field) => field.name === key,
	)!;
}

export const localizedTextProperty: INodeProperties = {
	displayName: 'Text per Locale',
	name: 'localizedText',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Locale',
	default: {},
	displayOptions: { show: { eventSource: ['fields'] } },
	description:
		'The localizedAttributes: for each locale of your skill, the texts Alexa uses in the notification',
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
					default: 'en-US',
				},
				...LOCALIZED_KEYS.map((key): INodeProperties => {
					const field = localizedField(key);
					return {
						displayName: field.displayName,
						name: key,
						type: 'string',
						default: '',
						description: field.description,
						displayOptions: { show: { '/eventName': schemasWith(key) } },
					};
				}),
			],
		},
	],
};
