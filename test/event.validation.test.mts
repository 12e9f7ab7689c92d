/**
 * Event → input checks: an invalid item is refused before anything is sent, with the item, the field and what to do.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { power, useEventTests } from './harness/events.mts';

const test = useEventTests();
const { sendEvent, assertWellFormedEvents } = test;

describe('Event: validation before sending', () => {
	const cases: Array<[string, string, INodeParameters, RegExp]> = [
		[
			'an empty endpoint ID',
			'changeReport',
			{ endpointId: '={{ "" }}', changedProperties: { property: [power('ON')] } },
			/^Item 0: Endpoint ID is empty/,
		],
		[
			'an endpoint ID with a space',
			'changeReport',
			{ endpointId: 'lamp 1', changedProperties: { property: [power('ON')] } },
			/Endpoint ID "lamp 1" is not a valid endpoint ID: at most 256 characters/,
		],
		[
			'no changed property',
			'changeReport',
			{ endpointId: 'lamp-1' },
			/Changed Properties has no property; at least one is required/,
		],
		[
			'a property without a name',
			'changeReport',
			{
				endpointId: 'lamp-1',
				changedProperties: { property: [{ namespace: 'Alexa.PowerController', value: 'ON' }] },
			},
			/Changed Properties #1 Name is empty/,
		],
		[
			'a time of sample that is not a date',
			'changeReport',
			{
				endpointId: 'lamp-1',
				changedProperties: { property: [{ ...power('ON'), timeOfSample: 'yesterday' }] },
			},
			/Time of Sample is "yesterday", which is not a date/,
		],
		[
			'an empty correlation token',
			'response',
			{ correlation: '={{ "" }}', endpointId: 'lamp-1' },
			/Correlation Token is empty/,
		],
		[
			'endpoints that are not JSON',
			'addOrUpdateReport',
			{ endpoints: '[{' },
			/Endpoints \(JSON\) is not valid JSON/,
		],
		['an empty endpoint list', 'addOrUpdateReport', { endpoints: '[]' }, /has no endpoints/],
		[
			'an endpoint without a friendly name',
			'addOrUpdateReport',
			{
				endpoints: JSON.stringify([
					{
						endpointId: 'a',
						manufacturerName: 'm',
						description: 'd',
						displayCategories: ['LIGHT'],
						capabilities: [{}],
					},
				]),
			},
			/Endpoints \(JSON\) #1 friendlyName must be text of 1 to 128 characters/,
		],
		[
			'a repeated endpoint',
			'addOrUpdateReport',
			{
				endpoints: JSON.stringify(
					[1, 2].map(() => ({
						endpointId: 'same',
						manufacturerName: 'm',
						friendlyName: 'f',
						description: 'd',
						displayCategories: ['LIGHT'],
						capabilities: [{}],
					})),
				),
			},
			/#2 repeats endpointId "same"/,
		],
		[
			'no endpoint IDs to delete',
			'deleteReport',
			{ endpointIds: '={{ "" }}' },
			/Endpoint IDs is empty/,
		],
		[
			'an error range upside down',
			'errorResponse',
			{
				correlation: 't',
				endpointId: 'lamp-1',
				errorType: 'VALUE_OUT_OF_RANGE',
				errorMessage: 'm',
				minimumValue: 10,
				maximumValue: 1,
			},
			/Minimum Value \(10\) is above Maximum Value \(1\)/,
		],
		[
			'an error response without an endpoint ID',
			'errorResponse',
			{ correlation: 't', endpointId: '={{ "" }}', errorType: 'INTERNAL_ERROR', errorMessage: 'm' },
			/Endpoint ID is empty/,
		],
		[
			'an error response without a correlation token',
			'errorResponse',
			{
				correlation: '={{ "" }}',
				endpointId: 'lamp-1',
				errorType: 'INTERNAL_ERROR',
				errorMessage: 'm',
			},
			/Correlation Token is empty/,
		],
		[
			'a response without an endpoint ID',
			'response',
			{ correlation: 't', endpointId: '={{ "" }}' },
			/Endpoint ID is empty/,
		],
		[
			'a state report without an endpoint ID',
			'stateReport',
			{ correlation: 't', endpointId: '={{ "" }}', contextProperties: { property: [power('ON')] } },
			/Endpoint ID is empty/,
		],
		[
			'a state report without a correlation token',
			'stateReport',
			{
				correlation: '={{ "" }}',
				endpointId: 'lamp-1',
				contextProperties: { property: [power('ON')] },
			},
			/Correlation Token is empty/,
		],
		[
			'a custom event without an endpoint',
			'customEvent',
			{ eventJson: '{"header": {"namespace": "Alexa", "name": "ChangeReport"}, "payload": {}}' },
			/endpoint is missing; the Event Gateway needs the customer's token in endpoint.scope/,
		],
		[
			'a custom event with an empty endpoint ID',
			'customEvent',
			{
				eventJson:
					'{"header": {"namespace": "Alexa", "name": "ChangeReport"}, "endpoint": {"endpointId": ""}, "payload": {}}',
			},
			/endpoint.endpointId is empty/,
		],
		[
			'a custom DeferredResponse',
			'customEvent',
			{
				eventJson:
					'{"header": {"namespace": "Alexa", "name": "DeferredResponse", "correlationToken": "t"}, "payload": {"estimatedDeferralInSeconds": 7}}',
			},
			/is DeferredResponse, which Alexa accepts only as your skill's immediate answer/,
		],
		[
			'a custom Response without a correlation token',
			'customEvent',
			{
				eventJson:
					'{"header": {"namespace": "Alexa", "name": "Response"}, "endpoint": {"endpointId": "lamp-1"}, "payload": {}}',
			},
			/header.correlationToken is missing; an asynchronous Response answers a directive/,
		],
		[
			'a custom event without a namespace',
			'customEvent',
			{ eventJson: '{"header": {"name": "X"}, "payload": {}}' },
			/header.namespace is missing/,
		],
		[
			'a custom report of 301 endpoints',
			'customEvent',
			{
				eventJson: JSON.stringify({
					header: { namespace: 'Alexa.Discovery', name: 'DeleteReport' },
					payload: { endpoints: Array.from({ length: 301 }, (_, i) => ({ endpointId: `e${i}` })) },
				}),
			},
			/has 301 endpoints; one report may have at most 300/,
		],
		[
			'an empty access token from the input',
			'doorbellPress',
			{ endpointId: 'bell', accessTokenSource: 'input', accessToken: '={{ $json.missing }}' },
			/Access Token is empty/,
		],
	];
	for (const [name, operation, parameters, message] of cases) {
		it(`rejects ${name} and sends nothing`, async () => {
			const { error } = await sendEvent(operation, parameters);
			assert.ok(error, 'the node should fail');
			assert.match(error.message, message);
			assert.match(String(error.description), /Nothing was sent for this item\./);
			assert.equal(test.fake.requests.length, 0);
		});
	}
});
