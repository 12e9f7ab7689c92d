import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';
import { InputProblem } from '../../shared/input/validate';
import { discoveryReports } from './discovery';
import { requireEndpointId } from '../../shared/smartHome/checks';
import { eventOperation } from './message';

const properties: INodeProperties[] = [
	{
		displayName: 'Endpoint IDs',
		name: 'endpointIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'lamp-1, lamp-2',
		description:
			'The endpoints to remove: separated by commas or new lines, or an expression that gives an array. Any number: the node sends them in reports of at most 300.',
	},
];

function endpointIdList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value !== 'string') return [value];
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// Not JSON: read it as a list below.
		}
	}
	return text.split(/[\s,]+/).filter((id) => id !== '');
}

function build(context: IExecuteSingleFunctions): PlannedMessage[] {
	const ids = endpointIdList(context.getNodeParameter('endpointIds'));
	if (ids.length === 0) {
		throw new InputProblem(
			'Endpoint IDs',
			'is empty; at least one is required',
			'Give the endpointId of each device to remove.',
		);
	}
	const endpoints = ids.map((id, index) => ({
		endpointId: requireEndpointId(`Endpoint IDs #${index + 1}`, id),
	}));
	return discoveryReports('DeleteReport', endpoints, 'Endpoint IDs');
}

export const operation = eventOperation({
	name: 'Send Delete Report',
	value: 'deleteReport',
	action: 'Send a delete report',
	description: 'Tell Alexa that endpoints were removed',
	fields: properties,
	build,
});
