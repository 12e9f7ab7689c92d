/**
 * The n8n surface of the package, as n8n reads it: every property of both nodes and both
 * credentials (names, defaults, display options, routing, hints), compared with the copy in
 * test/fixtures/node-description/, taken before the operation contract changed (issue 23). A
 * change to what a user sees or a workflow stores must be deliberate: rewrite the copy with
 * `npm run build && UPDATE_NODE_DESCRIPTION=1 node --test test/nodeDescription.test.mts` and
 * read the diff.
 *
 * Functions (the routing's hooks, the credential's `authenticate`) are written as their names:
 * a hook that moves or is renamed is a change of what n8n runs.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import {
	alexaNodeModule,
	alexaTriggerModule,
	projectRoot,
	refreshTokenCredentialModule,
	skillMessagingCredentialModule,
	smartHomeRelayCredentialModule,
	smartHomeTriggerModule,
} from './harness/modules.mts';

const FIXTURES = path.join(projectRoot, 'test/fixtures/node-description');

function serialised(value: unknown): string {
	return `${JSON.stringify(
		value,
		(_key, inner: unknown) =>
			typeof inner === 'function' ? `[function ${inner.name || 'anonymous'}]` : inner,
		'\t',
	)}\n`;
}

/** The first line that differs, with its line number and two lines of context: the whole texts are 100 KB. */
function firstDifference(actual: string, recorded: string): string {
	const now = actual.split('\n');
	const before = recorded.split('\n');
	let line = 0;
	while (line < now.length && now[line] === before[line]) line++;
	const around = (lines: string[]) => lines.slice(Math.max(0, line - 2), line + 1).join('\n');
	return `line ${line + 1}\nrecorded:\n${around(before)}\nnow:\n${around(now)}`;
}

const surfaces: Record<string, () => unknown> = {
	'Alexa.node.json': () => new alexaNodeModule.Alexa().description,
	'AlexaTrigger.node.json': () => new alexaTriggerModule.AlexaTrigger().description,
	'AlexaSmartHomeTrigger.node.json': () =>
		new smartHomeTriggerModule.AlexaSmartHomeTrigger().description,
	'AlexaSkillMessagingApi.credentials.json': () => {
		const credential = new skillMessagingCredentialModule.AlexaSkillMessagingApi();
		return { ...credential };
	},
	'AlexaSmartHomeRelayApi.credentials.json': () => {
		const credential = new smartHomeRelayCredentialModule.AlexaSmartHomeRelayApi();
		return { ...credential };
	},
	'AlexaLwaRefreshTokenApi.credentials.json': () => {
		const credential = new refreshTokenCredentialModule.AlexaLwaRefreshTokenApi();
		return { ...credential };
	},
};

describe('The n8n surface (node and credential descriptions)', () => {
	for (const [file, describeIt] of Object.entries(surfaces)) {
		it(`${file.replace('.json', '')} is as recorded`, () => {
			const actual = serialised(describeIt());
			const fixture = path.join(FIXTURES, file);
			if (process.env.UPDATE_NODE_DESCRIPTION === '1') fs.writeFileSync(fixture, actual);
			const recorded = fs.readFileSync(fixture, 'utf8');
			assert.ok(
				actual === recorded,
				`${file} differs from the recorded copy:\n${firstDifference(actual, recorded)}`,
			);
		});
	}
});
