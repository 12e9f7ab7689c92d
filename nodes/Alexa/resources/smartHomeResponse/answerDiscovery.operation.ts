import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { answerTrigger } from '../../shared/local/answerTrigger';
import type { LocalOperation } from '../../shared/local/localOperations';
import { InputProblem, parseJsonField } from '../../shared/input/validate';
import { checkEndpoint } from '../../shared/smartHome/discoveryChecks';
import { DISCOVERY } from '../../shared/smartHome/schemaRules';
import {
	answerMessage,
	directiveName,
	directiveOf,
	directiveOptions,
	optionsField,
	requireAnswerable,
	SMART_HOME_TRIGGER,
} from './directive';
import { endpointFromRow, withBaseCapabilities } from './discoveryEndpoints';
import { endpointFields, FIELD_LABELS } from './endpointFields';

/**
 * The answer to `Alexa.Discovery` Discover: `Discover.Response` with the customer's endpoints and
 * no correlation token (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-discovery.html).
 * No endpoints is a valid answer: it is what Amazon asks for when discovery fails.
 */

const properties: INodeProperties[] = [
	{
		displayName: 'Endpoints From',
		name: 'endpointsSource',
		type: 'options',
		options: [
			{ name: 'Fields Below', value: 'fields', description: 'One row per device' },
			{
				name: 'JSON',
				value: 'json',
				description: 'An array of endpoints as Amazon describes them',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Endpoints',
		name: 'endpoints',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Endpoint',
		default: {},
		description: `The customer's devices, at most ${DISCOVERY.maxEndpoints}`,
		displayOptions: { show: { endpointsSource: ['fields'] } },
		options: [{ displayName: 'Endpoint', name: 'endpoint', values: endpointFields }],
	},
	{
		displayName: 'Endpoints (JSON)',
		name: 'endpointsJson',
		type: 'json',
		default: '[]',
		description: `The customer's devices as in a Discover.Response: an array, or an object with an "endpoints" array, at most ${DISCOVERY.maxEndpoints}. Alexa and Alexa.EndpointHealth are added to each one that lacks them.`,
		displayOptions: { show: { endpointsSource: ['json'] } },
	},
	optionsField(directiveOptions),
];

function endpointsFromJson(value: unknown): unknown[] {
	const field = 'Endpoints (JSON)';
	let parsed = parseJsonField(field, value, 'an array of endpoints');
	if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
		parsed = (parsed as IDataObject).endpoints;
	}
	if (!Array.isArray(parsed)) {
		throw new InputProblem(
			field,
			'must be an array of endpoints, or an object with an "endpoints" array',
			'Write the endpoints as a JSON array.',
		);
	}
	return parsed;
}

function build(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const directive = directiveOf(n8n, itemIndex);
	requireAnswerable(directiveName(n8n, itemIndex, directive), 'Answer Discovery');
	const fromJson = n8n.getNodeParameter('endpointsSource', itemIndex) === 'json';
	const field = fromJson ? 'Endpoints (JSON)' : 'Endpoints';
	const given = fromJson
		? endpointsFromJson(n8n.getNodeParameter('endpointsJson', itemIndex, '[]'))
		: (n8n.getNodeParameter('endpoints.endpoint', itemIndex, []) as IDataObject[]);
	if (given.length > DISCOVERY.maxEndpoints) {
		throw new InputProblem(
			field,
			`has ${given.length} endpoints; a Discover.Response holds at most ${DISCOVERY.maxEndpoints}`,
			'Describe fewer devices; add the rest later with Event → Send Add or Update Report.',
		);
	}
	const labels = (key: string) => (fromJson ? key : (FIELD_LABELS[key] ?? key));
	const seen = new Set<unknown>();
	const endpoints = given.map((entry, index) => {
		const label = `${field} #${index + 1}`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new InputProblem(
				label,
				'is not an object',
				'Each endpoint is an object with endpointId, friendlyName and the rest.',
			);
		}
		const endpoint = withBaseCapabilities(
			fromJson ? (entry as IDataObject) : endpointFromRow(label, entry as IDataObject),
		);
		checkEndpoint(label, endpoint, labels);
		if (seen.has(endpoint.endpointId)) {
			throw new InputProblem(
				`${label} ${labels('endpointId')}`,
				`repeats "${String(endpoint.endpointId)}"`,
				'Give each endpoint once.',
			);
		}
		seen.add(endpoint.endpointId);
		return endpoint;
	});
	return answerMessage({
		namespace: 'Alexa.Discovery',
		name: 'Discover.Response',
		payload: { endpoints },
	});
}

export const operation: LocalOperation = {
	name: 'Answer Discovery',
	value: 'answerDiscovery',
	action: 'Answer a discovery directive',
	description:
		"Build Alexa's answer to Discover: the customer's devices and what each can do; nothing is sent",
	fields: properties,
	build,
	finish: (n8n, output) => answerTrigger(n8n, output, SMART_HOME_TRIGGER),
};
