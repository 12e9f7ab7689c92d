/**
 * The scanner check (scripts/scan.mts) is only worth running if it can fail: each of the things
 * n8n's scanner refuses in a community package, planted in a copy of the built output, is caught
 * by the tarball leg, and the unplanted copy passes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

import { scanLeg, TARBALL_FILE_PATTERNS } from '../scripts/scan.mts';

const root = path.resolve(import.meta.dirname, '..');
const copies: string[] = [];

/** What the tarball holds (package.json and dist/), copied, with `plant` added to the node's compiled file. */
function builtCopy(plant = ''): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alexa-scan-plant-'));
	copies.push(dir);
	fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
	fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), {
		recursive: true,
		filter: (file) => !file.endsWith('.tsbuildinfo'),
	});
	const nodeFile = path.join(dir, 'dist/nodes/Alexa/Alexa.node.js');
	fs.appendFileSync(nodeFile, plant);
	return dir;
}

after(() => {
	for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe("n8n's scanner on the built output", () => {
	it('passes the built output as it is', async () => {
		const result = await scanLeg('tarball', builtCopy(), TARBALL_FILE_PATTERNS);
		assert.equal(result.passed, true, result.findings);
	});

	const plants: Array<[string, string, RegExp]> = [
		['a setTimeout', '\nsetTimeout(() => {}, 10);\n', /setTimeout.*no-restricted-globals/],
		['a console.log', '\nconsole.log("debug");\n', /console statement.*no-console/],
		[
			"a require('fs')",
			'\nconst fs = require("fs");\nexports.leak = fs.readFileSync;\n',
			/Require of 'fs' is not allowed.*no-restricted-imports/,
		],
	];
	for (const [what, code, named] of plants) {
		it(`fails on ${what} planted in the compiled node`, async () => {
			const result = await scanLeg('tarball', builtCopy(code), TARBALL_FILE_PATTERNS);
			assert.equal(result.passed, false, `${what} went through the scanner`);
			assert.match(result.findings, /Alexa\.node\.js/);
			assert.match(result.findings, named);
		});
	}
});
