import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
import { InputProblem, requireNonEmptyString } from '../../shared/input/validate';
import {
	correlationTokenProperty,
	endpointIdProperty,
	requireCorrelationToken,
	requireEndpointId,
} from './fields';
import { eventMessage, eventOperation } from './message';

/** The error types of Alexa.ErrorResponse, from Amazon's schema. */
const ERROR_TYPES = [
	'ALREADY_IN_OPERATION',
	'BRIDGE_UNREACHABLE',
	'CLOUD_CONTROL_DISABLED',
	'ENDPOINT_BUSY',
	'ENDPOINT_LOW_POWER',
	'ENDPOINT_UNREACHABLE',
	'EXPIRED_AUTHORIZATION_CREDENTIAL',
	'FIRMWARE_OUT_OF_DATE',
	'HARDWARE_MALFUNCTION',
	'HDMI_CEC_DISABLED_ON_DEVICE',
	'HDMI_CEC_NOT_PRESENT',
	'INSUFFICIENT_PERMISSIONS',
	'INTERNAL_ERROR',
	'INVALID_AUTHORIZATION_CREDENTIAL',
	'INVALID_DIRECTIVE',
	'INVALID_VALUE',
	'NO_SUCH_ENDPOINT',
	'NOT_CALIBRATED',
	'NOT_IN_OPERATION',
	'NOT_SUPPORTED_IN_CURRENT_MODE',
	'PARTNER_OUTAGE',
	'POWER_LEVEL_NOT_SUPPORTED',
	'RATE_LIMIT_EXCEEDED',
	'TEMPERATURE_VALUE_OUT_OF_RANGE',
	'TOO_MANY_FAILED_ATTEMPTS',
	'VALUE_OUT_OF_RANGE',
];

const DEVICE_MODES = ['COLOR', 'ASLEEP', 'NOT_PROVISIONED', 'OTHER'];
const TEMPERATURE_SCALES = ['CELSIUS', 'FAHRENHEIT', 'KELVIN'];

function titleCase(value: string): string {
	return value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

const showFor = (...types: string[]) => ({ show: { errorType: types } });

const properties: INodeProperties[] = [
	correlationTokenProperty,
	// Required: an asynchronous ErrorResponse goes to the gateway, which needs the customer's
	// token in endpoint.scope (Amazon's Alexa.ErrorResponse page, "asynchronous" responses).
	endpointIdProperty,
	{
		displayName: 'Error Type',
		name: 'errorType',
		type: 'options',
		options: ERROR_TYPES.map((type) => ({ name: titleCase(type), value: type })),
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
		displayName: 'Temperature Scale',
		name: 'temperatureScale',
		type: 'options',
		options: TEMPERATURE_SCALES.map((scale) => ({ name: titleCase(scale), value: scale })),
		default: 'CELSIUS',
		displayOptions: showFor('TEMPERATURE_VALUE_OUT_OF_RANGE'),
	},
];

function requireNumber(field: string, value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new InputProblem(
			field,
			`is ${JSON.stringify(value)}; it must be a number`,
			`Give ${field} as a number.`,
		);
	}
	return value;
}

/** The fields some error types add to the payload. */
function typeSpecificFields(context: IExecuteSingleFunctions, type: string): IDataObject {
	const range = () => {
		const minimum = requireNumber('Minimum Value', context.getNodeParameter('minimumValue'));
		const maximum = requireNumber('Maximum Value', context.getNodeParameter('maximumValue'));
		if (minimum > maximum) {
			throw new InputProblem(
				'Minimum Value',
				`(${minimum}) is above Maximum Value (${maximum})`,
				'Swap them.',
			);
		}
		return { minimum, maximum };
	};
	switch (type) {
		case 'ENDPOINT_LOW_POWER': {
			const percentage = requireNumber(
				'Battery Percentage',
				context.getNodeParameter('percentageState'),
			);
			if (percentage < 0 || percentage > 100) {
				throw new InputProblem(
					'Battery Percentage',
					`is ${percentage}; it must be from 0 to 100`,
					'Give a percentage.',
				);
			}
			return { percentageState: percentage };
		}
		case 'NOT_SUPPORTED_IN_CURRENT_MODE':
			return { currentDeviceMode: context.getNodeParameter('currentDeviceMode') as string };
		case 'VALUE_OUT_OF_RANGE': {
			const { minimum, maximum } = range();
			return { validRange: { minimumValue: minimum, maximumValue: maximum } };
		}
		case 'TEMPERATURE_VALUE_OUT_OF_RANGE': {
			const { minimum, maximum } = range();
			const scale = context.getNodeParameter('temperatureScale') as string;
			return {
				validRange: {
					minimumValue: { value: minimum, scale },
					maximumValue: { value: maximum, scale },
				},
			};
		}
		default:
			return {};
	}
}

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	const type = context.getNodeParameter('errorType') as string;
	if (!ERROR_TYPES.includes(type)) {
		throw new InputProblem(
			'Error Type',
			`"${type}" is not one of Alexa's error types`,
			`Use one of: ${ERROR_TYPES.join(', ')}.`,
		);
	}
	const message = requireNonEmptyString(
		'Message',
		context.getNodeParameter('errorMessage'),
		'Say what went wrong, for your logs.',
	);
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'ErrorResponse',
			correlationToken: requireCorrelationToken(context),
			endpointId: requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId')),
			payload: { type, message, ...typeSpecificFields(context, type) },
		}),
	];
}

export const operation = eventOperation({
	name: 'Send Error Response',
	value: 'errorResponse',
	action: 'Send an error response',
	description: 'Answer a directive asynchronously with an error',
	fields: properties,
	build,
});
