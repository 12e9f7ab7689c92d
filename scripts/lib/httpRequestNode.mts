/**
 * n8n's own HTTP Request node, the reference the benchmark compares with, and the bench's input
 * items. Shared by scripts/bench.mts and scripts/bench-memory.mts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import type { FakeAlexa } from '../../test/fake-alexa/server.mts';
import { n8nInstallDir } from './cache.mts';
import {
	registerNodeType,
	runAlexaNode,
	type CredentialForTest,
} from '../../test/harness/engine.mts';
import { skillMessagingCredential } from '../../test/harness/fixtures.mts';

export function users(count: number) {
	return Array.from({ length: count }, (_, index) => ({
		user: `amzn1.ask.account.B${index}`,
		device: `device-${index}`,
	}));
}

/**
 * n8n's own HTTP Request node (4.2), from the n8n installed for the end-to-end tests
 * (scripts/e2e/install-n8n.sh), run through the same engine: the reference the issue names.
 */
export function loadHttpRequestNode(): boolean {
	const file = path.join(
		n8nInstallDir,
		'node_modules/n8n-nodes-base/dist/nodes/HttpRequest/V3/HttpRequestV3.node.js',
	);
	try {
		const { HttpRequestV3 } = createRequire(import.meta.url)(file);
		registerNodeType(
			'n8n-nodes-base.httpRequest',
			new HttpRequestV3({
				name: 'httpRequest',
				displayName: 'HTTP Request',
				group: ['output'],
				description: '',
				defaultVersion: 4.2,
			}),
		);
		return true;
	} catch {
		return false;
	}
}

/** A Skill Messaging token from the fake, for the HTTP Request node to send as its header. */
export function benchToken(fake: FakeAlexa): string {
	return fake.issueToken('Atc|', {
		clientId: 'bench',
		grant: 'client_credentials',
		scope: 'alexa:skill_messaging',
	}).value;
}

export async function httpRequestNodeRun(
	fake: FakeAlexa,
	count: number,
): Promise<{ seconds: number; output: INodeExecutionData[] }> {
	return await httpRequestNodeRunAgainst(
		{ url: fake.url, token: benchToken(fake), credential: skillMessagingCredential(fake) },
		count,
	);
}

/** The same, against a fake Alexa at `url` (possibly in another process) that issued `token`. */
export async function httpRequestNodeRunAgainst(
	target: { url: string; token: string; credential: CredentialForTest },
	count: number,
): Promise<{ seconds: number; output: INodeExecutionData[] }> {
	const started = performance.now();
	const { output } = await runAlexaNode({
		nodeType: { name: 'n8n-nodes-base.httpRequest', version: 4.2 },
		parameters: {
			method: 'POST',
			url: `=${target.url}/v1/skillmessages/users/{{ $json.user }}`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${target.token}` }],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"data": {"a": "b"}, "expiresAfterSeconds": 3600}',
			options: {},
		},
		items: users(count),
		continueOnFail: true,
		credential: target.credential,
	});
	if (output.length !== count) throw new Error(`the HTTP Request node gave ${output.length} items`);
	return { seconds: (performance.now() - started) / 1000, output };
}
