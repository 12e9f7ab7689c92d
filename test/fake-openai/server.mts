/**
 * A local stand-in for OpenAI's Chat Completions API (`POST /v1/chat/completions`), enough for
 * n8n's OpenAI Chat Model node behind an AI Agent. It plays a model with a script: the first turn
 * calls the one tool whose description fits with arguments it picks from the tool's parameter
 * schema, the turn after the tool answered reports what the tool returned. It records every
 * request, so a test can read the tools n8n offered the model exactly as they were sent.
 *
 * It listens on 127.0.0.1 on an ephemeral port. Nothing here is shipped.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OfferedTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: JsonSchema };
}

export interface JsonSchema {
	type?: string;
	properties?: Record<string, JsonSchema & { description?: string }>;
	required?: string[];
	[key: string]: unknown;
}

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
}

/**
 * What the "model" decides on its first turn: which tool (the first whose description matches)
 * and, for each argument, a test on the parameter's name and description and the value to give.
 * A parameter the script cannot place is an error: the model would have had to guess.
 */
export interface ToolCallScript {
	tool: RegExp;
	arguments: Array<{ parameter: RegExp; value: string }>;
}

export interface FakeOpenAi {
	url: string;
	requests: ChatRequest[];
	/** Problems the script met (no fitting tool, a parameter it could not place), in the order met. */
	problems: string[];
	close(): Promise<void>;
}

const textOf = (content: unknown) =>
	typeof content === 'string' ? content : JSON.stringify(content);

function completion(message: Record<string, unknown>, finishReason: string) {
	return {
		id: `chatcmpl-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'stand-in',
		choices: [
			{
				index: 0,
				message: { role: 'assistant', ...message },
				finish_reason: finishReason,
				logprobs: null,
			},
		],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The first turn: a call to the scripted tool, each argument placed by the parameter's name and description. */
function callTool(request: ChatRequest, script: ToolCallScript, problems: string[]) {
	const tool = request.tools?.find((offered) =>
		script.tool.test(offered.function.description ?? ''),
	);
	if (!tool) {
		problems.push(
			`no tool described as ${script.tool}: ${JSON.stringify(request.tools?.map((offered) => offered.function))}`,
		);
		return completion({ content: 'I have no tool for that.' }, 'stop');
	}
	const parameters = tool.function.parameters?.properties ?? {};
	const args: Record<string, string> = {};
	for (const [name, schema] of Object.entries(parameters)) {
		const said = `${name} ${schema.description ?? ''}`;
		const fitting = script.arguments.find((argument) => argument.parameter.test(said));
		if (fitting) args[name] = fitting.value;
		else
			problems.push(
				`parameter "${name}" (${schema.description ?? 'no description'}) fits nothing the model wants to send`,
			);
	}
	return completion(
		{
			content: null,
			tool_calls: [
				{
					id: 'call_alexa_1',
					type: 'function',
					function: { name: tool.function.name, arguments: JSON.stringify(args) },
				},
			],
		},
		'tool_calls',
	);
}

/** The turn after the tool answered: the final answer, quoting what the tool returned. */
function answer(toolResult: ChatMessage) {
	return completion(
		{ content: `Done. The Alexa tool answered: ${textOf(toolResult.content)}` },
		'stop',
	);
}

/** The same completion as server-sent events, for a client that asked for a stream. */
function asStream(response: http.ServerResponse, body: ReturnType<typeof completion>) {
	response.writeHead(200, { 'Content-Type': 'text/event-stream' });
	const { message, finish_reason } = body.choices[0] as {
		message: Record<string, any>;
		finish_reason: string;
	};
	const delta: Record<string, unknown> = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls)
		delta.tool_calls = message.tool_calls.map((call: object, index: number) => ({
			index,
			...call,
		}));
	const chunk = (choice: object) =>
		`data: ${JSON.stringify({ id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model, choices: [choice] })}\n\n`;
	response.write(chunk({ index: 0, delta, finish_reason: null }));
	response.write(chunk({ index: 0, delta: {}, finish_reason }));
	response.end('data: [DONE]\n\n');
}

export async function startFakeOpenAi(script: ToolCallScript): Promise<FakeOpenAi> {
	const requests: ChatRequest[] = [];
	const problems: string[] = [];
	const server = http.createServer((request, response) => {
		let raw = '';
		request.on('data', (chunk) => (raw += chunk));
		request.on('end', () => {
			if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
				response.writeHead(404, { 'Content-Type': 'application/json' });
				response.end(
					JSON.stringify({
						error: {
							message: `not in the stand-in: ${request.method} ${request.url}`,
							type: 'invalid_request_error',
						},
					}),
				);
				return;
			}
			const chat = JSON.parse(raw) as ChatRequest;
			requests.push(chat);
			const toolResult = [...chat.messages].reverse().find((message) => message.role === 'tool');
			const body = toolResult ? answer(toolResult) : callTool(chat, script, problems);
			if (chat.stream) return asStream(response, body);
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		problems,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
