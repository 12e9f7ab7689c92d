/**
 * The in-session APIs' tests: an Alexa Trigger item for a request the fake opened (built by the
 * trigger's own `outputItem`, read from dist/), and a run of the Alexa node after it, straight or
 * with another node in between, as a workflow behind the Alexa Trigger runs.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from '../fake-alexa/server.mts';
import { runAlexaNode, type RunResult } from './engine.mts';
import { projectRoot } from './modules.mts';

const { outputItem } = createRequire(import.meta.url)(
	path.join(projectRoot, 'dist/nodes/AlexaTrigger/requests/outputItem.js'),
) as typeof import('../../nodes/AlexaTrigger/requests/outputItem.ts');

export const ALEXA_TRIGGER_TYPE = 'n8n-nodes-alexa.alexaTrigger';

export type OpenedRequest = ReturnType<FakeAlexa['openSkillRequest']>;

/** The Alexa Trigger's item (Include Access Tokens on) for a request the fake opened, received at `now`. */
export function triggerItem(
	skill: OpenedRequest,
	now: number,
	intent: { name: string; slots?: Record<string, string> } = { name: 'RemindIntent' },
): IDataObject {
	const system: IDataObject = {
		application: { applicationId: 'amzn1.ask.skill.1' },
		user: { userId: skill.userId },
		apiEndpoint: skill.apiEndpoint,
		apiAccessToken: skill.apiAccessToken,
	};
	if (skill.deviceId) system.device = { deviceId: skill.deviceId, supportedInterfaces: {} };
	const request: IDataObject = {
		type: skill.requestType,
		requestId: skill.requestId,
		timestamp: new Date(now).toISOString(),
		locale: skill.locale,
	};
	if (skill.requestType === 'IntentRequest') {
		request.intent = {
			name: intent.name,
			confirmationStatus: 'NONE',
			slots: Object.fromEntries(
				Object.entries(intent.slots ?? {}).map(([name, value]) => [
					name,
					{ name, value, confirmationStatus: 'NONE' },
				]),
			),
		};
	}
	if (skill.requestType === 'Messaging.MessageReceived') request.message = { task: 'later' };
	const envelope: IDataObject = { version: '1.0', context: { System: system }, request };
	if (!skill.requestType.startsWith('Messaging.'))
		envelope.session = {
			new: false,
			sessionId: 'amzn1.echo-api.session.1',
			application: { applicationId: 'amzn1.ask.skill.1' },
			user: { userId: skill.userId },
		};
	return outputItem(envelope, now, true);
}

/** A run of the Alexa node on `items`; `fromTrigger`: the first node is an Alexa Trigger. */
export function runAfterTrigger(
	parameters: INodeParameters,
	items: IDataObject[],
	options: { throughOtherNode?: boolean; continueOnFail?: boolean; fromTrigger?: boolean } = {},
): Promise<RunResult> {
	return runAlexaNode({
		parameters,
		items,
		sourceNodeType: options.fromTrigger === false ? undefined : ALEXA_TRIGGER_TYPE,
		throughOtherNode: options.throughOtherNode,
		continueOnFail: options.continueOnFail,
	});
}

/** What the Alexa node left in the execution (the trigger's item carries the token by design). */
export function alexaNodeRun(result: RunResult): unknown[] {
	return [result.output, result.error, result.run.data.resultData.runData.Alexa];
}
