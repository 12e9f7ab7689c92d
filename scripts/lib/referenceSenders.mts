/**
 * The two floors the benchmark measures the Alexa node against, on the same skill messages:
 * - a plain Node HTTP loop (one keep-alive agent, no n8n): what this machine can do at all;
 * - a minimal node that sends each item with n8n's own `httpRequest` helper and does nothing
 *   else, run through the same engine: what any node that sends through n8n's helpers pays.
 * Shared by scripts/bench.mts and scripts/bench-memory.mts.
 */
import http from 'node:http';

import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import {
	registerNodeType,
	runAlexaNode,
	type CredentialForTest,
} from '../../test/harness/engine.mts';
import { users } from './httpRequestNode.mts';

/** A fake Alexa, possibly in another process, and a Skill Messaging token it issued. */
export interface SendTarget {
	url: string;
	token: string;
}

const MESSAGE = { data: { a: 'b' }, expiresAfterSeconds: 3600 };

/** A plain Node HTTP loop with at most `concurrency` requests open; resolves to seconds taken. */
export async function plainLoop(
	target: SendTarget,
	count: number,
	concurrency: number,
): Promise<number> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
	const url = new URL(target.url);
	const body = JSON.stringify(MESSAGE);
	const one = (index: number) =>
		new Promise<void>((resolve, reject) => {
			const request = http.request(
				{
					host: url.hostname,
					port: url.port,
					method: 'POST',
					path: `/v1/skillmessages/users/amzn1.ask.account.P${index}`,
					agent,
					headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
				},
				(response) => {
					response.resume();
					response.on('end', () =>
						response.statusCode === 202
							? resolve()
							: reject(new Error(String(response.statusCode))),
					);
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	const started = performance.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(concurrency, count) }, async () => {
			while (next < count) await one(next++);
		}),
	);
	agent.destroy();
	return (performance.now() - started) / 1000;
}

const HELPER_ONLY_NODE = 'bench.helperOnly';
/** As many requests open at once as the Alexa node's default (Max Requests in Flight). */
const HELPER_ONLY_IN_FLIGHT = 200;

/** Sends each item's skill message with `this.helpers.httpRequest`, 200 at a time, and nothing more. */
const helperOnlyNode: INodeType = {
	description: {
		displayName: 'Helper only',
		name: HELPER_ONLY_NODE,
		group: ['output'],
		version: 1,
		description: 'The benchmark floor for nodes that send through n8n helpers',
		defaults: { name: 'Helper only' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'string', default: '' },
		],
	},
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0) as string;
		const token = this.getNodeParameter('token', 0) as string;
		const output: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		await Promise.all(
			Array.from({ length: Math.min(HELPER_ONLY_IN_FLIGHT, items.length) }, async () => {
				while (next < items.length) {
					const index = next++;
					await this.helpers.httpRequest({
						method: 'POST',
						url: `${url}/v1/skillmessages/users/${String(items[index].json.user)}`,
						headers: { Authorization: `Bearer ${token}` },
						body: MESSAGE,
						json: true,
					});
					output[index] = { json: { accepted: true }, pairedItem: { item: index } };
				}
			}),
		);
		return [output];
	},
};
registerNodeType(HELPER_ONLY_NODE, helperOnlyNode);

/** The helper-only node through the engine; resolves to its output items. */
export async function helperOnlyNodeRun(
	target: SendTarget & { credential: CredentialForTest },
	count: number,
): Promise<INodeExecutionData[]> {
	const { output } = await runAlexaNode({
		nodeType: { name: HELPER_ONLY_NODE, version: 1 },
		parameters: { url: target.url, token: target.token },
		items: users(count),
		credential: target.credential,
	});
	return output;
}
