import { NodeOperationError, type IWebhookFunctions } from 'n8n-workflow';

/**
 * While the editor listens for a test event (n8n runs the test webhook in mode "manual"), a
 * refused request fails the test run with its reason, so that a user who cannot read n8n's
 * server log (n8n Cloud) sees why Alexa said there was a problem (issue 28). n8n answers the
 * caller with HTTP 500 and shows the error on this node; nothing after the trigger runs. Published
 * workflows keep answering refused requests with HTTP 400 and start nothing.
 */
export function failTestRunWithRefusal(
	context: IWebhookFunctions,
	reason: string,
	detail: string | undefined,
): void {
	if (context.getMode() !== 'manual') return;
	throw new NodeOperationError(
		context.getNode(),
		`Alexa Trigger refused the request: ${reason}${detail ? ` (${detail})` : ''}`,
		{ description: whatToDo(reason) },
	);
}

/** The next step for each kind of refusal (the reasons are verification/verifyRequest.ts's). */
function whatToDo(reason: string): string {
	if (reason.includes('skill ID'))
		return "Copy the skill's ID from the Alexa developer console (your skill → Copy Skill ID) into Skill IDs. A published workflow refuses it the same way, with HTTP 400.";
	if (/timestamp|too old|in the future/i.test(reason))
		return "Alexa's requests are valid for 150 seconds after their timestamp: check that this server's clock is right (NTP).";
	if (/already received|replay/i.test(reason))
		return 'The same request arrived twice. Alexa sends a request again when it got no answer; nothing to do unless it keeps happening.';
	return "Only Alexa's signed requests pass: one sent by hand (a browser, curl, Postman) or by a proxy that changes the body is refused. Speak to the skill from the developer console's Test tab, or use a simulator whose certificate root is in Options → Additional Trusted Root. A published workflow answers such requests with HTTP 400 and starts nothing.";
}
