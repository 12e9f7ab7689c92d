/**
 * The shape of a custom skill's response body, as a JSON Schema written from Amazon's pages
 * (test/fixtures/custom-skill-response/response.schema.json says which).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;

const schema = JSON.parse(
	fs.readFileSync(
		path.resolve(import.meta.dirname, '../fixtures/custom-skill-response/response.schema.json'),
		'utf8',
	),
);
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

/** Schema errors of one response body, or [] when it has Amazon's shape. */
export function responseSchemaErrors(body: unknown): string[] {
	if (validate(body)) return [];
	return (validate.errors ?? [])
		.slice(0, 5)
		.map((error) => `${error.instancePath} ${error.message}`);
}
