import type { IDataObject } from 'n8n-workflow';

/**
 * What an item's `preSend` hook tells the delivery step beyond the request itself, keyed by
 * the request options object the runner passes from the hooks to `deliver`.
 *
 * - The messages to send: usually the one body, but a discovery report of 1,000 endpoints is
 *   four messages. Each carries the fields its output item reports (message ID, event name…).
 * - A customer access token taken from the item, used in place of the credential's token.
 * - Which host the request goes to, when that is not simply the API's host in the region.
 * - What the item reports instead of an error when Alexa keeps failing in a way the API's
 *   documentation has an answer for (Get API Endpoint's 5xx: the three customer hosts).
 */
export interface PlannedMessage {
	body: IDataObject;
	output: IDataObject;
}

const plannedMessages = new WeakMap<object, PlannedMessage[]>();
const itemAccessTokens = new WeakMap<object, string>();
const hostRules = new WeakMap<object, HostRule>();
const fallbackAnswers = new WeakMap<object, FallbackAnswer>();

/** The item's output for Alexa's final HTTP status, or undefined when that status stays an error. */
export type FallbackAnswer = (statusCode: number) => IDataObject | undefined;

/**
 * `region`: the API's host in the credential's region. `global`: api.amazonalexa.com whatever
 * the region (Skill Enablement for the developer, Get API Endpoint). `discover`: ask Get API
 * Endpoint for the customer's hosts and try them in turn. `reportHost` adds the host that
 * answered to the output.
 */
export interface HostRule {
	kind: 'region' | 'global' | 'discover';
	reportHost: boolean;
}

export function useHostRule(options: object, rule: HostRule): void {
	hostRules.set(options, rule);
}

export function hostRuleFor(options: object): HostRule {
	return hostRules.get(options) ?? { kind: 'region', reportHost: false };
}

export function planMessages(options: object, messages: PlannedMessage[]): void {
	plannedMessages.set(options, messages);
}

export function messagesFor(options: { body?: unknown }): PlannedMessage[] {
	return plannedMessages.get(options) ?? [{ body: (options.body ?? {}) as IDataObject, output: {} }];
}

export function useItemAccessToken(options: object, token: string): void {
	itemAccessTokens.set(options, token);
}

export function itemAccessToken(options: object): string | undefined {
	return itemAccessTokens.get(options);
}

export function useFallbackAnswer(options: object, fallback: FallbackAnswer): void {
	fallbackAnswers.set(options, fallback);
}

export function fallbackAnswerFor(options: object): FallbackAnswer | undefined {
	return fallbackAnswers.get(options);
}
