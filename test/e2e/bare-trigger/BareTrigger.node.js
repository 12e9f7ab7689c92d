/**
 * A minimal community webhook trigger, for scripts/bench-trigger.mts only (never shipped): it
 * starts the workflow with the parsed body and checks nothing. In n8n 2.41 every webhook node
 * that is not n8n's own Webhook node takes an expression isolate per request
 * (live-webhooks.js, webhookPhaseNeedsIsolate), so the Alexa Trigger is measured against this
 * floor as well as against the Webhook node: the gap to this node is the Alexa Trigger's own cost.
 * Loaded from n8n's custom extensions folder as CUSTOM.bareTrigger.
 */
class BareTrigger {
	description = {
		displayName: 'Bare Trigger',
		name: 'bareTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow with the request body; checks nothing',
		defaults: { name: 'Bare Trigger' },
		inputs: [],
		outputs: ['main'],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'bare',
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
			},
		],
		properties: [],
	};

	async webhook() {
		const request = this.getRequestObject();
		return { workflowData: [[{ json: JSON.parse(request.rawBody.toString('utf8')) }]] };
	}
}

module.exports = { BareTrigger };
