import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
import { requireEndpointId } from '../../shared/smartHome/checks';
import { errorPayload, errorTypeFields } from '../../shared/smartHome/errorTypes';
import { ERROR_TYPES } from '../../shared/smartHome/schemaRules';
import { correlationTokenProperty, endpointIdProperty, requireCorrelationToken } from './fields';
import { eventMessage, eventOperation } from './message';

/** The error types of Alexa.ErrorResponse, from Amazon's schema. */
const TYPES = ERROR_TYPES.Alexa;

const properties: INodeProperties[] = [
	correlationTokenProperty,
	// Required: an asynchronous ErrorResponse goes to the gateway, which needs the customer's
	// token in endpoint.scope (Amazon's Alexa.ErrorResponse page, "asynchronous" responses).
	endpointIdProperty,
	...errorTypeFields(TYPES),
];

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	const { payload } = errorPayload(
		(name, fallback) => context.getNodeParameter(name, fallback),
		TYPES,
	);
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'ErrorResponse',
			correlationToken: requireCorrelationToken(context),
			endpointId: requireEndpointId('Endpoint ID', context.getNodeParameter('endpointId')),
			payload,
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
