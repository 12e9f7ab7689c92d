/**
 * The tarball holds only what n8n needs (issue 28). n8n loads the files the package.json's "n8n"
 * entries name, under dist/nodes and dist/credentials, with their icons and codex files; the
 * nodes read dist/package.json; lambda/ is the smart home relay users upload to AWS Lambda.
 * Nothing else: an earlier tarball carried test screenshots (n8n-node build copies every PNG of
 * the work tree into dist/), the TypeScript build info, source maps and type declarations.
 * Checked on the built package, as `npm pack` would pack it (`--dry-run`: nothing written).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');

/** What may be in the tarball, each with why. */
const ALLOWED: Array<{ pattern: RegExp; why: string }> = [
	{ pattern: /^(package\.json|README\.md|LICENSE)$/, why: 'npm always packs these' },
	{ pattern: /^dist\/package\.json$/, why: 'the nodes read the version from it' },
	{ pattern: /^dist\/(nodes|credentials)\/.+\.js$/, why: 'the code n8n loads' },
	{
		pattern: /^dist\/(nodes|credentials)\/.+\.svg$/,
		why: 'the icons the nodes and credentials name',
	},
	{ pattern: /^dist\/nodes\/[A-Za-z]+\/[A-Za-z]+\.node\.json$/, why: "each node's codex file" },
	{ pattern: /^lambda\/(alexaSmartHomeRelay\.mjs|template\.yaml)$/, why: 'the smart home relay' },
];

function packedFiles(): string[] {
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	assert.equal(pack.status, 0, pack.stderr);
	const [packed] = JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>;
	return packed!.files.map((file) => file.path).sort();
}

it('the tarball holds only what n8n needs: no test output, build info, maps or types', () => {
	assert.ok(
		fs.existsSync(path.join(root, 'dist/nodes/Alexa/Alexa.node.js')),
		'dist/ is not built: run `npm run build` first (npm test does)',
	);
	const files = packedFiles();
	const unexpected = files.filter((file) => !ALLOWED.some(({ pattern }) => pattern.test(file)));
	assert.deepEqual(unexpected, [], `files in the tarball that n8n does not need`);

	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
		assert.ok(files.includes(entry), `${entry}, named in package.json's "n8n", is in the tarball`);
	assert.ok(files.includes('lambda/alexaSmartHomeRelay.mjs'));
});
