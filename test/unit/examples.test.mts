/**
 * The workflows in examples/, as files: each imports as n8n imports it. The e2e suite runs them
 * in a real n8n; this catches, in seconds, what made one fail there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const examples = path.resolve(import.meta.dirname, '../../examples');

/**
 * n8n saves a workflow's static data only when its id has 1–21 characters (`isWorkflowIdValid`,
 * packages/cli/src/utils.ts in n8n 2.41.1); with a longer id the smart home examples forgot their
 * device's state between directives, silently.
 */
const MAX_WORKFLOW_ID = 21;

/**
 * n8n on PostgreSQL keeps a trigger node's id in a varchar(36) (workflow_publication_trigger_status
 * in n8n 2.41.1): a longer id made publishing the smart home lamp fail there with "value too long
 * for type character varying(36)", where SQLite took it.
 */
const MAX_NODE_ID = 36;

/** The credential ids examples use, which the e2e suite (test/e2e/n8n.mts, importExample) fills in. */
const PLACEHOLDER_IDS = new Set([
	'SKILL_MESSAGING_CREDENTIAL_ID',
	'REFRESH_TOKEN_CREDENTIAL_ID',
	'DEVELOPER_CREDENTIAL_ID',
	'SMART_HOME_RELAY_CREDENTIAL_ID',
]);

describe('examples/', () => {
	for (const file of fs.readdirSync(examples).filter((name) => name.endsWith('.json'))) {
		it(`${file}: an id n8n keeps static data for, node ids PostgreSQL takes, placeholder credentials, connections to its own nodes`, () => {
			const workflow = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
			assert.equal(typeof workflow.id, 'string');
			assert.ok(
				workflow.id.length >= 1 && workflow.id.length <= MAX_WORKFLOW_ID,
				`id ${workflow.id} has ${workflow.id.length} characters; n8n keeps static data for 1–${MAX_WORKFLOW_ID}`,
			);
			const ids = workflow.nodes.map((node: { id: string }) => node.id);
			for (const id of ids)
				assert.ok(
					typeof id === 'string' && id.length >= 1 && id.length <= MAX_NODE_ID,
					`node id ${id} has ${String(id).length} characters; n8n on PostgreSQL keeps at most ${MAX_NODE_ID}`,
				);
			assert.equal(new Set(ids).size, ids.length, 'node ids are unique');
			const names = new Set(workflow.nodes.map((node: { name: string }) => node.name));
			for (const node of workflow.nodes)
				for (const credential of Object.values(node.credentials ?? {}) as Array<{ id: string }>)
					assert.ok(
						PLACEHOLDER_IDS.has(credential.id),
						`${node.name}: credential id ${credential.id}`,
					);
			for (const [from, outputs] of Object.entries(workflow.connections) as Array<[string, any]>) {
				assert.ok(names.has(from), `connection from ${from}, which is no node`);
				for (const targets of outputs.main)
					for (const target of targets)
						assert.ok(names.has(target.node), `connection to ${target.node}`);
			}
		});
	}
});
