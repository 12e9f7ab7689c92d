import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isoTime, propertyCollection, readProperties } from '../../shared/smartHome/properties';
import type { Reported } from './directive';

/** The properties an answer reports: the node's defaults, replaced or added to by the Properties field. */

export function propertiesField(description: string): INodeProperties {
	return propertyCollection('properties', 'Properties', description);
}

/** The rows of the Properties field, in Alexa's shape, each with its row for errors. */
export function givenProperties(n8n: IExecuteFunctions, itemIndex: number): Reported[] {
	const rows = n8n.getNodeParameter('properties.property', itemIndex, []) as IDataObject[];
	return readProperties(rows, 'Properties', false).map((property, index) => ({
		field: `Properties #${index + 1}`,
		property,
	}));
}

/**
 * `Alexa.EndpointHealth` connectivity OK: every endpoint Answer Discovery describes has the
 * interface, and Amazon's samples report it in every answer (the Alexa.EndpointHealth page:
 * https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-endpointhealth.html).
 */
export function connectivityOk(): Reported {
	// Assigned one by one: n8n's lint takes an object literal with name and value for a picker option.
	const property: IDataObject = { namespace: 'Alexa.EndpointHealth' };
	property.name = 'connectivity';
	property.value = { value: 'OK' };
	property.timeOfSample = isoTime('Time of Sample', undefined);
	property.uncertaintyInMilliseconds = 0;
	return { field: 'Endpoint Health', property };
}

const keyOf = ({ property }: Reported) =>
	`${String(property.namespace)} ${String(property.instance ?? '')} ${String(property.name)}`;

/** The defaults, each replaced by a given property of the same interface, instance and name, then the other given ones. */
export function merged(defaults: Reported[], given: Reported[]): Reported[] {
	const byKey = new Map(given.map((entry) => [keyOf(entry), entry]));
	const result = defaults.map((entry) => byKey.get(keyOf(entry)) ?? entry);
	const used = new Set(result);
	return [...result, ...given.filter((entry) => !used.has(entry))];
}
