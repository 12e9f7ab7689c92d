import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem, requireNonEmptyString } from '../input/validate';
import { clock } from '../util/clock';

/** Alexa properties as the editor shows them and as events carry them ("Alexa.ChangeReport", context properties). */

/** An ISO 8601 UTC time, `now` when empty. `withMilliseconds: false` for fields Amazon's schema allows no fraction in. */
export function isoTime(field: string, value: unknown, withMilliseconds = true): string {
	let date: Date;
	if (value === undefined || value === null || value === '') {
		date = new Date(clock.now());
	} else if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) {
		date = new Date(value);
	} else {
		date = new Date(String(value));
	}
	if (Number.isNaN(date.getTime())) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(value)}, which is not a date and time`,
			`Give ${field} as ISO 8601, for example 2026-11-22T08:30:00Z, or leave it empty for now.`,
		);
	}
	const text = date.toISOString();
	return withMilliseconds ? text : text.replace(/\.\d{3}Z$/, 'Z');
}

/** How JSON text starts: an object, array, string, number, true, false or null. */
const JSON_START = /^([[{"\d-]|true$|false$|null$)/;

/**
 * A property value as typed in the editor: numbers, true/false and JSON objects are sent as
 * such, anything else as text ("ON"). A value that arrives already typed (from an expression)
 * is kept as it is.
 */
export function propertyValue(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	// Text that cannot be JSON ("ON") is not parsed: JSON.parse's exception costs more than the
	// rest of the item's checks together (a real-n8n profile of 2,000 Change Reports).
	if (!JSON_START.test(text)) return value;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return value;
	}
}

/** A list of Alexa properties in the editor: namespace, instance, name, value, time, uncertainty. */
export function propertyCollection(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Property',
		default: {},
		description,
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					{
						displayName: 'Instance',
						name: 'instance',
						type: 'string',
						default: '',
						placeholder: 'Blinds.Position',
						description: 'Only for multi-instance interfaces (Toggle, Mode, Range controllers)',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'powerState',
					},
					{
						displayName: 'Namespace',
						name: 'namespace',
						type: 'string',
						default: '',
						placeholder: 'Alexa.PowerController',
						description: 'The interface the property belongs to',
					},
					{
						displayName: 'Time of Sample',
						name: 'timeOfSample',
						type: 'string',
						default: '',
						placeholder: '2026-11-22T08:30:00Z',
						description: 'When the value was read, ISO 8601. Empty means now.',
					},
					{
						displayName: 'Uncertainty (Ms)',
						name: 'uncertaintyInMilliseconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'How many milliseconds old the value may be',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'ON',
						description:
							'Numbers, true/false and JSON objects (for example {"value": 21.5, "scale": "CELSIUS"}) are sent as such; anything else as text',
					},
				],
			},
		],
	};
}

/** The rows of a property collection (its `<name>.property` parameter), checked, in Alexa's shape. */
export function readProperties(
	rows: IDataObject[],
	field: string,
	required: boolean,
): IDataObject[] {
	if (required && rows.length === 0) {
		throw new InputProblem(
			field,
			'has no property; at least one is required',
			`Add the property that changed to ${field}.`,
		);
	}
	return rows.map((row, index) => {
		const label = `${field} #${index + 1}`;
		const namespace = requireNonEmptyString(
			`${label} Namespace`,
			row.namespace,
			'Give the interface, for example Alexa.PowerController.',
		);
		const propertyName = requireNonEmptyString(
			`${label} Name`,
			row.name,
			'Give the property name, for example powerState.',
		);
		if (row.value === undefined || row.value === '') {
			throw new InputProblem(`${label} Value`, 'is empty', "Give the property's current value.");
		}
		const uncertainty = row.uncertaintyInMilliseconds ?? 0;
		if (typeof uncertainty !== 'number' || !Number.isFinite(uncertainty) || uncertainty < 0) {
			throw new InputProblem(
				`${label} Uncertainty`,
				`is ${JSON.stringify(uncertainty)}; it must be 0 or more`,
				'Give a number of milliseconds.',
			);
		}
		const property: IDataObject = { namespace };
		if (typeof row.instance === 'string' && row.instance.trim() !== '')
			property.instance = row.instance.trim();
		property.name = propertyName;
		property.value = propertyValue(row.value) as IDataObject;
		property.timeOfSample = isoTime(`${label} Time of Sample`, row.timeOfSample);
		property.uncertaintyInMilliseconds = uncertainty;
		return property;
	});
}
