/**
 * n8n's verification scanner (@n8n/scan-community-package), both of its lint legs, before
 * publishing: its CLI downloads a published version and lints the source commit that the npm
 * provenance names and the tarball; here the same `analyzePackage` runs on this work tree and on
 * the tarball `npm pack` makes. Provenance itself can only be checked once a version is published.
 *
 *   node scripts/scan.mts [package.tgz]   (packs the work tree when no tarball is given)
 *
 * Fails on any finding: the scanner's errors, and its warnings too (the scanner passes those,
 * a reviewer does not).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// The scanner is plain ESM without an exports map; its module is the API its CLI uses.
const scannerModule = createRequire(import.meta.url).resolve(
	'@n8n/scan-community-package/scanner/scanner.mjs',
);
const scanner: {
	analyzePackage(
		dir: string,
		patterns: string[],
	): Promise<{ passed: boolean; message?: string; details?: string }>;
	buildScanConfig(): Promise<unknown>;
	SOURCE_FILE_PATTERNS: string[];
} = await import(scannerModule);

/** The patterns of the tarball leg, as the scanner's CLI passes them. */
export const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
export const SOURCE_FILE_PATTERNS = scanner.SOURCE_FILE_PATTERNS;

export interface LegResult {
	leg: string;
	passed: boolean;
	findings: string;
}

/** One leg: the scanner's verdict, then its warnings (which its verdict ignores) with the same rules. */
export async function scanLeg(leg: string, dir: string, patterns: string[]): Promise<LegResult> {
	const verdict = await scanner.analyzePackage(dir, patterns);
	if (!verdict.passed)
		return { leg, passed: false, findings: `${verdict.message ?? ''}\n${verdict.details ?? ''}` };
	const { ESLint } = createRequire(scannerModule)('eslint');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const results = await eslint.lintFiles(patterns.map((pattern) => path.join(dir, pattern)));
	const warnings = results.filter((result: { warningCount: number }) => result.warningCount > 0);
	if (warnings.length === 0) return { leg, passed: true, findings: '' };
	return {
		leg,
		passed: false,
		findings: await (await eslint.loadFormatter('stylish')).format(warnings),
	};
}

/** Unpacks a tarball as the scanner's CLI does (`tar xzf`), into a fresh folder; returns the package's folder. */
export function unpack(tarball: string): string {
	const into = fs.mkdtempSync(path.join(os.tmpdir(), 'alexa-scan-'));
	const untar = spawnSync('tar', ['xzf', tarball, '-C', into], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`tar xzf ${tarball}: ${untar.stderr}`);
	return path.join(into, 'package');
}

function pack(root: string): string {
	const into = fs.mkdtempSync(path.join(os.tmpdir(), 'alexa-pack-'));
	const packed = spawnSync('npm', ['pack', '--pack-destination', into, '--loglevel=error'], {
		cwd: root,
		encoding: 'utf8',
	});
	if (packed.status !== 0) throw new Error(`npm pack: ${packed.stderr}`);
	return path.join(into, packed.stdout.trim().split('\n').pop()!);
}

if (import.meta.main) {
	const root = path.resolve(import.meta.dirname, '..');
	const tarball = process.argv[2] ? path.resolve(process.argv[2]) : pack(root);
	const legs = [
		await scanLeg('source (SOURCE_FILE_PATTERNS)', root, SOURCE_FILE_PATTERNS),
		await scanLeg(
			`tarball ${path.basename(tarball)} (**/*.js, package.json)`,
			unpack(tarball),
			TARBALL_FILE_PATTERNS,
		),
	];
	for (const result of legs)
		process.stdout.write(
			`${result.passed ? '✔' : '✖'} scanner, ${result.leg}\n${result.findings}`,
		);
	process.stdout.write(
		'  provenance: checked by n8n only after publishing (publish.yml publishes with --provenance)\n',
	);
	process.exit(legs.every((result) => result.passed) ? 0 : 1);
}
