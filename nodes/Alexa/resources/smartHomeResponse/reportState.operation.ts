import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { answerTrigger } from '../../shared/local/answerTrigger';
import type { LocalOperation } from '../../shared/local/localOperations';
import {
	answerMessage,
	checkedProperties,
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
import { connectivityOk, givenProperties, merged, propertiesField } from './reported';

/**
 * The answer to `Alexa.ReportState`: `Alexa.StateReport` with the current value of every
 * retrievable property (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-statereport.html).
 */

const properties: INodeProperties[] = [
	correlationField,
	endpointIdField,
	propertiesField(
		'The current value of every property the endpoint reports. Alexa.EndpointHealth connectivity OK is added unless given here.',
	),
	optionsField(directiveOptions),
];

function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const directive = directiveOf(n8n, itemIndex);
	requireAnswerable(directiveName(n8n, itemIndex, directive), 'Report State');
	return answerMessage({
		namespace: 'Alexa',
		name: 'StateReport',
		correlationToken: requireCorrelationToken(n8n, itemIndex, directive),
		endpointId: endpointIdOf(n8n, itemIndex, directive, true),
		payload: {},
		properties: checkedProperties(merged([connectivityOk()], givenProperties(n8n, itemIndex))),
	});
}

export const operation: LocalOperation = {
	name: 'Report State',
	value: 'reportState',
	action: "Report a device's state",
	description:
		"Build Alexa's answer to a ReportState directive: the endpoint's current properties; nothing is sent",
	fields: properties,
	build,
	finish: (n8n, output) => answerTrigger(n8n, output, SMART_HOME_TRIGGER),
};
