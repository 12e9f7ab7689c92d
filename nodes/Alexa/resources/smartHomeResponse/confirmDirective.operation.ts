import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LocalOperation } from '../../shared/local/localOperations';
import { InputProblem } from '../../shared/input/validate';
import { isoTime, propertyValue } from '../../shared/smartHome/properties';
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
	type Reported,
} from './directive';
import { connectivityOk, givenProperties, merged, propertiesField } from './reported';
import { targetState } from './targetState';
import { answerTrigger } from '../../shared/local/answerTrigger';

/**
 * The answer to a directive that was carried out: `Alexa.Response` with the endpoint, the
 * correlation token, `payload: {}` and the properties the directive changed
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-response.html); for a scene,
 * `Alexa.SceneController` ActivationStarted or DeactivationStarted
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-scenecontroller.html).
 */

const properties: INodeProperties[] = [
	correlationField,
	endpointIdField,
	{
		displayName: 'Resulting Value',
		name: 'resultingValue',
		type: 'string',
		default: '',
		placeholder: '75',
		description:
			"Only for directives that change a value by a step (AdjustBrightness, AdjustVolume, AdjustRangeValue, IncreaseColorTemperature, …): the device's value after the change, which Alexa must be told and the directive does not carry. Numbers and JSON objects are sent as such.",
	},
	propertiesField(
		"Properties to report besides the directive's target state, which the node reports by itself (TurnOn: powerState ON) with Alexa.EndpointHealth connectivity OK. A property given here replaces the node's one of the same interface, instance and name.",
	),
	optionsField(directiveOptions),
];

function sceneAnswer(name: string, correlationToken: string, endpointId: string): IDataObject {
	return answerMessage({
		namespace: 'Alexa.SceneController',
		name: name === 'Activate' ? 'ActivationStarted' : 'DeactivationStarted',
		correlationToken,
		endpointId,
		payload: {
			cause: { type: 'VOICE_INTERACTION' },
			timestamp: isoTime('Timestamp', undefined),
		},
	});
}

function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const directive = directiveOf(n8n, itemIndex);
	const which = directiveName(n8n, itemIndex, directive);
	requireAnswerable(which, 'Confirm Directive');
	const correlationToken = requireCorrelationToken(n8n, itemIndex, directive);
	const endpointId = endpointIdOf(n8n, itemIndex, directive, true);
	if (
		which.namespace === 'Alexa.SceneController' &&
		(which.name === 'Activate' || which.name === 'Deactivate')
	) {
		return sceneAnswer(which.name, correlationToken, endpointId as string);
	}
	const given = givenProperties(n8n, itemIndex);
	const target = targetState(which, directive);
	let defaults: Reported[];
	if (target.kind === 'delta') {
		const { namespace, property: name } = target;
		const reportedByUser = given.some(
			({ property }) => property.namespace === namespace && property.name === name,
		);
		defaults = reportedByUser ? [] : [resultingValue(n8n, itemIndex, which.name ?? '', target)];
	} else {
		defaults = target.reported;
	}
	return answerMessage({
		namespace: 'Alexa',
		name: 'Response',
		correlationToken,
		endpointId,
		payload: {},
		properties: checkedProperties(merged([...defaults, connectivityOk()], given)),
	});
}

/** The value a delta led to, from Resulting Value: the directive cannot tell it. */
function resultingValue(
	n8n: IExecuteFunctions,
	itemIndex: number,
	directiveName: string,
	target: { namespace: string; property: string; instance?: string },
): Reported {
	const value = n8n.getNodeParameter('resultingValue', itemIndex, '') as unknown;
	if (value === '' || value === undefined || value === null) {
		throw new InputProblem(
			'Resulting Value',
			`is empty; ${target.namespace} ${directiveName} changes ${target.property} by a step, and the answer must report the ${target.property} it led to`,
			`Give the device's ${target.property} after the change in Resulting Value, or add it under Properties.`,
		);
	}
	const property: IDataObject = { namespace: target.namespace };
	if (target.instance) property.instance = target.instance;
	property.name = target.property;
	property.value = propertyValue(value) as IDataObject;
	property.timeOfSample = isoTime('Time of Sample', undefined);
	property.uncertaintyInMilliseconds = 0;
	return { field: 'Resulting Value', property };
}

export const operation: LocalOperation = {
	name: 'Confirm Directive',
	value: 'confirmDirective',
	action: 'Confirm a smart home directive',
	description:
		"Build Alexa's answer to a directive that was carried out, reporting the state it asked for (TurnOn: powerState ON); nothing is sent",
	fields: properties,
	build,
	finish: (n8n, output) => answerTrigger(n8n, output, SMART_HOME_TRIGGER),
};
