import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { commaSeparated } from '../Alexa/shared/input/validate';
import { acknowledgementFor, eventOf } from './requests/alexaEvents';
import { outputItem } from './requests/outputItem';
import { triggerProperties } from './properties';
import { CERTIFICATE_FETCH_TIMEOUT_MS } from './verification/amazonRules';
import { verifyAlexaRequest } from './verification/verifyRequest';
import { webhookResponseFields } from './webhookResponseFields';

export class AlexaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alexa Trigger',
		name: 'alexaTrigger',
		icon: { light: 'file:alexa.svg', dark: 'file:alexa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Skill endpoint" }}',
		description: "Be your Alexa skill's HTTPS endpoint: verifies every request as Amazon requires, then starts the workflow",
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
					"While you build, use the Test URL as the skill's endpoint (Alexa developer console → Build → Endpoint → HTTPS), click 'Listen for test event' and speak to the skill in the console's Test tab. Then activate the workflow and paste the Production URL instead.",
				active:
					"The skill's endpoint is this workflow's Production URL (Alexa developer console → Build → Endpoint → HTTPS). Every request is verified as Amazon requires before the workflow runs; refused requests get HTTP 400 and start no execution.",
			},
			activationHint:
				"Once you've finished building your workflow, activate it and paste the Production URL into your skill's Endpoint → HTTPS setting.",
		},
		properties: triggerProperties,
	};

	/** Amazon has no API to register a custom skill's endpoint: the user pastes the URL into the developer console, so there is nothing to create, check or delete. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = Date.now();
		const request = this.getRequestObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const verification = await verifyAlexaRequest(request.rawBody, request.headers, {
			skillIds: commaSeparated(this.getNodeParameter('skillIds', '') as string),
			additionalTrustedRoot: String(options.additionalTrustedRoot ?? ''),
			fetchText: async (url) =>
				(await this.helpers.httpRequest({ method: 'GET', url, encoding: 'text', json: false, timeout: CERTIFICATE_FETCH_TIMEOUT_MS })) as string,
			now: receivedAt,
		});
		if (!verification.verified) {
			this.logger.warn(`Alexa Trigger refused a request: ${verification.reason}`, { node: this.getNode().name });
			this.getResponseObject().status(400).json({ error: `Request refused: ${verification.reason}` });
			return { noWebhookResponse: true };
		}

		const envelope = verification.envelope;
		const requestType = String((envelope.request as IDataObject).type);
		if (!startsWorkflow(this, requestType, envelope)) return { webhookResponse: acknowledgementFor(requestType) };

		const item = outputItem(envelope, receivedAt, options.includeAccessTokens === true);
		return { webhookResponse: acknowledgementFor(requestType), workflowData: [[{ json: item }]] };
	}
}

function startsWorkflow(context: IWebhookFunctions, requestType: string, envelope: IDataObject): boolean {
	const events = context.getNodeParameter('events', []) as string[];
	const event = eventOf(requestType);
	if (!events.includes(event)) return false;
	if (event !== 'intent') return true;
	const names = commaSeparated(context.getNodeParameter('intentNames', '') as string);
	const intent = ((envelope.request as IDataObject).intent as IDataObject | undefined)?.name;
	return names.length === 0 || names.includes(String(intent));
}
