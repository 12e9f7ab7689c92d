/**
 * The README and the examples agree (issue 28): every file in examples/ has a row in the README's
 * Examples table, and every node name that row quotes is a node of that file.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const examplesStart = readme.indexOf('\n## Examples\n');
const examplesSection = readme.slice(examplesStart, readme.indexOf('\n## ', examplesStart + 1));

/** The Examples table: file name → the node names its last column quotes. */
function tableRows(): Map<string, string[]> {
	const rows = new Map<string, string[]>();
	for (const line of examplesSection.split('\n')) {
		const match = /^\| `([a-z0-9-]+\.json)` \|.*\| (.*) \|$/.exec(line);
		if (match)
			rows.set(
				match[1]!,
				[...match[2]!.matchAll(/"([^"]+)"/g)].map((name) => name[1]!),
			);
	}
	return rows;
}

it('the README names every example, and the nodes it names are in the file', () => {
	assert.ok(examplesSection.length > 100, 'the README has an Examples section');
	const rows = tableRows();
	const files = fs
		.readdirSync(path.join(root, 'examples'))
		.filter((file) => file.endsWith('.json'));
	assert.deepEqual(
		files.filter((file) => !rows.has(file)),
		[],
		'examples without a row in the README',
	);
	for (const [file, names] of rows) {
		assert.ok(files.includes(file), `the README names ${file}, which is not in examples/`);
		const workflow = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
		const nodes = new Set(workflow.nodes.map((node: { name: string }) => node.name));
		assert.ok(names.length > 0, `${file}: its row names its nodes`);
		assert.deepEqual(
			names.filter((name) => !nodes.has(name)),
			[],
			`${file}: node names in the README that the file does not have`,
		);
	}
});

it("the README's region hints are the credential's", async () => {
	const { regionProperties } = await import('../../nodes/Alexa/shared/alexa/hosts.ts');
	const text = readme.replace(/\s+/g, ' ');
	const [region] = regionProperties;
	for (const option of region.options as Array<{
		name: string;
		value: string;
		description: string;
	}>) {
		if (option.value === 'custom') continue;
		const hint = option.description.replace(/^Also /, 'also ');
		const expected = `**${option.name}** (${hint})`;
		assert.ok(text.includes(expected), `the README says ${expected}`);
	}
});

it("the README's links to its own headings lead somewhere", () => {
	// GitHub's anchors: lower case, punctuation dropped, each space a hyphen.
	const anchors = new Set(
		[...readme.matchAll(/^#{1,4} (.+)$/gm)].map((heading) =>
			heading[1]!
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-'),
		),
	);
	const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((link) => link[1]!);
	assert.ok(links.length > 10, 'the README links to its headings');
	assert.deepEqual(
		links.filter((link) => !anchors.has(link)),
		[],
		'links to headings the README does not have',
	);
});
