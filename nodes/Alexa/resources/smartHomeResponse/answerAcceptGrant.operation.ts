import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { answerTrigger } from '../../shared/local/answerTrigger';
import type { LocalOperation } from '../../shared/local/localOperations';
import { requireNonEmptyString } from '../../shared/input/validate';
import {
	answerMessage,
	directiveName,
	directiveOf,
	directiveOptions,
	optionsField,
	requireAnswerable,
	SMART_HOME_TRIGGER,
} from './directive';

/**
 * The answer to `Alexa.Authorization` AcceptGrant: `AcceptGrant.Response` with an empty payload,
 * or an `ErrorResponse` of type ACCEPT_GRANT_FAILED
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-authorization.html). Exchange
 * the grant's code first with Authorization → Exchange Grant Code.
 */

const properties: INodeProperties[] = [
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'options',
		options: [
			{
				name: 'Accepted',
				value: 'accepted',
				description: 'The grant code was exchanged for tokens',
			},
			{ name: 'Failed', value: 'failed', description: 'The exchange failed: ACCEPT_GRANT_FAILED' },
		],
		default: 'accepted',
	},
	{
		displayName: 'Message',
		name: 'failureMessage',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'The grant code could not be exchanged',
		description: 'For your logs; Alexa does not read it to the customer',
		displayOptions: { show: { outcome: ['failed'] } },
	},
	optionsField(directiveOptions),
];

function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const directive = directiveOf(n8n, itemIndex);
	requireAnswerable(directiveName(n8n, itemIndex, directive), 'Answer Accept Grant');
	if (n8n.getNodeParameter('outcome', itemIndex) !== 'failed') {
		return answerMessage({
			namespace: 'Alexa.Authorization',
			name: 'AcceptGrant.Response',
			payload: {},
		});
	}
	const message = requireNonEmptyString(
		'Message',
		n8n.getNodeParameter('failureMessage', itemIndex),
		'Say why the grant failed, for your logs.',
	);
	return answerMessage({
		namespace: 'Alexa.Authorization',
		name: 'ErrorResponse',
		payload: { type: 'ACCEPT_GRANT_FAILED', message },
	});
}

export const operation: LocalOperation = {
	name: 'Answer Accept Grant',
	value: 'answerAcceptGrant',
	action: 'Answer an accept grant directive',
	description:
		"Build Alexa's answer to AcceptGrant, sent when a customer links their account: accepted, or ACCEPT_GRANT_FAILED; nothing is sent",
	fields: properties,
	build,
	finish: (n8n, output) => answerTrigger(n8n, output, SMART_HOME_TRIGGER),
};
