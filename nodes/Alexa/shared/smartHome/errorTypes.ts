import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem, requireNonEmptyString } from '../input/validate';
import { DEVICE_MODES, ERROR_TYPES, TEMPERATURE_SCALES } from './schemaRules';

/**
 * The error answer to a directive, `payload: {type, message, …}`, with the fields some types add
 * (Amazon's schema, `Alexa.ErrorResponse` and `Alexa.ThermostatController.ErrorResponse`; the
 * Alexa.ErrorResponse page: https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-errorresponse.html).
 * Event → Send Error Response sends it to the Event Gateway; Smart Home Response → Report Error
 * returns it to Alexa.
 */

/** Reads one of the operation's parameters for the item (the two resources read them differently). */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;

/** The namespace an error type is answered in. */
export function errorNamespace(type: string): string | undefined {
	return Object.entries(ERROR_TYPES).find(([, types]) =>
		(types as readonly string[]).includes(type),
	)?.[0];
}

function titleCase(value: string): string {
	return value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** The fields of an error answer, for the given error types: the type, the message, and each type's own fields. */
export function errorTypeFields(types: readonly string[]): INodeProperties[] {
	const showFor = (...only: string[]) => ({
		show: { errorType: only.filter((type) => types.includes(type)) },
	});
	const fields: INodeProperties[] = [
		{
			displayName: 'Error Type',
			name: 'errorType',
			type: 'options',
			options: types.map((type) => ({ name: titleCase(type), value: type })),
			default: 'ENDPOINT_UNREACHABLE',
			description: 'Why the directive could not be carried out',
		},
		{
			displayName: 'Message',
			name: 'errorMessage',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'The device is offline',
			description: 'For your logs; Alexa does not read it to the customer',
		},
		{
			displayName: 'Battery Percentage',
			name: 'percentageState',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 10,
			displayOptions: showFor('ENDPOINT_LOW_POWER'),
		},
		{
			displayName: 'Current Device Mode',
			name: 'currentDeviceMode',
			type: 'options',
			options: DEVICE_MODES.map((mode) => ({ name: titleCase(mode), value: mode })),
			default: 'OTHER',
			displayOptions: showFor('NOT_SUPPORTED_IN_CURRENT_MODE'),
		},
		{
			displayName: 'Minimum Value',
			name: 'minimumValue',
			type: 'number',
			default: 0,
			displayOptions: showFor('VALUE_OUT_OF_RANGE', 'TEMPERATURE_VALUE_OUT_OF_RANGE'),
		},
		{
			displayName: 'Maximum Value',
			name: 'maximumValue',
			type: 'number',
			default: 100,
			displayOptions: showFor('VALUE_OUT_OF_RANGE', 'TEMPERATURE_VALUE_OUT_OF_RANGE'),
		},
		{
			displayName: 'Minimum Temperature Delta',
			name: 'minimumTemperatureDelta',
			type: 'number',
			default: 2,
			description: 'How far apart the setpoints must be at least',
			displayOptions: showFor('REQUESTED_SETPOINTS_TOO_CLOSE'),
		},
		{
			displayName: 'Temperature Scale',
			name: 'temperatureScale',
			type: 'options',
			options: TEMPERATURE_SCALES.map((scale) => ({ name: titleCase(scale), value: scale })),
			default: 'CELSIUS',
			displayOptions: showFor('TEMPERATURE_VALUE_OUT_OF_RANGE', 'REQUESTED_SETPOINTS_TOO_CLOSE'),
		},
	];
	return fields.filter((field) => field.displayOptions?.show?.errorType?.length !== 0);
}

function requireNumber(field: string, value: unknown, min?: number, max?: number): number {
	const range = min === undefined ? '' : ` from ${min} to ${max}`;
	if (
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		(min !== undefined && value < min) ||
		(max !== undefined && value > max)
	) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(value)}; it must be a number${range}`,
			`Give ${field} as a number${range}.`,
		);
	}
	return value;
}

function requireOneOf(field: string, value: unknown, allowed: readonly string[]): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(value)}; it must be one of ${allowed.join(', ')}`,
			`Pick ${field} from the list.`,
		);
	}
	return value;
}

/** The fields some error types add to the payload, checked as the schema types them. */
function typeSpecificFields(read: ParameterReader, type: string): IDataObject {
	const range = () => {
		const minimum = requireNumber('Minimum Value', read('minimumValue'));
		const maximum = requireNumber('Maximum Value', read('maximumValue'));
		if (minimum > maximum) {
			throw new InputProblem(
				'Minimum Value',
				`(${minimum}) is above Maximum Value (${maximum})`,
				'Swap them.',
			);
		}
		return { minimum, maximum };
	};
	const scale = () =>
		requireOneOf('Temperature Scale', read('temperatureScale'), TEMPERATURE_SCALES);
	switch (type) {
		case 'ENDPOINT_LOW_POWER':
			return {
				percentageState: requireNumber('Battery Percentage', read('percentageState'), 0, 100),
			};
		case 'NOT_SUPPORTED_IN_CURRENT_MODE':
			return {
				currentDeviceMode: requireOneOf(
					'Current Device Mode',
					read('currentDeviceMode'),
					DEVICE_MODES,
				),
			};
		case 'VALUE_OUT_OF_RANGE': {
			const { minimum, maximum } = range();
			return { validRange: { minimumValue: minimum, maximumValue: maximum } };
		}
		case 'TEMPERATURE_VALUE_OUT_OF_RANGE': {
			const { minimum, maximum } = range();
			const unit = scale();
			return {
				validRange: {
					minimumValue: { value: minimum, scale: unit },
					maximumValue: { value: maximum, scale: unit },
				},
			};
		}
		case 'REQUESTED_SETPOINTS_TOO_CLOSE': {
			// The schema's setpoint values run from -100 to 100, a delta too.
			const delta = requireNumber(
				'Minimum Temperature Delta',
				read('minimumTemperatureDelta'),
				0,
				100,
			);
			return { minimumTemperatureDelta: { value: delta, scale: scale() } };
		}
		default:
			return {};
	}
}

/** The error answer's namespace and payload, from the fields, for one of `types`. */
export function errorPayload(
	read: ParameterReader,
	types: readonly string[],
): { namespace: string; payload: IDataObject } {
	const type = read('errorType') as string;
	const namespace = errorNamespace(type);
	if (!types.includes(type) || !namespace) {
		throw new InputProblem(
			'Error Type',
			`"${type}" is not one of Alexa's error types`,
			`Use one of: ${types.join(', ')}.`,
		);
	}
	const message = requireNonEmptyString(
		'Message',
		read('errorMessage'),
		'Say what went wrong, for your logs.',
	);
	return { namespace, payload: { type, message, ...typeSpecificFields(read, type) } };
}
