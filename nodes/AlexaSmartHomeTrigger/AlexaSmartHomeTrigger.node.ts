import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { clock } from '../Alexa/shared/util/clock';
import { webhookResponseFields } from '../Alexa/shared/util/webhookResponseFields';
import { webhookWithoutRegistration } from '../Alexa/shared/util/webhookWithoutRegistration';
import { immediateAnswer, notHandledAnswer } from './directives/acknowledgement';
import { outputItem } from './directives/outputItem';
import { eventOf } from './directives/smartHomeEvents';
import { smartHomeTriggerProperties } from './properties';
import { SMART_HOME_RELAY_CREDENTIAL } from './verification/relayRules';
import { verifyRelayRequest } from './verification/verifyRelayRequest';

export class AlexaSmartHomeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alexa Smart Home Trigger',
		name: 'alexaSmartHomeTrigger',
		icon: { light: 'file:alexa.svg', dark: 'file:alexa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Smart home skill backend" }}',
		description:
			'Be your Alexa smart home skill\'s backend: answers discovery, "turn on", "set to 50 %" and state requests relayed from AWS Lambda',
		defaults: { name: 'Alexa Smart Home Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: SMART_HOME_RELAY_CREDENTIAL, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'alexa-smart-home',
				...webhookResponseFields(),
			},
		],
		triggerPanel: {
			header: "Paste the Production URL into the relay's stack",
			executionsHelp: {
				inactive:
					"While you build, set the relay's N8N_WEBHOOK_URL (Lambda → Configuration → Environment variables) to the Test URL, click 'Listen for test event' and say \"Alexa, discover devices\" or use a device. Then publish the workflow and set the Production URL instead.",
				active:
					"The relay's N8N_WEBHOOK_URL is this workflow's Production URL. Every directive is checked (the relay's signature, its time, a message ID not seen before) before the workflow runs; refused requests get HTTP 401 or 400 and start no execution.",
			},
			activationHint:
				"Once you've finished building your workflow, publish it and set the relay's N8N_WEBHOOK_URL to the Production URL.",
		},
		properties: smartHomeTriggerProperties,
	};

	/** Amazon has no API to register the URL with: the user pastes it (see the set-up notice). */
	webhookMethods = webhookWithoutRegistration;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = clock.now();
		const request = this.getRequestObject();
		const credentials = await this.getCredentials(SMART_HOME_RELAY_CREDENTIAL);
		const verification = verifyRelayRequest(request.rawBody, request.headers, {
			secret: typeof credentials.relaySecret === 'string' ? credentials.relaySecret : '',
			now: receivedAt,
		});
		if (!verification.verified) {
			const detail = verification.detail ? ` (${verification.detail})` : '';
			this.logger.warn(
				`Alexa Smart Home Trigger refused a request: ${verification.reason}${detail}`,
				{
					node: this.getNode().name,
				},
			);
			this.getResponseObject()
				.status(verification.status)
				.json({ error: `Request refused: ${verification.reason}` });
			return { noWebhookResponse: true };
		}

		const { envelope, namespace, name } = verification;
		const item = outputItem(envelope, receivedAt, includeBearerToken(this));
		const correlationToken = item.correlationToken as string | undefined;
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(eventOf(namespace, name)))
			return {
				webhookResponse: notHandledAnswer(
					namespace,
					name,
					correlationToken,
					item.endpointId as string | undefined,
				),
			};
		return {
			webhookResponse: immediateAnswer(namespace, name, correlationToken),
			workflowData: [[{ json: item }]],
		};
	}
}

function includeBearerToken(context: IWebhookFunctions): boolean {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return options.includeBearerToken === true;
}
