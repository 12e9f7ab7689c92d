import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { answerTrigger } from '../../shared/local/answerTrigger';
import type { LocalOperation } from '../../shared/local/localOperations';
import { requireIntegerInRange } from '../../shared/input/validate';
import {
	answerMessage,
	correlationField,
	directiveName,
	directiveOf,
	directiveOptions,
	optionsField,
	requireAnswerable,
	requireCorrelationToken,
	SMART_HOME_TRIGGER,
} from './directive';

/**
 * `Alexa.DeferredResponse`: the answer follows later, for a device that takes longer than Alexa's
 * eight seconds (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-response.html,
 * "Deferred"). Only the correlation token and `estimatedDeferralInSeconds`, an int32 in Amazon's
 * schema; the schema allows no endpoint in it.
 */

const MAX_SECONDS = 2_147_483_647;

const properties: INodeProperties[] = [
	correlationField,
	{
		displayName: 'Estimated Seconds',
		name: 'estimatedDeferralInSeconds',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 20,
		description: 'About how many seconds until the real answer, a whole number',
	},
	optionsField(directiveOptions),
];

function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const directive = directiveOf(n8n, itemIndex);
	requireAnswerable(directiveName(n8n, itemIndex, directive), 'Defer Answer');
	const seconds = requireIntegerInRange(
		'Estimated Seconds',
		n8n.getNodeParameter('estimatedDeferralInSeconds', itemIndex),
		1,
		MAX_SECONDS,
	);
	return answerMessage({
		namespace: 'Alexa',
		name: 'DeferredResponse',
		correlationToken: requireCorrelationToken(n8n, itemIndex, directive),
		payload: { estimatedDeferralInSeconds: seconds },
	});
}

export const operation: LocalOperation = {
	name: 'Defer Answer',
	value: 'deferAnswer',
	action: 'Defer the answer to a directive',
	description:
		"Tell Alexa the answer comes later (a device slower than Alexa's 8 seconds); send the real answer afterwards with Event → Send Response or Send State Report to the Event Gateway. Nothing is sent here.",
	fields: properties,
	build,
	finish: (n8n, output) => answerTrigger(n8n, output, SMART_HOME_TRIGGER),
};
