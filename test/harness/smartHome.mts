/**
 * Smart Home Response runs: the Alexa node after a stand-in for the Alexa Smart Home Trigger (a
 * first node of the trigger's type that outputs the test's items, shaped as the trigger's item),
 * every answer checked against Amazon's whole schema.
 */
import assert from 'node:assert/strict';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runAlexaNode, type RunResult } from './engine.mts';
import { clock } from './modules.mts';
import { schemaErrors } from './schema.mts';

export const SMART_HOME_TRIGGER_TYPE = 'n8n-nodes-alexa.alexaSmartHomeTrigger';

/** The trigger's `event` for a namespace: `Alexa.PowerController` → `powerController`. */
function eventOf(namespace: string, name: string): string {
	if (namespace === 'Alexa.Discovery') return 'discovery';
	if (namespace === 'Alexa.Authorization') return 'acceptGrant';
	if (namespace === 'Alexa' && name === 'ReportState') return 'reportState';
	const last = namespace.split('.').pop() ?? 'other';
	return last.charAt(0).toLowerCase() + last.slice(1);
}

/**
 * The trigger's item for a directive, with the plain fields the brief of the trigger gives:
 * `fields` adds target values (`brightness: 50`) and overrides any other.
 */
export function directiveItem(
	namespace: string,
	name: string,
	payload: IDataObject = {},
	fields: IDataObject = {},
): IDataObject {
	const receivedAt = clock.clock.now();
	const withEndpoint = namespace !== 'Alexa.Discovery' && namespace !== 'Alexa.Authorization';
	const header: IDataObject = { namespace, name, messageId: 'msg-1', payloadVersion: '3' };
	if (withEndpoint) header.correlationToken = 'corr-token-1';
	if (fields.instance) header.instance = fields.instance;
	return {
		event: eventOf(namespace, name),
		namespace,
		name,
		instance: fields.instance,
		messageId: 'msg-1',
		correlationToken: withEndpoint ? 'corr-token-1' : undefined,
		payloadVersion: '3',
		endpointId: withEndpoint ? 'lamp-1' : undefined,
		cookie: {},
		payload,
		receivedAt: new Date(receivedAt).toISOString(),
		answerBy: new Date(receivedAt + 8000).toISOString(),
		raw: {
			directive: {
				header,
				...(withEndpoint ? { endpoint: { endpointId: 'lamp-1', cookie: {} } } : {}),
				payload,
			},
		},
		...fields,
	};
}

export interface SmartHomeRun {
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Run after a plain source of items instead of the trigger. */
	noTrigger?: boolean;
}

export function runSmartHome(
	operation: string,
	parameters: IDataObject,
	options: SmartHomeRun = {},
): Promise<RunResult> {
	return runAlexaNode({
		parameters: { resource: 'smartHomeResponse', operation, ...(parameters as INodeParameters) },
		items: options.items,
		continueOnFail: options.continueOnFail,
		sourceNodeType: options.noTrigger ? undefined : SMART_HOME_TRIGGER_TYPE,
	});
}

/** The one answer, after checking that the node succeeded and that Amazon's schema takes it. */
export async function validAnswer(
	operation: string,
	parameters: IDataObject,
	options: SmartHomeRun = {},
): Promise<Record<string, any>> {
	const { output, error } = await runSmartHome(operation, parameters, options);
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 1);
	assert.deepEqual(schemaErrors(output[0].json), [], JSON.stringify(output[0].json));
	return output[0].json;
}

/** The node's error for one bad item: it names the item and says no answer was built. */
export async function rejection(
	operation: string,
	parameters: IDataObject,
	options: SmartHomeRun = {},
): Promise<string> {
	const { output, error } = await runSmartHome(operation, parameters, options);
	assert.ok(error, 'the node should fail');
	assert.deepEqual(output, []);
	assert.match(String(error.description), /No response was built for this item\./);
	return error.message;
}
