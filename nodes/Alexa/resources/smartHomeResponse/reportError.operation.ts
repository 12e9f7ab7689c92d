import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { answerTrigger } from '../../shared/local/answerTrigger';
import type { LocalOperation } from '../../shared/local/localOperations';
import { errorPayload, errorTypeFields } from '../../shared/smartHome/errorTypes';
import { ERROR_TYPES } from '../../shared/smartHome/schemaRules';
import {
	answerMessage,
	correlationField,
	directiveName,
	directiveOf,
	directiveOptions,
	endpointIdField,
	endpointIdOf,
	optionsField,
	requireAnswerable,
	requireCorrelationToken,
	SMART_HOME_TRIGGER,
} from './directive';

/**
 * The answer to a directive that could not be carried out: `Alexa.ErrorResponse`
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-errorresponse.html), or the
 * ThermostatController's own ErrorResponse for its types
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-thermostatcontroller.html).
 */

/** Every type either namespace answers with, alphabetical as the picker shows them. */
const TYPES = [...ERROR_TYPES.Alexa, ...ERROR_TYPES['Alexa.ThermostatController']].sort();

const properties: INodeProperties[] = [
	correlationField,
	endpointIdField,
	...errorTypeFields(TYPES),
	optionsField(directiveOptions),
];

function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const directive = directiveOf(n8n, itemIndex);
	requireAnswerable(directiveName(n8n, itemIndex, directive), 'Report Error');
	const { namespace, payload } = errorPayload(
		(name, fallback) => n8n.getNodeParameter(name, itemIndex, fallback),
		TYPES,
	);
	return answerMessage({
		namespace,
		name: 'ErrorResponse',
		correlationToken: requireCorrelationToken(n8n, itemIndex, directive),
		endpointId: endpointIdOf(n8n, itemIndex, directive, false),
		payload,
	});
}

export const operation: LocalOperation = {
	name: 'Report Error',
	value: 'reportError',
	action: 'Report a smart home error',
	description:
		"Build Alexa's answer to a directive that could not be carried out (device unreachable, value out of range, …); nothing is sent",
	fields: properties,
	build,
	finish: (n8n, output) => answerTrigger(n8n, output, SMART_HOME_TRIGGER),
};
