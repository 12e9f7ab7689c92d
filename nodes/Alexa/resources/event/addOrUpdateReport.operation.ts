import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
import { InputProblem } from '../../shared/input/validate';
import { discoveryReports } from './discovery';
import { requireEndpointId } from '../../shared/smartHome/checks';
import { eventOperation } from './message';

const properties: INodeProperties[] = [
	{
		displayName: 'Endpoints (JSON)',
		name: 'endpoints',
		type: 'json',
		required: true,
		default: '[]',
		description:
			'The endpoints to add or update, as in a Discover.Response: an array, or an object with an "endpoints" array. Any number: the node sends them in reports of at most 300 endpoints and 256 KB.',
	},
];

/** Fields Amazon's schema requires of every discovered endpoint, with their length limits. */
const REQUIRED_TEXT_FIELDS: Array<[string, number]> = [
	['manufacturerName', 128],
	['friendlyName', 128],
	['description', 128],
];

export function readEndpoints(context: IExecuteSingleFunctions, field: string): IDataObject[] {
	let value: unknown = context.getNodeParameter('endpoints');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			value = undefined;
		}
		if (value === undefined) {
			throw new InputProblem(field, 'is not valid JSON', 'Give an array of endpoint objects.');
		}
	}
	if (
		value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		Array.isArray((value as IDataObject).endpoints)
	) {
		value = (value as IDataObject).endpoints;
	}
	if (!Array.isArray(value) || value.length === 0) {
		throw new InputProblem(
			field,
			'has no endpoints; it must be a non-empty array',
			'Give an array of endpoint objects.',
		);
	}
	const seen = new Set<string>();
	return value.map((endpoint: unknown, index) => {
		const label = `${field} #${index + 1}`;
		if (!endpoint || typeof endpoint !== 'object' || Array.isArray(endpoint)) {
			throw new InputProblem(
				label,
				'is not an object',
				'Each endpoint is an object with endpointId, friendlyName and the rest.',
			);
		}
		const object = endpoint as IDataObject;
		const endpointId = requireEndpointId(`${label} endpointId`, object.endpointId);
		if (seen.has(endpointId)) {
			throw new InputProblem(
				label,
				`repeats endpointId "${endpointId}"`,
				'Give each endpoint once.',
			);
		}
		seen.add(endpointId);
		for (const [name, maxLength] of REQUIRED_TEXT_FIELDS) {
			const text = object[name];
			if (typeof text !== 'string' || text.length === 0 || text.length > maxLength) {
				throw new InputProblem(
					`${label} ${name}`,
					`must be text of 1 to ${maxLength} characters`,
					`Give the endpoint's ${name}.`,
				);
			}
		}
		for (const name of ['displayCategories', 'capabilities']) {
			if (!Array.isArray(object[name]) || (object[name] as unknown[]).length === 0) {
				throw new InputProblem(
					`${label} ${name}`,
					'must be a non-empty array',
					`Give the endpoint's ${name}.`,
				);
			}
		}
		return object;
	});
}

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	return discoveryReports(
		'AddOrUpdateReport',
		readEndpoints(context, 'Endpoints (JSON)'),
		'Endpoints (JSON)',
	);
}

export const operation = eventOperation({
	name: 'Send Add or Update Report',
	value: 'addOrUpdateReport',
	action: 'Send an add or update report',
	description: 'Tell Alexa about new or changed endpoints (proactive discovery)',
	fields: properties,
	build,
});
