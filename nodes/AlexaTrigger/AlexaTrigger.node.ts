import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commaSeparated } from '../Alexa/shared/input/validate';
import { acknowledgementFor, eventOf } from './requests/alexaEvents';
import { outputItem } from './requests/outputItem';
import { failTestRunWithRefusal } from './requests/refusalInEditor';
import { answerWhenSlow } from './requests/slowAnswer';
import { triggerProperties } from './properties';
import { clock } from '../Alexa/shared/util/clock';
import { chainFetcher } from './verification/fetchChainText';
import { stringAt, verifyAlexaRequest } from './verification/verifyRequest';
import { webhookResponseFields } from '../Alexa/shared/util/webhookResponseFields';
import { webhookWithoutRegistration } from '../Alexa/shared/util/webhookWithoutRegistration';

export class AlexaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alexa Trigger',
		name: 'alexaTrigger',
		icon: { light: 'file:alexa.svg', dark: 'file:alexa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Skill endpoint" }}',
		// n8n's node panel merges this trigger into the Alexa node's entry (its name without "Trigger")
		// and shows this description for it, as the package's entry: so it says what all three nodes
		// do, each named. The Alexa Smart Home Trigger has an entry of its own.
		description:
			"Alexa skills in n8n: be a custom skill's HTTPS endpoint (Alexa Trigger, which verifies every request as Amazon requires) or a smart home skill's backend (Alexa Smart Home Trigger); send skill messages, notifications and smart home events, build responses and manage skill enablement (Alexa node)",
		defaults: { name: 'Alexa Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'alexa',
				...webhookResponseFields(),
			},
		],
		triggerPanel: {
			header: 'Paste the Production URL into your skill',
			executionsHelp: {
				inactive:
					"While you build, use the Test URL as the skill's endpoint (Alexa developer console → Build → Endpoint → HTTPS), click 'Execute step' to listen for a test event and speak to the skill in the console's Test tab; a request the trigger refuses shows its reason here. Then publish the workflow and paste the Production URL instead.",
				active:
					"The skill's endpoint is this workflow's Production URL (Alexa developer console → Build → Endpoint → HTTPS). Every request is verified as Amazon requires before the workflow runs; refused requests get HTTP 400 and start no execution.",
			},
			activationHint:
				"Once you've finished building your workflow, publish it (n8n 1.x: activate it) and paste the Production URL into your skill's Endpoint → HTTPS setting.",
		},
		properties: triggerProperties,
	};

	/** Amazon has no API to register the URL with: the user pastes it (see the set-up notice). */
	webhookMethods = webhookWithoutRegistration;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = clock.now();
		const request = this.getRequestObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const verification = await verifyAlexaRequest(request.rawBody, request.headers, {
			skillIds: commaSeparated(this.getNodeParameter('skillIds', '') as string),
			additionalTrustedRoot: String(options.additionalTrustedRoot ?? ''),
			fetchText: chainFetcher(async (request) => await this.helpers.httpRequest(request)),
			now: receivedAt,
		});
		if (!verification.verified) {
			const detail = verification.detail ? ` (${verification.detail})` : '';
			this.logger.warn(`Alexa Trigger refused a request: ${verification.reason}${detail}`, {
				node: this.getNode().name,
			});
			failTestRunWithRefusal(this, verification.reason, verification.detail);
			this.getResponseObject()
				.status(400)
				.json({ error: `Request refused: ${verification.reason}` });
			return { noWebhookResponse: true };
		}

		const { envelope, requestType } = verification;
		if (!startsWorkflow(this, requestType, envelope))
			return { webhookResponse: acknowledgementFor(requestType) };

		const item = outputItem(envelope, receivedAt, options.includeAccessTokens === true);
		if (this.getNodeParameter('responseMode', 'lastNode') !== 'onReceived')
			answerWhenSlow(this, requestType, receivedAt, options);
		return { webhookResponse: acknowledgementFor(requestType), workflowData: [[{ json: item }]] };
	}
}

function startsWorkflow(
	context: IWebhookFunctions,
	requestType: string,
	envelope: Record<string, unknown>,
): boolean {
	const events = context.getNodeParameter('events', []) as string[];
	const event = eventOf(requestType);
	if (!events.includes(event)) return false;
	if (event !== 'intent') return true;
	const names = commaSeparated(context.getNodeParameter('intentNames', '') as string);
	const intent = stringAt(envelope, ['request', 'intent', 'name']);
	return names.length === 0 || (intent !== undefined && names.includes(intent));
}
