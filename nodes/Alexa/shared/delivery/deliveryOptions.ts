import type { INodeProperties } from 'n8n-workflow';

/**
 * The node's Delivery options, for every resource. Defaults come from the benchmark
 * (docs/benchmarks.md): the concurrency at which an unthrottled run is as fast as n8n's HTTP
 * Request node, which starts every item at once.
 */
export const DEFAULT_MAX_CONCURRENCY = 200;
const MAX_CONCURRENCY_LIMIT = 200;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_MAX_BACKOFF_SECONDS = 30;
/**
 * How long an item may wait for a slot when Alexa is throttling: long enough for a burst of a
 * few hundred items at a few requests a second, short enough that a stuck workflow says so.
 */
export const DEFAULT_MAX_WAIT_SECONDS = 300;
/** n8n's own default is 300 s; a request to Alexa that takes 30 s is lost. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export const deliveryOptions: INodeProperties = {
	displayName: 'Delivery Options',
	name: 'delivery',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Back-Off (Seconds)',
			name: 'maxBackoffSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: DEFAULT_MAX_BACKOFF_SECONDS,
			description:
				"The longest wait before a resend, even when Alexa's Retry-After asks for longer",
		},
		{
			displayName: 'Max Requests in Flight',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY_LIMIT },
			default: DEFAULT_MAX_CONCURRENCY,
			description:
				"At most this many requests of this node are open at once, however many items there are. When Alexa answers 429 the node slows down by itself, together with every other execution in this n8n process that uses the same credential. Works together with n8n's Batching option.",
		},
		{
			displayName: 'Max Wait for a Slot (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: DEFAULT_MAX_WAIT_SECONDS,
			description:
				'When Alexa is throttling this skill, items wait their turn: all executions of this n8n process share one pace per credential. An item that waited this long is not sent and fails, saying so. Waiting is not a retry.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_MAX_RETRIES,
			description:
				'How often one failed item is sent again (429, 5xx, network errors). The Event Gateway allows at most 3. Only the failed item is resent, never one Alexa accepted.',
		},
	],
};

export interface DeliverySettings {
	maxConcurrency: number;
	maxRetries: number;
	maxBackoffMs: number;
	maxWaitMs: number;
	timeoutMs: number;
}

function bounded(value: unknown, min: number, max: number, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value)
		? Math.min(max, Math.max(min, Math.floor(value)))
		: fallback;
}

/**
 * The run's Delivery options, and the timeout: n8n's "Request Options → Timeout" if set, else
 * 30 s. Read once per run, from the first item (an expression in them is evaluated for it).
 */
export function deliverySettings(
	delivery: Record<string, unknown>,
	requestTimeout: unknown,
): DeliverySettings {
	return {
		maxConcurrency: bounded(
			delivery.maxConcurrency,
			1,
			MAX_CONCURRENCY_LIMIT,
			DEFAULT_MAX_CONCURRENCY,
		),
		maxRetries: bounded(delivery.maxRetries, 0, 10, DEFAULT_MAX_RETRIES),
		maxBackoffMs: bounded(delivery.maxBackoffSeconds, 1, 600, DEFAULT_MAX_BACKOFF_SECONDS) * 1000,
		maxWaitMs: bounded(delivery.maxWaitSeconds, 1, 3600, DEFAULT_MAX_WAIT_SECONDS) * 1000,
		timeoutMs: bounded(requestTimeout, 1, 3_600_000, DEFAULT_TIMEOUT_MS),
	};
}
