/**
 * lambda/template.yaml holds the relay (lambda/alexaSmartHomeRelay.mjs) inline, as the
 * function's `Code.ZipFile`. CloudFormation saves inline Node.js code as index.js, which Node
 * loads as CommonJS ("When you specify source code inline for a Node.js function, the index file
 * that CloudFormation creates uses the extension .js. This means that Node.js treats the file as
 * a CommonJS module", AWS::Lambda::Function Code, CloudFormation Template Reference). The relay
 * has one ES module line, `export const handler = `; the inline copy is the file with that line
 * as `exports.handler = `, nothing else changed.
 *
 *   node scripts/relayTemplate.mts   (writes the relay into the template)
 *
 * test/smartHomeRelay.test.mts checks that the template holds what this would write.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const RELAY_FILE = path.join(root, 'lambda/alexaSmartHomeRelay.mjs');
export const TEMPLATE_FILE = path.join(root, 'lambda/template.yaml');

const ESM_EXPORT = /^export const handler = /m;
/** The literal block that holds the code: `ZipFile: |` and the lines indented under it. */
const ZIP_FILE_BLOCK = /^( *)ZipFile: \|\n((?:\1 {2}.*\n|\n)*)/m;
const INDENT = ' '.repeat(10);

/** The relay as CommonJS: its one `export const handler = ` as `exports.handler = `. */
export function inlineRelayCode(source: string): string {
	if (source.match(new RegExp(ESM_EXPORT, 'gm'))?.length !== 1)
		throw new Error('the relay must have exactly one line starting `export const handler = `');
	if (/^\s*(import|export)\b/m.test(source.replace(ESM_EXPORT, '')))
		throw new Error('the relay may have no other import or export: the inline copy is CommonJS');
	return source.replace(ESM_EXPORT, 'exports.handler = ');
}

/** The code in the template's `ZipFile: |` block, unindented. */
export function templateInlineCode(template: string): string {
	const block = ZIP_FILE_BLOCK.exec(template);
	if (!block) throw new Error('lambda/template.yaml has no `ZipFile: |` block');
	const indent = block[1].length + 2;
	return block[2]
		.split('\n')
		.map((line) => line.slice(indent))
		.join('\n')
		.replace(/\n+$/, '\n');
}

/** The template with the relay's inline copy in its `ZipFile: |` block. */
export function templateWithRelay(template: string, source: string): string {
	const code = inlineRelayCode(source)
		.split('\n')
		.map((line) => (line === '' ? '' : INDENT + line))
		.join('\n')
		.replace(/\n+$/, '\n');
	if (!ZIP_FILE_BLOCK.test(template))
		throw new Error('lambda/template.yaml has no `ZipFile: |` block');
	return template.replace(ZIP_FILE_BLOCK, (_, indent: string) => `${indent}ZipFile: |\n${code}`);
}

if (import.meta.main) {
	const template = fs.readFileSync(TEMPLATE_FILE, 'utf8');
	fs.writeFileSync(TEMPLATE_FILE, templateWithRelay(template, fs.readFileSync(RELAY_FILE, 'utf8')));
	process.stdout.write('lambda/template.yaml: inline relay written\n');
}
