/**
 * Amazon's JSON Schema for smart home messages (draft-04; a copy with its licence in
 * test/fixtures/alexa-schemas). Its pattern `[A-Za-z0-9\_]+` is invalid under the `u` flag,
 * hence `unicodeRegExp: false`; its formats (`double`, `int32`, `uri`) are not checked.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;

export const fixtures = path.resolve(import.meta.dirname, '../fixtures/alexa-schemas');
const schema = JSON.parse(
	fs.readFileSync(path.join(fixtures, 'alexa_smart_home_message_schema.json'), 'utf8'),
);
const ajv = new Ajv({
	unicodeRegExp: false,
	strict: false,
	validateFormats: false,
	allErrors: false,
});
const validate = ajv.compile(schema);

/** The `namespace.name` of every message type the schema describes. */
export const SCHEMA_MESSAGE_TYPES = new Set<string>();
(function collect(node: Record<string, any>) {
	if (Array.isArray(node.oneOf) && node.type !== 'object') {
		for (const child of node.oneOf) collect(child);
		return;
	}
	const header = node.properties?.event?.properties?.header?.properties;
	if (header) SCHEMA_MESSAGE_TYPES.add(`${header.namespace.enum[0]}.${header.name.enum[0]}`);
})(schema);

/** Schema errors of one message, or [] when it is valid. */
export function schemaErrors(message: unknown): string[] {
	if (validate(message)) return [];
	return (validate.errors ?? [])
		.slice(0, 5)
		.map((error) => `${error.instancePath} ${error.message}`);
}

export function sampleMessages(): Array<{ file: string; message: Record<string, any> }> {
	const root = path.join(fixtures, 'sample_messages');
	return fs
		.readdirSync(root)
		.flatMap((folder) =>
			fs.readdirSync(path.join(root, folder)).map((file) => path.join(folder, file)),
		)
		.sort()
		.map((file) => ({ file, message: JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) }));
}
