import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

/**
 * An HTTP answer's body as an object: n8n hands it over parsed, as text or as a Buffer
 * depending on the request. Anything that is not a JSON object becomes `{}`.
 */
export function bodyAsObject(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (text.trim() === '') return {};
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: {};
	} catch {
		return {};
	}
}

/**
 * An HTTP answer's body as the JSON value it holds (a string such as "METRIC", an object, a
 * number), or undefined when it is empty or not JSON. n8n may hand it over already parsed.
 */
export function bodyAsJson(body: unknown): unknown {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return body;
	if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// Already parsed by n8n: a JSON string answer ("America/Los_Angeles") arrives as its text.
		return text;
	}
}

/** One output item for the answer to the item being run, paired with it. */
export function answerItem(
	context: IExecuteSingleFunctions,
	json: IDataObject,
): INodeExecutionData[] {
	return [{ json, pairedItem: { item: context.getItemIndex() } }];
}

/** A response header's value, whatever its case in the answer. */
export function headerValue(response: IN8nHttpFullResponse, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(response.headers ?? {})) {
		if (key.toLowerCase() === wanted)
			return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

/**
 * The output of an answer Alexa accepted with no body (202): its status, the request ID Amazon
 * support asks for, and what the operation adds, paired with the item.
 */
export function acceptedItem(
	context: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	fields: IDataObject = {},
): INodeExecutionData[] {
	return [
		{
			json: {
				accepted: true,
				statusCode: response.statusCode,
				requestId: headerValue(response, 'x-amzn-requestid') ?? null,
				...fields,
			},
			pairedItem: { item: context.getItemIndex() },
		},
	];
}
