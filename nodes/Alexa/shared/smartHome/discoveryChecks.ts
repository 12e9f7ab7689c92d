import { InputProblem } from '../input/validate';
import { isObject, requireEndpointId, shown, type Json } from './checks';
import { DISCOVERY, DISPLAY_CATEGORIES, INTERFACES } from './schemaRules';

/**
 * A discovered endpoint and its capabilities checked against the rules of Amazon's schema
 * (`Discover.Response`, `endpoint.capabilities`) and the Alexa.Discovery page
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-discovery.html).
 */

const BOOLEAN_FLAGS = ['proactivelyReported', 'retrievable', 'nonControllable'];

/** One capability of a discovered endpoint. */
export function checkCapability(field: string, capability: unknown): void {
	if (!isObject(capability)) {
		throw new InputProblem(
			field,
			`is ${shown(capability)}; it must be an object`,
			"Describe each capability as in Amazon's Discovery page.",
		);
	}
	const refuse = (
		key: string,
		problem: string,
		hint = "Write the capability as Amazon's page for the interface shows it.",
	) => {
		throw new InputProblem(`${field} ${key}`, problem, hint);
	};
	if (capability.type !== 'AlexaInterface')
		refuse('type', `is ${shown(capability.type)}; it must be "AlexaInterface"`);
	const name = capability.interface;
	const rule = typeof name === 'string' ? INTERFACES[name] : undefined;
	if (!rule) {
		refuse(
			'interface',
			`is ${shown(name)}, which is not an interface in Amazon's smart home schema`,
		);
		return;
	}
	if (capability.version !== rule.version)
		refuse(
			'version',
			`is ${shown(capability.version)}; ${name} is version "${rule.version}" (as text)`,
		);
	for (const key of rule.requires ?? []) {
		if (capability[key] === undefined) refuse(key, `is missing; ${name} requires it`);
	}
	if (
		capability.instance !== undefined &&
		(typeof capability.instance !== 'string' || capability.instance === '')
	) {
		refuse('instance', `is ${shown(capability.instance)}; it must be text`);
	}
	if (capability.properties !== undefined) {
		const properties = capability.properties;
		if (!isObject(properties))
			refuse('properties', `is ${shown(properties)}; it must be an object`);
		const { supported } = properties as Json;
		if (supported !== undefined) {
			if (!Array.isArray(supported))
				refuse('properties.supported', 'must be an array of {"name": …}');
			for (const entry of supported as unknown[]) {
				const property = isObject(entry) ? entry.name : undefined;
				if (typeof property !== 'string' || !rule.properties.includes(property)) {
					refuse(
						'properties.supported',
						`names ${shown(property)}; ${name} has ${rule.properties.length ? `the properties ${rule.properties.join(', ')}` : 'no properties'}`,
					);
				}
			}
		}
		for (const flag of BOOLEAN_FLAGS) {
			const value = (properties as Json)[flag];
			if (value !== undefined && typeof value !== 'boolean')
				refuse(`properties.${flag}`, `is ${shown(value)}; it must be true or false`);
		}
	}
	if (name === 'Alexa.RangeController') checkSupportedRange(field, capability.configuration);
	if (name === 'Alexa.ModeController' && capability.configuration !== undefined) {
		const configuration = capability.configuration;
		if (
			!isObject(configuration) ||
			typeof configuration.ordered !== 'boolean' ||
			!Array.isArray(configuration.supportedModes)
		) {
			refuse(
				'configuration',
				'must be an object with ordered (true or false) and supportedModes (an array)',
			);
		}
	}
}

function checkSupportedRange(field: string, configuration: unknown): void {
	const range = isObject(configuration) ? configuration.supportedRange : undefined;
	const numbers = ['minimumValue', 'maximumValue', 'precision'];
	if (
		!isObject(range) ||
		numbers.some((key) => typeof range[key] !== 'number' || !Number.isFinite(range[key]))
	) {
		throw new InputProblem(
			`${field} configuration.supportedRange`,
			'must be an object with minimumValue, maximumValue and precision, each a number',
			'Give the range the device supports.',
		);
	}
	if (
		(range.minimumValue as number) > (range.maximumValue as number) ||
		(range.precision as number) <= 0
	) {
		throw new InputProblem(
			`${field} configuration.supportedRange`,
			`runs from ${range.minimumValue as number} to ${range.maximumValue as number} in steps of ${range.precision as number}; the minimum must not be above the maximum and the step must be above 0`,
			'Give the range the device supports.',
		);
	}
}

/** One endpoint of a `Discover.Response`; `labels` names the fields as the user gave them. */
export function checkEndpoint(
	field: string,
	endpoint: Json,
	labels: (key: string) => string,
): void {
	requireEndpointId(`${field} ${labels('endpointId')}`, endpoint.endpointId);
	for (const { key, maxLength } of DISCOVERY.textFields) {
		const text = endpoint[key];
		if (typeof text !== 'string' || text.length < 1 || text.length > maxLength) {
			throw new InputProblem(
				`${field} ${labels(key)}`,
				typeof text === 'string'
					? `is ${text.length} characters; it must be 1 to ${maxLength}`
					: `is ${shown(text)}; it must be text of 1 to ${maxLength} characters`,
				`Give the endpoint's ${labels(key)}.`,
			);
		}
	}
	const categories = endpoint.displayCategories;
	if (!Array.isArray(categories) || categories.length === 0) {
		throw new InputProblem(
			`${field} ${labels('displayCategories')}`,
			'is empty; at least one display category is required',
			`Pick one, for example LIGHT or OTHER.`,
		);
	}
	for (const category of categories) {
		if (!(DISPLAY_CATEGORIES as readonly unknown[]).includes(category)) {
			throw new InputProblem(
				`${field} ${labels('displayCategories')}`,
				`has ${shown(category)}, which is not one of Amazon's display categories`,
				`Use one of: ${DISPLAY_CATEGORIES.join(', ')}.`,
			);
		}
	}
	if (new Set(categories).size !== categories.length) {
		throw new InputProblem(
			`${field} ${labels('displayCategories')}`,
			'names a category twice',
			'Give each category once.',
		);
	}
	checkCapabilities(`${field} ${labels('capabilities')}`, endpoint.capabilities);
	if (endpoint.cookie !== undefined) {
		const cookie = endpoint.cookie;
		const wrong = isObject(cookie)
			? Object.entries(cookie).find(([, value]) => typeof value !== 'string')
			: ['', cookie];
		if (wrong) {
			throw new InputProblem(
				`${field} ${labels('cookie')}`,
				isObject(cookie)
					? `has ${wrong[0]} as ${shown(wrong[1])}; every cookie value must be text`
					: `is ${shown(cookie)}; it must be an object of texts`,
				'Give the cookie as an object whose values are all text.',
			);
		}
	}
	checkAdditionalAttributes(`${field} additionalAttributes`, endpoint.additionalAttributes);
}

function checkCapabilities(field: string, capabilities: unknown): void {
	const { minCapabilities, maxCapabilities } = DISCOVERY;
	if (
		!Array.isArray(capabilities) ||
		capabilities.length < minCapabilities ||
		capabilities.length > maxCapabilities
	) {
		throw new InputProblem(
			field,
			`has ${Array.isArray(capabilities) ? capabilities.length : 'no'} capabilities; an endpoint has ${minCapabilities} to ${maxCapabilities}`,
			'Describe what the device can do with its capabilities.',
		);
	}
	const seen = new Set<string>();
	capabilities.forEach((capability: unknown, index) => {
		const label = `${field} #${index + 1}`;
		checkCapability(label, capability);
		const key = `${String((capability as Json).interface)} ${String((capability as Json).instance ?? '')}`;
		if (seen.has(key))
			throw new InputProblem(
				label,
				`repeats ${key.trim()}`,
				'Give each interface (and instance) once.',
			);
		seen.add(key);
	});
}

function checkAdditionalAttributes(field: string, attributes: unknown): void {
	if (attributes === undefined) return;
	const { additionalAttributes, additionalAttributeMaxLength } = DISCOVERY;
	if (!isObject(attributes))
		throw new InputProblem(
			field,
			`is ${shown(attributes)}; it must be an object`,
			'Give texts such as model and serialNumber.',
		);
	for (const [key, value] of Object.entries(attributes)) {
		if (!(additionalAttributes as readonly string[]).includes(key)) {
			throw new InputProblem(
				field,
				`has ${key}; it may have only ${additionalAttributes.join(', ')}`,
				'Leave the other keys out.',
			);
		}
		if (typeof value !== 'string' || value.length > additionalAttributeMaxLength) {
			throw new InputProblem(
				`${field} ${key}`,
				`must be text of at most ${additionalAttributeMaxLength} characters`,
				'Shorten it.',
			);
		}
	}
}
