/**
 * The package's layers, checked: every .ts file under nodes/ and credentials/, with every
 * relative import it makes (`import`, `import type`, `export … from`, `import()`, `require()`).
 *
 *   node scripts/checkImports.mts
 *
 * Fails, listing each problem, on:
 * - an import cycle (each loop is printed, file by file);
 * - an import that goes up the layers below, or sideways between two units of one layer;
 * - a file in no layer, or an import that names no file;
 * - a source file over MAX_LINES lines, unless it is a table of data listed below;
 * - an exception below that no longer applies, so that it cannot hide a later problem.
 *
 * It reads the files with TypeScript's parser (the compiler the build already uses), so that an
 * import in a comment or a string is not taken for one.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layers, top first. A file may import from its own unit and from any unit of a lower
 * layer; never from a higher layer, and never from another unit of its own layer (two
 * resources are siblings: what both need lives a layer down, so that either can change alone).
 * A unit is a folder (ending in /) or one file; `*` makes each subfolder its own unit. A file
 * belongs to the unit with the longest path that holds it.
 *
 * The order is the one the code's imports already followed, bar a few that were changed to fit
 * it (issue 23: the list of APIs took its type from the retry table, errors/ took two things from
 * delivery/, a notification took two other resources' fields): the send path (delivery/) uses
 * what Alexa's answers mean (errors/), which uses the LWA token errors (lwa/); all of them use
 * the APIs and their hosts (alexa/) and the helpers (util/). input/ imports nothing yet.
 */
const LAYERS: Array<{ layer: string; units: string[] }> = [
	{
		layer: 'what n8n loads: the three nodes and the credentials',
		units: [
			'nodes/Alexa/Alexa.node.ts',
			'nodes/AlexaTrigger/AlexaTrigger.node.ts',
			'nodes/AlexaSmartHomeTrigger/AlexaSmartHomeTrigger.node.ts',
			'credentials/',
		],
	},
	{ layer: "the Alexa node's list of resources", units: ['nodes/Alexa/resources/index.ts'] },
	{
		// The triggers' own folders sit beside the resources: all use shared/, none another.
		layer: "each resource of the Alexa node, and each trigger's own files",
		units: ['nodes/Alexa/resources/*/', 'nodes/AlexaTrigger/', 'nodes/AlexaSmartHomeTrigger/'],
	},
	{ layer: 'what every resource is made of', units: ['nodes/Alexa/resources/defineResource.ts'] },
	{
		layer:
			'operations of the in-session APIs that several resources share (a read with the request token)',
		units: ['nodes/Alexa/shared/inSession/'],
	},
	{ layer: 'operations that send nothing', units: ['nodes/Alexa/shared/local/'] },
	{ layer: 'the send path', units: ['nodes/Alexa/shared/delivery/'] },
	{
		layer: "what Alexa's answers mean, errors safe to show",
		units: ['nodes/Alexa/shared/errors/'],
	},
	{ layer: 'Login with Amazon tokens and signing', units: ['nodes/Alexa/shared/lwa/'] },
	{
		// Event (to the gateway) and Smart Home Response (to Alexa) build the same messages.
		layer: "smart home messages: the rules of Amazon's schema, the parts two resources build",
		units: ['nodes/Alexa/shared/smartHome/'],
	},
	{
		layer: "the user's input: fields several resources share, checks",
		units: ['nodes/Alexa/shared/input/'],
	},
	{ layer: "Amazon's APIs and their hosts", units: ['nodes/Alexa/shared/alexa/'] },
	{ layer: 'helpers that know nothing of Alexa', units: ['nodes/Alexa/shared/util/'] },
];

/** Imports that go against the layers, each until the change named beside it lands; then delete the entry. */
const ALLOWED_IMPORTS: Array<{ from: string; to: string }> = [];

const MAX_LINES = 300;

const CATALOGUE = "one API's error answers from Amazon's page, as entries: it grows with the page";

/** Files that are tables of data, which may be longer than MAX_LINES: split, they would only be scattered. */
const DATA_TABLES: Record<string, string> = {
	'nodes/AlexaTrigger/verification/amazonRootCertificates.ts':
		"Amazon's root certificates, PEM text copied byte for byte",
	'nodes/Alexa/shared/smartHome/schemaRules.ts':
		"the rules of Amazon's smart home message schema, the tables the answers are checked against",
	'nodes/Alexa/resources/notification/schemas.ts':
		"Amazon's proactive event schemas, one table the fields and checks come from",
	'nodes/Alexa/shared/errors/catalogue/eventGateway.ts': CATALOGUE,
	'nodes/Alexa/shared/errors/catalogue/loginWithAmazon.ts': CATALOGUE,
	'nodes/Alexa/shared/errors/catalogue/proactiveEvents.ts': CATALOGUE,
	'nodes/Alexa/shared/errors/catalogue/skillEnablement.ts': CATALOGUE,
	'nodes/Alexa/shared/errors/catalogue/skillMessaging.ts': CATALOGUE,
};

/** Files over MAX_LINES that are being split elsewhere; each entry goes when its split is merged. */
const LONG_FILES_BEING_SPLIT: Record<string, string> = {};

/** Loops printed per cycle: a cycle through dozens of files comes from one or two bad imports, which a few loops show. */
const LOOPS_SHOWN = 5;

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE_FOLDERS = ['nodes', 'credentials'];

interface Import {
	from: string;
	to: string;
	line: number;
}

function sourceFiles(): string[] {
	return SOURCE_FOLDERS.flatMap((folder) =>
		fs
			.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
			.map((file) => `${folder}/${file.split(path.sep).join('/')}`),
	).sort();
}

/** Every module a file names: import and export declarations, `import x = require()`, `import()`, `require()`, `typeof import()`. */
function moduleSpecifiers(
	sourceFile: ts.SourceFile,
): Array<{ specifier: string; position: number }> {
	const found: Array<{ specifier: string; position: number }> = [];
	const add = (node: ts.Node | undefined) => {
		if (node && ts.isStringLiteralLike(node))
			found.push({ specifier: node.text, position: node.getStart(sourceFile) });
	};
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
		else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference)
		) {
			add(node.moduleReference.expression);
		} else if (ts.isCallExpression(node)) {
			const callee = node.expression;
			if (
				callee.kind === ts.SyntaxKind.ImportKeyword ||
				(ts.isIdentifier(callee) && callee.text === 'require')
			) {
				add(node.arguments[0]);
			}
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
			add(node.argument.literal);
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	return found;
}

/** The file a relative specifier names, as TypeScript's node resolution finds it; undefined if none. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
	const base = path.posix.join(path.posix.dirname(fromFile), specifier);
	const candidates = /\.(ts|json)$/.test(base)
		? [base]
		: [`${base}.ts`, `${base}/index.ts`, `${base}.json`];
	return candidates.find(
		(candidate) =>
			fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile(),
	);
}

/** The unit a file belongs to, and its layer's index (0 is the top). */
function unitOf(file: string): { unit: string; layer: number } | undefined {
	let best: { unit: string; layer: number } | undefined;
	LAYERS.forEach(({ units }, layer) => {
		for (const pattern of units) {
			let unit: string | undefined;
			if (pattern.endsWith('*/')) {
				const parent = pattern.slice(0, -2);
				const rest = file.startsWith(parent) ? file.slice(parent.length) : '';
				if (rest.includes('/')) unit = parent + rest.slice(0, rest.indexOf('/') + 1);
			} else if (pattern.endsWith('/') ? file.startsWith(pattern) : file === pattern)
				unit = pattern;
			if (unit !== undefined && (best === undefined || unit.length > best.unit.length))
				best = { unit, layer };
		}
	});
	return best;
}

function lineCount(text: string): number {
	return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cyclicComponents(files: string[], edges: Map<string, Set<string>>): string[][] {
	const index = new Map<string, number>();
	const lowLink = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	const connect = (file: string) => {
		index.set(file, index.size);
		lowLink.set(file, index.get(file)!);
		stack.push(file);
		onStack.add(file);
		for (const next of edges.get(file) ?? []) {
			if (!index.has(next)) {
				connect(next);
				lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(next)!));
			} else if (onStack.has(next))
				lowLink.set(file, Math.min(lowLink.get(file)!, index.get(next)!));
		}
		if (lowLink.get(file) !== index.get(file)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			component.push(member);
		} while (member !== file);
		if (component.length > 1 || edges.get(file)?.has(file)) components.push(component.sort());
	};
	for (const file of files) if (!index.has(file)) connect(file);
	return components;
}

/** The shortest loop from `start` back to itself inside one component (breadth first). */
function shortestLoop(
	start: string,
	component: Set<string>,
	edges: Map<string, Set<string>>,
): string[] {
	const cameFrom = new Map<string, string>();
	const queue = [start];
	while (queue.length > 0) {
		const file = queue.shift()!;
		for (const next of [...(edges.get(file) ?? [])].sort()) {
			if (!component.has(next)) continue;
			if (next === start) {
				const loop = [file];
				while (loop[0] !== start) loop.unshift(cameFrom.get(loop[0])!);
				return [...loop, start];
			}
			if (!cameFrom.has(next)) {
				cameFrom.set(next, file);
				queue.push(next);
			}
		}
	}
	return [start];
}

/** Loops that together pass through every file of the component: each file's shortest loop, unless an earlier one covers it. */
function loopsThrough(component: string[], edges: Map<string, Set<string>>): string[][] {
	const members = new Set(component);
	const covered = new Set<string>();
	const loops: string[][] = [];
	for (const file of component) {
		if (covered.has(file)) continue;
		const loop = shortestLoop(file, members, edges);
		loop.forEach((member) => covered.add(member));
		loops.push(loop);
	}
	return loops;
}

function check(): { problems: string[]; files: number; imports: number } {
	const problems: string[] = [];
	const files = sourceFiles();
	const imports: Import[] = [];
	const edges = new Map<string, Set<string>>();
	for (const file of files) {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
		edges.set(file, new Set());
		for (const { specifier, position } of moduleSpecifiers(sourceFile)) {
			if (!specifier.startsWith('.')) continue;
			const line = sourceFile.getLineAndCharacterOfPosition(position).line + 1;
			const target = resolveRelative(file, specifier);
			if (target === undefined) {
				problems.push(
					`unresolved import: ${file}:${line} imports '${specifier}', which names no file`,
				);
				continue;
			}
			imports.push({ from: file, to: target, line });
			edges.get(file)!.add(target);
		}
		const lines = lineCount(text);
		if (lines > MAX_LINES && !(file in DATA_TABLES) && !(file in LONG_FILES_BEING_SPLIT)) {
			problems.push(
				`too long: ${file} has ${lines} lines (at most ${MAX_LINES}); split it, or list it in DATA_TABLES if it is a table of data`,
			);
		}
	}

	for (const component of cyclicComponents(files, edges)) {
		const loops = loopsThrough(component, edges);
		const shown = loops.slice(0, LOOPS_SHOWN).map((loop) => `\n      ${loop.join(' → ')}`);
		const more =
			loops.length > LOOPS_SHOWN
				? `\n      … and ${loops.length - LOOPS_SHOWN} more loops through the other files`
				: '';
		problems.push(
			`import cycle: ${component.length} files import each other:${shown.join('')}${more}`,
		);
	}

	for (const file of files) {
		if (unitOf(file) === undefined)
			problems.push(`no layer: ${file} is in no unit of LAYERS; add its folder where it belongs`);
	}
	const usedExceptions = new Set<(typeof ALLOWED_IMPORTS)[number]>();
	for (const { from, to, line } of imports) {
		const source = unitOf(from);
		const target = unitOf(to);
		if (!source || !target || source.unit === target.unit || target.layer > source.layer) continue;
		const exception = ALLOWED_IMPORTS.find((allowed) => allowed.from === from && allowed.to === to);
		if (exception) {
			usedExceptions.add(exception);
			continue;
		}
		problems.push(
			target.layer < source.layer
				? `upward import: ${from}:${line} imports ${to} (${source.unit} is below ${target.unit})`
				: `sideways import: ${from}:${line} imports ${to} (${source.unit} and ${target.unit} are one layer's siblings)`,
		);
	}

	for (const exception of ALLOWED_IMPORTS) {
		if (!usedExceptions.has(exception)) {
			problems.push(
				`stale exception: ${exception.from} no longer imports ${exception.to}; remove it from ALLOWED_IMPORTS`,
			);
		}
	}
	for (const file of [...Object.keys(DATA_TABLES), ...Object.keys(LONG_FILES_BEING_SPLIT)]) {
		if (!files.includes(file))
			problems.push(
				`stale exception: ${file} does not exist; remove it from the list of long files`,
			);
	}
	for (const file of Object.keys(LONG_FILES_BEING_SPLIT)) {
		if (
			files.includes(file) &&
			lineCount(fs.readFileSync(path.join(ROOT, file), 'utf8')) <= MAX_LINES
		) {
			problems.push(
				`stale exception: ${file} is no longer over ${MAX_LINES} lines; remove it from LONG_FILES_BEING_SPLIT`,
			);
		}
	}
	return { problems, files: files.length, imports: imports.length };
}

const { problems, files, imports } = check();
if (problems.length > 0) {
	console.error(
		`checkImports: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} files:`,
	);
	for (const problem of problems) console.error(`  ${problem}`);
	process.exit(1);
}
console.log(
	`checkImports: ${files} files, ${imports} relative imports: no cycle, layers kept, no file over ${MAX_LINES} lines.`,
);
