/**
 * The node as an AI Agent's tool, in a real n8n: Manual Trigger → AI Agent, with n8n's OpenAI
 * Chat Model (its base URL on the OpenAI stand-in in test/fake-openai/) and the Alexa node as a
 * tool (`n8n-nodes-alexa.alexaTool`, which n8n makes of any `usableAsTool` node). The parameters
 * the model fills are written as the editor's "Let the model define this parameter" button writes
 * them. The stand-in calls the tool with the user and text it picks from the tool's schema, then
 * answers with what the tool returned. Checked: the tool as n8n offers it to the model (name,
 * description, parameters, required), the one message the fake Alexa received, and the agent's
 * answer.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { startFakeOpenAi, type OfferedTool } from '../../fake-openai/server.mts';
import { resetFake } from '../fixtures.mts';
import { execute, executionJson, n8n, output, root } from '../n8n.mts';

const USER = 'amzn1.ask.account.AGENTUSER1';
const TEXT = 'Water the plants';
const TOOL_NODE = 'Send Skill Message';

/**
 * A parameter as the editor's "Let the model define this parameter" button writes it: its key is
 * the field's display name (list fields prefixed with the list and index, `pair0_`), its
 * description empty until the user writes one. So the model sees the node's display names and,
 * as the tool's description, the operation's action: those are the node's part of the schema.
 */
const fromAi = (key: string) =>
	`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, 'string') }}`;

/** The key the editor makes of a field of Send Skill Message, from the node's description as built. */
function editorKey(field: 'userId' | 'pairValue'): string {
	const { Alexa } = createRequire(import.meta.url)(
		path.join(root, 'dist/nodes/Alexa/Alexa.node.js'),
	);
	const properties: any[] = new Alexa().description.properties;
	const ofSend = (name: string) =>
		properties.find(
			(property) =>
				property.name === name && property.displayOptions?.show?.resource?.includes('skillMessage'),
		);
	const displayName: string =
		field === 'userId'
			? ofSend('userId').displayName
			: ofSend('dataPairs')
					.options.find((option: any) => option.name === 'pair')
					.values.find((value: any) => value.name === 'value').displayName;
	return `${field === 'pairValue' ? 'pair0_' : ''}${displayName.replace(/[^a-zA-Z0-9-]/g, '_')}`;
}

function workflow(openAiUrl: string, keys: { user: string; text: string }) {
	return {
		id: 'alexaE2eAgent',
		name: 'Alexa as an AI Agent tool',
		active: false,
		nodes: [
			{
				parameters: {},
				id: 'a0000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: {
					promptType: 'define',
					text: `Remind ${USER} through their Alexa skill: "${TEXT}".`,
					options: {},
				},
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [240, 0],
			},
			{
				parameters: {
					model: { __rl: true, mode: 'id', value: 'stand-in' },
					responsesApiEnabled: false,
					options: { baseURL: openAiUrl },
				},
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [160, 220],
				credentials: { openAiApi: { id: 'openAiE2eStandIn', name: 'OpenAI stand-in' } },
			},
			{
				parameters: {
					resource: 'skillMessage',
					operation: 'send',
					userId: fromAi(keys.user),
					dataMode: 'pairs',
					dataPairs: { pair: [{ key: 'text', value: fromAi(keys.text) }] },
				},
				id: 'a0000000-0000-4000-8000-000000000004',
				name: TOOL_NODE,
				type: 'n8n-nodes-alexa.alexaTool',
				typeVersion: 1,
				position: [360, 220],
				credentials: {
					alexaSkillMessagingApi: { id: 'alexaE2eMessaging', name: 'Alexa Skill Messaging' },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			[TOOL_NODE]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

async function importJson(
	command: 'import:workflow' | 'import:credentials',
	name: string,
	data: unknown,
): Promise<void> {
	const file = path.join(output, name);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	const imported = await n8n([command, `--input=${file}`]);
	assert.equal(imported.status, 0, imported.stderr + imported.stdout);
}

export async function agentStage(fake: FakeAlexa, log: (text: string) => void): Promise<void> {
	resetFake(fake);
	const model = await startFakeOpenAi({
		tool: /message to .*skill/i,
		arguments: [
			// A bare "Value" says nothing about what it is the value of: the model would have to guess.
			{ parameter: /user.?id/i, value: USER },
			{ parameter: /message|text/i, value: TEXT },
		],
	});
	try {
		await importJson('import:credentials', 'openai-credentials.json', [
			{
				id: 'openAiE2eStandIn',
				name: 'OpenAI stand-in',
				type: 'openAiApi',
				data: { apiKey: 'sk-e2e-stand-in', url: model.url },
			},
		]);
		const keys = { user: editorKey('userId'), text: editorKey('pairValue') };
		await importJson('import:workflow', 'agent-workflow.json', workflow(model.url, keys));
		const result = await execute('alexaE2eAgent');
		fs.writeFileSync(
			path.join(output, 'agent-model-requests.json'),
			JSON.stringify(model.requests, null, 2),
		);
		assert.equal(result.status, 0, result.stderr + result.stdout.slice(0, 3000));

		// The tool as n8n offered it to the model.
		const offered: OfferedTool[] = model.requests[0]?.tools ?? [];
		log(`  tools offered to the model: ${JSON.stringify(offered)}`);
		assert.equal(offered.length, 1, 'one tool, the Alexa node');
		const tool = offered[0].function;
		assert.equal(tool.name, 'Send_Skill_Message');
		assert.match(tool.description ?? '', /message to .*skill/i);
		assert.deepEqual(
			Object.keys(tool.parameters?.properties ?? {}).sort(),
			[keys.user, keys.text].sort(),
		);
		assert.deepEqual([...(tool.parameters?.required ?? [])].sort(), [keys.user, keys.text].sort());
		for (const [name, schema] of Object.entries(tool.parameters?.properties ?? {}))
			assert.equal(schema.type, 'string', `${name} is a string`);
		assert.deepEqual(model.problems, [], 'the model could place every parameter');

		// Exactly the message the model chose, once.
		const sent = fake.requestsTo('/v1/skillmessages/users/');
		assert.equal(sent.length, 1, 'one skill message');
		assert.equal(decodeURIComponent(sent[0].path.split('/').pop()!), USER);
		assert.deepEqual((sent[0].json as { data: unknown }).data, { text: TEXT });
		assert.equal(sent[0].status, 202);

		// The agent's answer reports what the tool did.
		assert.equal(model.requests.length, 2, 'a tool call, then the final answer');
		const run = executionJson(result.stdout);
		const agentOutput = String(
			run.data.resultData.runData['AI Agent'][0].data.main[0][0].json.output,
		);
		log(`  agent output: ${agentOutput}`);
		assert.match(agentOutput, /"accepted":\s*true/);
		assert.ok(agentOutput.includes(USER), 'the answer names the user');
	} finally {
		await model.close();
	}
}
