import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { clock } from '../../Alexa/shared/util/clock';
import { acknowledgementFor } from './alexaEvents';

/**
 * Alexa waits about 8 seconds for a custom skill's answer, then tells the user the skill did not
 * respond ("Send the User a Progressive Response"). When the workflow has not answered 7 s after
 * the request arrived (a second kept for the way back to Alexa), the trigger answers in its
 * place, with what the user chose in Options → When the Workflow Is Slow; the execution goes on
 * and ends as it would (issue 26).
 */
export const SLOW_ANSWER_AFTER_MS = 7_000;

export const DEFAULT_SLOW_ANSWER =
	"Sorry, that's taking longer than it should. Please try again in a moment.";

export type WhenSlow = 'speak' | 'error' | 'wait';

/** The answer Alexa speaks in place of a slow workflow's: for a LaunchRequest or IntentRequest only. */
function slowSpeech(requestType: string, text: string): IDataObject {
	if (requestType !== 'LaunchRequest' && requestType !== 'IntentRequest')
		return acknowledgementFor(requestType) as IDataObject;
	return {
		version: '1.0',
		response: { outputSpeech: { type: 'PlainText', text }, shouldEndSession: true },
	};
}

/** The express response's methods n8n calls to answer, made to do nothing once the trigger has. */
const ANSWERING_METHODS = [
	'status',
	'json',
	'send',
	'end',
	'set',
	'header',
	'setHeader',
	'writeHead',
];

/**
 * Sets the deadline for a request whose workflow answers it (When Last Node Finishes, or a
 * Respond-to-Webhook answer): at `receivedAt` + 7 s, if nothing has answered Alexa yet, the
 * trigger does. n8n's own answer when the workflow ends is then dropped: the response's answering
 * methods are made to do nothing, since Alexa has its answer and a second one would be an error
 * in n8n's log for every slow request.
 */
export function answerWhenSlow(
	context: IWebhookFunctions,
	requestType: string,
	receivedAt: number,
	options: IDataObject,
): void {
	const whenSlow = (options.whenSlow ?? 'speak') as WhenSlow;
	if (whenSlow === 'wait') return;
	const text =
		typeof options.slowAnswer === 'string' && options.slowAnswer.trim() !== ''
			? options.slowAnswer.trim()
			: DEFAULT_SLOW_ANSWER;
	const response = context.getResponseObject() as unknown as Record<string, unknown> & {
		headersSent: boolean;
		status(code: number): { json(body: unknown): unknown };
	};
	const logger = context.logger;
	const node = context.getNode().name;
	const waitMs = Math.max(0, receivedAt + SLOW_ANSWER_AFTER_MS - clock.now());
	void clock.deadline(waitMs).then(() => {
		if (response.headersSent) return;
		logger.warn(
			`Alexa Trigger answered Alexa for a workflow still running ${SLOW_ANSWER_AFTER_MS / 1000} s after the request (When the Workflow Is Slow: ${whenSlow}); the execution goes on`,
			{ node },
		);
		if (whenSlow === 'error')
			response.status(500).json({
				error: `The workflow did not answer within ${SLOW_ANSWER_AFTER_MS / 1000} s`,
			});
		else response.status(200).json(slowSpeech(requestType, text));
		for (const method of ANSWERING_METHODS)
			if (typeof response[method] === 'function') response[method] = () => response;
	});
}
