import type { IDataObject } from 'n8n-workflow';

import { InputProblem, requireNonEmptyString } from '../input/validate';
import {
	ENDPOINT_ID,
	INSTANCE_REQUIRED,
	INTERFACES,
	PROPERTY_VALUES,
	TIME_OF_SAMPLE,
	type ValueRule,
} from './schemaRules';

/**
 * The parts of a smart home message checked against the rules of Amazon's schema (schemaRules.ts),
 * as they are about to be sent. Each check throws `InputProblem` naming the field (as the user
 * gave it: "Endpoints #2 Friendly Name"), what is wrong and the limit.
 */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as an error message may show it: short, never more than 40 characters of text. */
export function shown(value: unknown): string {
	if (typeof value === 'string')
		return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return String(value);
}

export function requireEndpointId(field: string, value: unknown): string {
	const endpointId = requireNonEmptyString(
		field,
		value,
		`Set ${field} to the endpointId you gave the device in discovery.`,
	);
	if (endpointId.length > ENDPOINT_ID.maxLength || !ENDPOINT_ID.pattern.test(endpointId)) {
		throw new InputProblem(
			field,
			`"${endpointId.slice(0, 40)}" is not a valid endpoint ID: at most ${ENDPOINT_ID.maxLength} characters of letters, digits and _ - = # ; : ? @ &`,
			'Use the endpointId exactly as your skill reported it in discovery.',
		);
	}
	return endpointId;
}

/** A value against its rule from the schema's `state.properties`. */
export function checkValue(field: string, value: unknown, rule: ValueRule): void {
	const refuse = (limit: string) => {
		throw new InputProblem(
			field,
			`is ${shown(value)}; it must be ${limit}`,
			`Give ${field} as Alexa defines it.`,
		);
	};
	switch (rule.type) {
		case 'string':
			if (typeof value !== 'string') refuse('text');
			if (rule.enum && !rule.enum.includes(value as string))
				refuse(`one of ${rule.enum.join(', ')}`);
			return;
		case 'boolean':
			if (typeof value !== 'boolean') refuse('true or false');
			return;
		case 'integer':
		case 'number': {
			const range =
				rule.minimum === undefined ? '' : ` from ${rule.minimum} to ${rule.maximum ?? 'any'}`;
			const kind = rule.type === 'integer' ? 'a whole number' : 'a number';
			if (typeof value !== 'number' || !Number.isFinite(value)) refuse(`${kind}${range}`);
			const number = value as number;
			if (rule.type === 'integer' && !Number.isInteger(number)) refuse(`${kind}${range}`);
			if (rule.minimum !== undefined && number < rule.minimum) refuse(`${kind}${range}`);
			if (rule.maximum !== undefined && number > rule.maximum) refuse(`${kind}${range}`);
			return;
		}
		case 'object': {
			const keys = Object.keys(rule.properties);
			if (!isObject(value)) refuse(`an object with ${keys.join(', ')}`);
			const object = value as Json;
			for (const key of rule.required ?? []) {
				if (!(key in object)) refuse(`an object with ${key}`);
			}
			if (rule.oneOfKeys && !rule.oneOfKeys.some((key) => key in object)) {
				refuse(`an object with at least one of ${rule.oneOfKeys.join(', ')}`);
			}
			for (const [key, item] of Object.entries(object)) {
				const itemRule = rule.properties[key];
				if (itemRule) checkValue(`${field} ${key}`, item, itemRule);
				else if (rule.closed) refuse(`an object with only ${keys.join(', ')} (it has ${key})`);
			}
			return;
		}
	}
}

/** One reported property: `{namespace, instance?, name, value, timeOfSample, uncertaintyInMilliseconds}`. */
export function checkProperty(field: string, property: IDataObject): void {
	const namespace = String(property.namespace);
	const rules = PROPERTY_VALUES[namespace];
	if (!rules) {
		throw new InputProblem(
			`${field} Namespace`,
			INTERFACES[namespace]
				? `is ${namespace}, whose property values this node cannot check against Amazon's schema`
				: `is ${shown(property.namespace)}, which is not an interface in Amazon's smart home schema`,
			`Report properties of: ${Object.keys(PROPERTY_VALUES).join(', ')}.`,
		);
	}
	const rule = rules[String(property.name)];
	if (!rule) {
		throw new InputProblem(
			`${field} Name`,
			`is ${shown(property.name)}; ${namespace} has the properties ${Object.keys(rules).join(', ')}`,
			'Use the property name as Amazon spells it.',
		);
	}
	const instanceRequired = (INSTANCE_REQUIRED as readonly string[]).includes(namespace);
	if (instanceRequired && (typeof property.instance !== 'string' || property.instance === '')) {
		throw new InputProblem(
			`${field} Instance`,
			`is empty; ${namespace} properties need the instance they belong to`,
			'Give the instance as in discovery, for example Blinds.Position.',
		);
	}
	checkValue(`${field} Value`, property.value, rule);
	if (typeof property.timeOfSample !== 'string' || !TIME_OF_SAMPLE.test(property.timeOfSample)) {
		throw new InputProblem(
			`${field} Time of Sample`,
			`is ${shown(property.timeOfSample)}; it must be a UTC time such as 2026-11-22T08:30:00.000Z`,
			'Give an ISO 8601 time, or leave it empty for now.',
		);
	}
	const uncertainty = property.uncertaintyInMilliseconds;
	if (typeof uncertainty !== 'number' || !Number.isFinite(uncertainty) || uncertainty < 0) {
		throw new InputProblem(
			`${field} Uncertainty`,
			`is ${shown(uncertainty)}; it must be 0 or more`,
			'Give a number of milliseconds.',
		);
	}
}
