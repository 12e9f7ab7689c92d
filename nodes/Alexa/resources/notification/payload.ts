import type { IDataObject } from 'n8n-workflow';

import { ALEXA_LOCALES } from '../../shared/alexa/locales';
import { InputProblem } from '../../shared/input/validate';
import { LOCALIZED_PREFIX, type NotificationSchema, type SchemaField } from './schemas';

/**
 * An event's payload and its localizedAttributes, checked against the schema table (schemas.ts)
 * before anything is sent: every field the schema requires, the values Amazon lists, whole
 * numbers, ISO 8601 times, and localized text for every locale.
 */

/** ISO 8601 date and time, with or without seconds and a zone (without one, the n8n server's). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A date and time as Alexa wants it (ISO 8601, UTC), from text or a Luxon DateTime ($now). */
export function isoDateTime(field: string, value: unknown): string {
	const text =
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
			? String((value as { toISO: () => string }).toISO())
			: value instanceof Date
				? value.toISOString()
				: value;
	const ms =
		typeof text === 'string' && ISO_DATE_TIME.test(text.trim()) ? Date.parse(text.trim()) : NaN;
	if (Number.isNaN(ms)) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(text)}; it must be an ISO 8601 date and time`,
			`Give ${field} as for example 2026-11-22T18:30:00Z, or {{ $now.plus({ days: 1 }).toISO() }}.`,
		);
	}
	return new Date(ms).toISOString();
}

export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function valueAt(payload: IDataObject, path: string): unknown {
	let value: unknown = payload;
	for (const key of path.split('.')) {
		if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

export function setAt(payload: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let target = payload;
	for (const key of keys.slice(0, -1)) {
		if (!target[key] || typeof target[key] !== 'object') target[key] = {};
		target = target[key] as IDataObject;
	}
	target[keys[keys.length - 1]] = value as IDataObject[string];
}

/** How a field is named in an error: its editor name, or its path in the JSON event. */
export type FieldLabel = (field: SchemaField) => string;

/** Checks a payload against its schema; returns it as is. */
export function checkPayload(
	schema: NotificationSchema,
	payload: IDataObject,
	label: FieldLabel,
): IDataObject {
	const activeGroups = new Set(
		schema.fields
			.filter((field) => field.togetherWith && !isEmpty(valueAt(payload, field.path)))
			.map((field) => field.togetherWith),
	);
	for (const field of schema.fields) {
		const value = valueAt(payload, field.path);
		if (isEmpty(value)) {
			if (
				field.required ||
				(field.togetherWith !== undefined && activeGroups.has(field.togetherWith))
			) {
				const why = field.required
					? `${schema.name} requires it`
					: `${schema.name} requires it with the other ${field.togetherWith} fields`;
				throw new InputProblem(label(field), `is empty; ${why}`, `Fill in ${label(field)}.`);
			}
			continue;
		}
		checkValue(schema, field, value, label(field));
	}
	return payload;
}

function checkValue(
	schema: NotificationSchema,
	field: SchemaField,
	value: unknown,
	name: string,
): void {
	const values = field.values ?? [];
	switch (field.kind) {
		case 'text':
		case 'localized':
			if (typeof value !== 'string')
				throw new InputProblem(
					name,
					`is ${kindOf(value)}; it must be text`,
					`Give ${name} as text.`,
				);
			return;
		case 'integer':
			if (typeof value !== 'number' || !Number.isInteger(value) || value < (field.min ?? 0)) {
				throw new InputProblem(
					name,
					`is ${JSON.stringify(value)}; it must be a whole number from ${field.min ?? 0}`,
					`Set ${name} to a whole number.`,
				);
			}
			return;
		case 'enum':
			if (typeof value !== 'string' || !values.includes(value)) {
				throw new InputProblem(
					name,
					`is ${JSON.stringify(value)}; ${schema.name} allows ${values.join(', ')}`,
					`Use one of the values Amazon lists for ${name}.`,
				);
			}
			return;
		case 'enumList': {
			const list = Array.isArray(value) ? value : [value];
			const wrong = list.find((entry) => typeof entry !== 'string' || !values.includes(entry));
			if (wrong !== undefined || !Array.isArray(value)) {
				throw new InputProblem(
					name,
					`has ${JSON.stringify(wrong ?? value)}; ${schema.name} allows a list of ${values.join(', ')}`,
					`Use only the values Amazon lists for ${name}.`,
				);
			}
			if (new Set(list).size !== list.length)
				throw new InputProblem(name, 'names a value twice', `Give each value of ${name} once.`);
			return;
		}
		case 'dateTime':
			isoDateTime(name, value);
			return;
	}
}

function kindOf(value: unknown): string {
	return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** The keys a payload's `localizedattribute:<key>` values refer to. */
export function localizedKeysOf(payload: unknown, keys = new Set<string>()): Set<string> {
	if (typeof payload === 'string' && payload.startsWith(LOCALIZED_PREFIX))
		keys.add(payload.slice(LOCALIZED_PREFIX.length));
	else if (payload && typeof payload === 'object')
		for (const value of Object.values(payload)) localizedKeysOf(value, keys);
	return keys;
}

/**
 * localizedAttributes: at least one locale (Alexa renders the notification per locale), each
 * locale once and as Amazon writes it, and every key the payload refers to, as text, in every
 * entry.
 */
export function checkLocalizedAttributes(
	field: string,
	entries: unknown,
	payload: IDataObject,
): IDataObject[] {
	if (!Array.isArray(entries) || entries.length === 0) {
		throw new InputProblem(
			field,
			'has no locale; at least one is needed',
			'Add a locale (for example en-US) with the text Alexa should use for it.',
		);
	}
	const seen = new Set<string>();
	const keys = [...localizedKeysOf(payload)];
	for (const [index, entry] of entries.entries()) {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new InputProblem(
				field,
				`entry ${index + 1} is ${kindOf(entry)}; each entry must be an object with a locale`,
				'Write each entry as {"locale": "en-US", ...}.',
			);
		}
		const locale = (entry as IDataObject).locale;
		if (typeof locale !== 'string' || !ALEXA_LOCALES.includes(locale)) {
			throw new InputProblem(
				field,
				`entry ${index + 1} has locale ${JSON.stringify(locale)}; Alexa's locales are ${ALEXA_LOCALES.join(', ')}`,
				'Write the locale as Amazon does: language, hyphen, REGION (en-US, de-DE).',
			);
		}
		if (seen.has(locale))
			throw new InputProblem(
				field,
				`has the locale ${locale} twice`,
				'Give each locale once, with all its texts.',
			);
		seen.add(locale);
		for (const key of keys) {
			const text = (entry as IDataObject)[key];
			if (typeof text !== 'string' || text.trim() === '') {
				throw new InputProblem(
					field,
					`has no text for "${key}" in ${locale}; the event refers to ${LOCALIZED_PREFIX}${key}`,
					`Give "${key}" for every locale.`,
				);
			}
		}
	}
	return entries as IDataObject[];
}
