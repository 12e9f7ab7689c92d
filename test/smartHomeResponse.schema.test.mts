/**
 * The node's tables of Amazon's smart home rules (nodes/Alexa/shared/smartHome/schemaRules.ts)
 * against Amazon's schema itself (test/fixtures/alexa-schemas): the display categories, the
 * error types per namespace, the interfaces with their property names, and the value rules the
 * node checks properties with. A change of either shows here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { smartHomeSchemaRules as rules } from './harness/modules.mts';
import { fixtures } from './harness/schema.mts';

const schema = JSON.parse(
	fs.readFileSync(path.join(fixtures, 'alexa_smart_home_message_schema.json'), 'utf8'),
);

const messages: Array<Record<string, any>> = [];
(function collect(node: Record<string, any>) {
	if (Array.isArray(node.oneOf) && node.type !== 'object') {
		for (const child of node.oneOf) collect(child);
		return;
	}
	messages.push(node);
})(schema);
const headerOf = (message: Record<string, any>) =>
	message.properties.event.properties.header.properties;
const message = (namespace: string, name: string) => {
	const found = messages.find(
		(m) => headerOf(m).namespace.enum[0] === namespace && headerOf(m).name.enum[0] === name,
	);
	assert.ok(found, `${namespace}.${name} in the schema`);
	return found;
};

const stateProperties: Array<Record<string, any>> =
	schema.definitions['state.properties'].items.anyOf;
const capabilities: Array<Record<string, any>> =
	schema.definitions['endpoint.capabilities'].items.anyOf;

/** A schema's value subschema in the node's ValueRule form. */
function asRule(value: Record<string, any>): unknown {
	if (value.allOf) {
		// The channel: an object of texts, and an anyOf of one required key each.
		const [object, anyOf] = value.allOf;
		return {
			...(asRule(object) as object),
			oneOfKeys: anyOf.anyOf.map((entry: any) => entry.required[0]),
		};
	}
	const rule: Record<string, unknown> = { type: value.type };
	if (value.enum) rule.enum = sorted(value.enum);
	if (value.minimum !== undefined) rule.minimum = value.minimum;
	if (value.maximum !== undefined) rule.maximum = value.maximum;
	if (value.type === 'object') {
		rule.properties = Object.fromEntries(
			Object.entries(value.properties).map(([key, child]) => [key, asRule(child as any)]),
		);
		if (value.required) rule.required = value.required;
		if (value.additionalProperties === false) rule.closed = true;
	}
	return rule;
}

const sorted = (list: readonly string[]) => [...list].sort();

/** A rule as plain JSON with its enums sorted: the order of an enum means nothing. */
const withSortedEnums = (rule: unknown): unknown =>
	JSON.parse(JSON.stringify(rule), (key, value) => (key === 'enum' ? sorted(value) : value));

describe("The node's smart home tables agree with Amazon's schema", () => {
	it('display categories: the Discover.Response enum', () => {
		const endpoint = message('Alexa.Discovery', 'Discover.Response').properties.event.properties
			.payload.properties.endpoints.items;
		assert.deepEqual(
			sorted(rules.DISPLAY_CATEGORIES),
			sorted(endpoint.properties.displayCategories.items.enum),
		);
	});

	it('endpoint limits: endpointId pattern and lengths, 300 endpoints, 128-character texts, 256-character attributes', () => {
		const endpoints = message('Alexa.Discovery', 'Discover.Response').properties.event.properties
			.payload.properties.endpoints;
		const endpoint = endpoints.items.properties;
		assert.equal(rules.DISCOVERY.maxEndpoints, endpoints.maxItems);
		assert.equal(rules.ENDPOINT_ID.pattern.source, endpoint.endpointId.pattern);
		assert.equal(rules.ENDPOINT_ID.minLength, endpoint.endpointId.minLength);
		assert.equal(rules.ENDPOINT_ID.maxLength, endpoint.endpointId.maxLength);
		assert.equal(
			rules.ENDPOINT_ID.pattern.source,
			schema.definitions.common['model.EndpointId'].pattern,
		);
		for (const { key, maxLength } of rules.DISCOVERY.textFields) {
			assert.equal(maxLength, endpoint[key].maxLength, key);
			assert.equal(endpoint[key].minLength, 1, key);
		}
		assert.deepEqual(
			sorted(rules.DISCOVERY.additionalAttributes),
			sorted(Object.keys(endpoint.additionalAttributes.properties)),
		);
		for (const key of rules.DISCOVERY.additionalAttributes) {
			assert.equal(
				endpoint.additionalAttributes.properties[key].maxLength,
				rules.DISCOVERY.additionalAttributeMaxLength,
				key,
			);
		}
	});

	it('error types: the ErrorResponse enums of Alexa, Alexa.ThermostatController and Alexa.Authorization', () => {
		const types = (namespace: string) => {
			const payload = message(namespace, 'ErrorResponse').properties.event.properties.payload;
			return (payload.oneOf ?? [payload]).flatMap((entry: any) => entry.properties.type.enum);
		};
		for (const [namespace, list] of Object.entries(rules.ERROR_TYPES)) {
			assert.deepEqual(sorted(list), sorted(types(namespace)), namespace);
		}
		const mode = message('Alexa', 'ErrorResponse').properties.event.properties.payload.oneOf.find(
			(entry: any) => entry.properties.type.enum[0] === 'NOT_SUPPORTED_IN_CURRENT_MODE',
		);
		assert.deepEqual(sorted(rules.DEVICE_MODES), sorted(mode.properties.currentDeviceMode.enum));
	});

	it('interfaces: every one of endpoint.capabilities, with its version, required keys and property names', () => {
		const fromSchema = Object.fromEntries(
			capabilities.map((capability) => {
				const [base, own] = capability.allOf;
				const name = own.properties.interface.enum[0];
				const version =
					own.properties.version.enum ??
					own.properties.version.oneOf.flatMap((entry: any) => entry.enum);
				const requires = [...new Set([...(base.required ?? []), ...(own.required ?? [])])].filter(
					(key) => !['interface', 'type', 'version'].includes(key),
				);
				const properties = stateProperties
					.filter((property) => property.properties.namespace.enum[0] === name)
					.map((property) => property.properties.name.enum[0]);
				return [
					name,
					{ version: version[0], requires: sorted(requires), properties: sorted(properties) },
				];
			}),
		);
		const fromNode = Object.fromEntries(
			Object.entries(rules.INTERFACES).map(([name, rule]) => [
				name,
				{
					version: rule.version,
					requires: sorted(rule.requires ?? []),
					properties: sorted(rule.properties),
				},
			]),
		);
		assert.deepEqual(fromNode, fromSchema);
	});

	it('the interfaces whose properties need an instance', () => {
		const needing = stateProperties
			.filter((property) => property.required.includes('instance'))
			.map((property) => property.properties.namespace.enum[0]);
		assert.deepEqual(sorted(rules.INSTANCE_REQUIRED), sorted([...new Set(needing)]));
	});

	it('value rules: each property the node checks has the type, enum, range and keys the schema gives it', () => {
		for (const [namespace, properties] of Object.entries(rules.PROPERTY_VALUES)) {
			for (const [name, rule] of Object.entries(properties)) {
				const entry = stateProperties.find(
					(property) =>
						property.properties.namespace.enum[0] === namespace &&
						property.properties.name.enum[0] === name,
				);
				assert.ok(entry, `${namespace}.${name} in the schema`);
				assert.deepEqual(
					withSortedEnums(rule),
					asRule(entry.properties.value),
					`${namespace}.${name}`,
				);
			}
		}
	});

	it('time of sample, payload version and scene causes', () => {
		for (const time of [
			'2026-11-22T08:30:00Z',
			'2026-11-22T08:30:00.5Z',
			'2026-11-22T08:30:00.123Z',
		]) {
			assert.match(time, rules.TIME_OF_SAMPLE);
			assert.match(
				time,
				new RegExp(schema.definitions.common['model.StatePropertyBase.TimeOfSample'].pattern),
			);
		}
		assert.doesNotMatch('2026-11-22T08:30:00.1234Z', rules.TIME_OF_SAMPLE);
		assert.deepEqual(
			[rules.PAYLOAD_VERSION],
			schema.definitions.common['model.PayloadVersion'].enum,
		);
		const cause = message('Alexa.SceneController', 'ActivationStarted').properties.event.properties
			.payload.allOf[0].properties.cause;
		assert.deepEqual(sorted(rules.SCENE_CAUSES), sorted(cause.properties.type.enum));
	});
});
