import * as n8nWorkflow from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

/** n8n answers with the last node's first item in "When Last Node Finishes"; in "Immediately" with what webhook() returns (the acknowledgement). */
// Its source text becomes the webhook's expression (fromFunction / String()): kept as written, so
// that formatting never changes what n8n evaluates (test/nodeDescription.test.mts compares it).
// prettier-ignore
const responseDataFor = (parameters: IDataObject) => (parameters.responseMode === 'lastNode' ? 'firstEntryJson' : undefined);

/**
 * The webhook description's response fields, which depend on the Respond parameter.
 *
 * Written as expression templates, n8n 2.x evaluates them in its expression engine on every
 * request: with `N8N_EXPRESSION_ENGINE=vm` (n8n 2.41's default) that is a V8 isolate per request,
 * which cost the trigger about 40 % of a plain Webhook node's throughput (docs/benchmarks.md,
 * 2026-12-01). n8n-workflow's `webhookDescriptionFields` (the helpers n8n's own Webhook node
 * uses) gives the same templates plus native resolvers, so a trigger whose parameters hold no
 * expression needs no isolate. n8n releases that predate the helpers get the plain templates.
 */
export function webhookResponseFields(n8nHelpers: Partial<typeof n8nWorkflow> = n8nWorkflow): {
	responseMode: string;
	responseData: string;
} {
	const { webhookDescriptionFields, fromParameter, fromFunction } = n8nHelpers;
	if (
		typeof webhookDescriptionFields === 'function' &&
		typeof fromParameter === 'function' &&
		typeof fromFunction === 'function'
	) {
		return webhookDescriptionFields({
			responseMode: fromParameter('responseMode'),
			responseData: fromFunction(responseDataFor),
		}) as {
			responseMode: string;
			responseData: string;
		};
	}
	return {
		responseMode: '={{$parameter["responseMode"]}}',
		responseData: `={{(${String(responseDataFor)})($parameter)}}`,
	};
}
