import { updateDisplayOptions, type IExecuteSingleFunctions, type INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/requestPlan';
import { requireIntegerInRange } from '../../shared/validate';
import { eventMessage, requireCorrelationToken } from './common';
import { correlationTokenProperty } from './fields';

/** Alexa waits for the real response at most this long after a DeferredResponse. */
const MAX_DEFERRAL_SECONDS = 86400;

const displayOptions = { show: { resource: ['event'], operation: ['deferredResponse'] } };

const properties: INodeProperties[] = [
	correlationTokenProperty,
	{
		displayName: 'Estimated Deferral (Seconds)',
		name: 'estimatedDeferralInSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'About how long until you send the real response; 0 leaves it out',
	},
];

export const description = updateDisplayOptions(displayOptions, properties);

export function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	const seconds = requireIntegerInRange(
		'Estimated Deferral (Seconds)',
		context.getNodeParameter('estimatedDeferralInSeconds', 0),
		0,
		MAX_DEFERRAL_SECONDS,
	);
	// A DeferredResponse is about a directive, not an endpoint: it has no endpoint, so no scope.
	return [
		eventMessage({
			namespace: 'Alexa',
			name: 'DeferredResponse',
			correlationToken: requireCorrelationToken(context),
			payload: seconds > 0 ? { estimatedDeferralInSeconds: seconds } : {},
		}),
	];
}
