/**
 * The node's own runner (nodes/Alexa/shared/delivery/runner.ts, decision 4), in the parts the
 * other suites do not reach: n8n's Batching option, the order in which failures surface, and a
 * parameter read once per item however often the hooks ask for it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';

import type { FakeAlexa, RecordedRequest } from './fake-alexa/server.mts';
import { registerNodeType, runAlexaNode } from './harness/engine.mts';
import {
	installClock,
	skillMessagingCredential,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';
import {
	alexaNodeModule,
	clock as clockModule,
	n8nCore,
	projectRoot,
	resources,
} from './harness/modules.mts';

const require = createRequire(import.meta.url);

const MESSAGES = '/v1/skillmessages/users/';
/** Resources whose operations send nothing and run in the node, not through the runner. */
const fakeAlexa = useFakeAlexa();
let fake: FakeAlexa;
let clock: ManualClock;
const sentAt = new WeakMap<RecordedRequest, number>();
beforeEach(() => {
	fake = fakeAlexa();
	clock = installClock();
	fake.onRequest = (request) => sentAt.set(request, clock.nowMs);
});

const users = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ user: `amzn1.ask.account.R${index}` }));

describe('the operation runner', () => {
	it("honours n8n's Batching option: a pause before each batch after the first", async () => {
		// The pause is n8n's, on the real clock: short, and checked from below only. A first run
		// fetches the token, so that no item of the measured run waits for LWA.
		clockModule.useClock();
		await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: 'amzn1.ask.account.WARM' },
			credential: skillMessagingCredential(fake),
		});
		fake.requests.length = 0;
		const { output } = await runAlexaNode({
			parameters: {
				resource: 'skillMessage',
				operation: 'send',
				userId: '={{ $json.user }}',
				requestOptions: { batching: { batch: { batchSize: 2, batchInterval: 400 } } },
			},
			items: users(6),
			credential: skillMessagingCredential(fake),
		});
		assert.equal(output.length, 6);
		const sent = fake.requestsTo(MESSAGES);
		assert.deepEqual(
			sent.map((request) => request.path.split('/').pop()),
			users(6).map((user) => user.user),
		);
		const at = sent.map((request) => request.receivedAt);
		// 400 ms apart, less what a busy machine may delay the earlier request by.
		assert.ok(
			at[2] - at[1] >= 300 && at[4] - at[3] >= 300,
			`batches 400 ms apart: ${at.map((time) => time - at[0]).join(', ')}`,
		);
	});

	it('without Continue On Fail, sends every valid item and then fails with the first failed item, as the engine does', async () => {
		fake.unknownUsers.add('amzn1.ask.account.R3');
		fake.unknownUsers.add('amzn1.ask.account.R1');
		const { output, error } = await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
			items: users(5),
			credential: skillMessagingCredential(fake),
		});
		assert.equal(output.length, 0);
		assert.match(String(error?.message), /does not know this user ID/);
		assert.equal((error as { context?: { itemIndex?: number } }).context?.itemIndex, 1);
		assert.equal(fake.requestsTo(MESSAGES).length, 5, 'each item sent once');
	});

	it('keeps output items in input order with their pairedItem, whatever order Alexa answers in', async () => {
		fake.inject(`${MESSAGES}amzn1.ask.account.R0`, { delayMs: 300 });
		const { output } = await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: '={{ $json.user }}' },
			items: users(4),
			credential: skillMessagingCredential(fake),
		});
		assert.deepEqual(
			output.map((item) => [item.json.userId, item.pairedItem]),
			users(4).map((user, index) => [user.user, { item: index }]),
		);
		const answered = fake.requestsTo(MESSAGES).sort((a, b) => a.answeredAt! - b.answeredAt!);
		assert.ok(answered.at(-1)!.path.endsWith('R0'), 'the first item was answered last');
	});

	it('reads an expression once per item: the item reports the user ID it sent, even from an expression that changes', async () => {
		// Each evaluation gives another value; the request and the output must agree.
		const { output } = await runAlexaNode({
			parameters: {
				resource: 'skillMessage',
				operation: 'send',
				userId: '={{ $json.user + "-" + Math.random().toString(36).slice(2, 8) }}',
			},
			items: users(3),
			credential: skillMessagingCredential(fake),
		});
		const sentUserIds = fake
			.requestsTo(MESSAGES)
			.map((request) => decodeURIComponent(request.path.slice(MESSAGES.length)));
		assert.deepEqual(
			output.map((item) => item.json.userId),
			sentUserIds,
		);
	});

	/** Sends 800 skill messages, each carrying the time its parameters were read; returns those times and the fake's. */
	async function planningAndSending(continueOnFail: boolean) {
		clockModule.useClock();
		await runAlexaNode({
			parameters: {
				resource: 'skillMessage',
				operation: 'send',
				userId: '={{ $json.user }}',
				dataPairs: { pair: [{ key: 'readAt', value: '={{ $now.toMillis().toString() }}' }] },
			},
			items: users(800),
			credential: skillMessagingCredential(fake),
			continueOnFail,
		});
		const sent = fake.requestsTo(MESSAGES);
		assert.equal(sent.length, 800);
		return {
			lastRead: Math.max(
				...sent.map((request) =>
					Number((request.json as { data: { readAt: string } }).data.readAt),
				),
			),
			firstReceived: Math.min(...sent.map((request) => request.receivedAt)),
			firstAnswered: Math.min(...sent.map((request) => request.answeredAt!)),
		};
	}

	it('without Continue On Fail, reads every item before it sends the first', async () => {
		const { lastRead, firstReceived } = await planningAndSending(false);
		assert.ok(
			lastRead <= firstReceived,
			`last item read at ${lastRead}, first sent at ${firstReceived}`,
		);
	});

	it('with Continue On Fail, reads the items just ahead of the sends: the last ones after Alexa answered the first', async () => {
		// 250 items in progress and 250 planned ahead: item 799 waits for answers to earlier items.
		const { lastRead, firstAnswered } = await planningAndSending(true);
		assert.ok(
			lastRead >= firstAnswered,
			`last item read at ${lastRead}, first answer at ${firstAnswered}`,
		);
	});

	it('sends nothing more once the execution is stopped', async () => {
		clockModule.useClock();
		fake.latencyMs = 100;
		try {
			await runAlexaNode({
				parameters: {
					resource: 'skillMessage',
					operation: 'send',
					userId: '={{ $json.user }}',
					delivery: { maxConcurrency: 5 },
				},
				items: users(300),
				credential: skillMessagingCredential(fake),
				cancelAfterMs: 500,
			});
			// n8n ends the run at the Stop; requests already on the wire may land a moment later.
			await new Promise((resolve) => setTimeout(resolve, 500));
			const sentByTheStop = fake.requestsTo(MESSAGES).length;
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const sent = fake.requestsTo(MESSAGES).length;
			assert.ok(sent < 300, `only part of the run was sent before the stop: ${sent} of 300`);
			assert.equal(sent, sentByTheStop, 'nothing was sent after the stop');
		} finally {
			fake.latencyMs = 0;
		}
	});

	it('every routing description n8n sees uses only what the runner knows', () => {
		const node = new alexaNodeModule.Alexa();
		const walk = (properties: unknown[], path: string, parent?: string) => {
			for (const property of properties as Array<Record<string, any>>) {
				const here = `${path}/${property.value ?? property.name}`;
				if (property.routing) {
					assert.equal(
						parent,
						'operation',
						`${here}: routing outside the operation's options, which the runner ignores`,
					);
					const { request = {}, send = {}, output = {}, ...rest } = property.routing;
					assert.deepEqual(Object.keys(rest), [], `${here}: routing keys the runner ignores`);
					assert.deepEqual(
						Object.keys(request).filter((key) => !['method', 'url'].includes(key)),
						[],
						`${here}: request keys the runner ignores`,
					);
					assert.deepEqual(
						Object.keys(send).filter((key) => key !== 'preSend'),
						[],
						`${here}: send keys the runner ignores`,
					);
					assert.equal(
						send.preSend?.length,
						1,
						`${here}: one preSend hook, the one that refuses an n8n without customOperations`,
					);
					assert.deepEqual(
						Object.keys(output).filter((key) => key !== 'postReceive'),
						[],
						`${here}: output keys the runner ignores`,
					);
					assert.ok(
						(output.postReceive ?? []).every((hook: unknown) => typeof hook === 'function'),
						`${here}: declarative postReceive actions`,
					);
				}
				for (const nested of [property.options, property.values])
					if (Array.isArray(nested)) walk(nested, here, property.name);
			}
		};
		walk(node.description.properties, '');
	});

	it('every operation file is wired: listed by its resource, in its picker, and run by the node', () => {
		const node = new alexaNodeModule.Alexa();
		const resourcesDir = path.join(projectRoot, 'dist/nodes/Alexa/resources');
		const pickers = new Map<string, Array<Record<string, any>>>();
		for (const property of node.description.properties as Array<Record<string, any>>) {
			if (property.name === 'operation')
				pickers.set(property.displayOptions.show.resource[0], property.options);
		}
		const resourceValues = (node.description.properties as Array<Record<string, any>>)
			.find((property) => property.name === 'resource')!
			.options.map((option: { value: string }) => option.value);
		assert.deepEqual(
			resourceValues,
			resources.resources.map((resource) => resource.option.value),
			'the Resource picker lists every resource',
		);
		let files = 0;
		for (const folder of fs
			.readdirSync(resourcesDir, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())) {
			const resource = require(path.join(resourcesDir, folder.name, 'index.js'))
				.resource as (typeof resources.resources)[number];
			assert.ok(
				resources.resources.includes(resource),
				`resources/${folder.name} is in resources/index.ts`,
			);
			const value = String(resource.option.value);
			for (const file of fs
				.readdirSync(path.join(resourcesDir, folder.name))
				.filter((name) => name.endsWith('.operation.js'))) {
				files++;
				const { operation } = require(path.join(resourcesDir, folder.name, file));
				const where = `resources/${folder.name}/${file.replace('.js', '.ts')}`;
				assert.ok(operation, `${where} exports its operation`);
				assert.ok(
					(resource.operations as unknown[]).includes(operation),
					`${where} is listed by resources/${folder.name}/index.ts`,
				);
				const option = pickers.get(value)?.find((entry) => entry.value === operation.value);
				assert.ok(option, `${where} is in the ${value} Operation picker`);
				assert.equal(
					typeof node.customOperations[value]?.[operation.value],
					'function',
					`${where} is run by the node`,
				);
				assert.equal(
					Boolean(option.routing),
					'api' in resource,
					`${where}: a routing exactly when the resource sends`,
				);
			}
			assert.equal(
				pickers.get(value)?.length,
				resource.operations.length,
				`${value}: the picker lists exactly its operations`,
			);
			assert.deepEqual(
				Object.keys(node.customOperations[value] ?? {}).sort(),
				resource.operations.map((operation) => operation.value).sort(),
			);
		}
		assert.ok(files > 0, 'operation files were found');
		assert.deepEqual(
			Object.keys(node.customOperations).sort(),
			[...resourceValues].sort(),
			'the node runs exactly its resources',
		);
	});

	it("sends through n8n's Request Options → Proxy, and refuses a proxy without a host before sending", async () => {
		const credential = skillMessagingCredential(fake);
		// The API host does not resolve: only a proxy can deliver. The fake plays the proxy.
		credential.data.apiBaseUrl = 'http://alexa-behind-proxy.invalid';
		const { output } = await runAlexaNode({
			parameters: {
				resource: 'skillMessage',
				operation: 'send',
				userId: 'amzn1.ask.account.P1',
				requestOptions: { proxy: fake.url },
			},
			credential,
		});
		assert.equal(output[0]?.json.accepted, true);
		assert.equal(fake.requestsTo(MESSAGES).length, 1);

		fake.reset();
		const bad = await runAlexaNode({
			parameters: {
				resource: 'skillMessage',
				operation: 'send',
				userId: 'amzn1.ask.account.P1',
				requestOptions: { proxy: 'not a proxy' },
			},
			credential: skillMessagingCredential(fake),
		});
		assert.match(String(bad.error?.message), /The proxy is not valid/);
		assert.equal(fake.requests.length, 0, 'nothing sent, not even a token request');
	});

	it("says which n8n it needs, and sends nothing, when n8n runs the routing itself instead of the node's customOperations", async () => {
		// What an n8n before 1.82 does: it knows no customOperations and runs the declarative routing.
		const withoutCustomOperations = new alexaNodeModule.Alexa() as { customOperations?: unknown };
		delete withoutCustomOperations.customOperations;
		n8nCore.DirectoryLoader.applyDeclarativeNodeOptionParameters(withoutCustomOperations as never);
		registerNodeType('alexaWithoutCustomOperations', withoutCustomOperations as never);
		const { error } = await runAlexaNode({
			parameters: { resource: 'skillMessage', operation: 'send', userId: 'amzn1.ask.account.OLD' },
			credential: skillMessagingCredential(fake),
			nodeType: { name: 'alexaWithoutCustomOperations', version: 1 },
		});
		assert.match(
			String(error?.message),
			/does not run the Alexa node's own operations \(customOperations\), so nothing was sent\. The Alexa node needs n8n 1\.85 or later/,
		);
		assert.deepEqual(fake.requests, [], 'nothing sent, not even a token request');
	});
});
