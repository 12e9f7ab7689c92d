import type { IDataObject } from 'n8n-workflow';

import { copyWithout } from '../../Alexa/shared/util/redact';
import { DIRECTIVE_TARGETS, eventOf } from './smartHomeEvents';

/**
 * Alexa waits about 8 seconds for a smart home skill's answer, the relay's hop to n8n included
 * ("Alexa typically waits 8 seconds", https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-response.html;
 * SKILL_RESPONSE_TIMEOUT_EXCEPTION after "more than eight seconds",
 * https://developer.amazon.com/en-US/docs/alexa/smarthome/troubleshooting-guide.html). The relay
 * gives n8n 7 s of it (docs/decisions/0010-smart-home-relay.md).
 */
export const SMART_HOME_ANSWER_WINDOW_MS = 7_000;

type Json = Record<string, unknown>;
const object = (value: unknown): Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string | undefined =>
	typeof value === 'string' ? value : undefined;

/**
 * The item's own fields: a payload field of the same name is not copied over them. `scope`,
 * `grant` and `grantee` hold the customer's token and the grant (below), never copied.
 */
const ITEM_FIELDS = new Set([
	'event',
	'namespace',
	'name',
	'instance',
	'messageId',
	'correlationToken',
	'payloadVersion',
	'endpointId',
	'cookie',
	'payload',
	'grantCode',
	'bearerToken',
	'receivedAt',
	'answerBy',
	'raw',
	'scope',
	'grant',
	'grantee',
]);

/**
 * One item a no-code user can map: the header's and endpoint's fields, what the directive asks
 * for as plain fields (`powerState: "ON"`, `brightness: 50`), the payload, and the directive as
 * sent last (`raw`).
 *
 * The customer's bearer token (`endpoint.scope.token`; Discover's `payload.scope.token`;
 * AcceptGrant's `payload.grantee.token`) grants access to the customer's account: it is left out
 * of the item and of `raw` unless Include Bearer Token is on. AcceptGrant's `payload.grant.code`
 * is the one thing that directive is for, so it is given as `grantCode` (not in `raw`): it works
 * once, within minutes, and the workflow spends it at once on Authorization → Exchange Grant Code
 * (https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-authorization.html).
 */
export function outputItem(
	envelope: Json,
	receivedAt: number,
	includeBearerToken: boolean,
): IDataObject {
	const directive = object(envelope.directive);
	const header = object(directive.header);
	const endpoint = object(directive.endpoint);
	const payload = object(directive.payload);
	const namespace = text(header.namespace) ?? '';
	const name = text(header.name) ?? '';

	const item: IDataObject = {
		event: eventOf(namespace, name),
		namespace,
		name,
		instance: text(header.instance),
		messageId: text(header.messageId),
		correlationToken: text(header.correlationToken),
		payloadVersion: text(header.payloadVersion),
		endpointId: text(endpoint.endpointId),
		cookie: directive.endpoint === undefined ? undefined : (object(endpoint.cookie) as IDataObject),
	};
	const target = DIRECTIVE_TARGETS[`${namespace}.${name}`];
	const takenFrom = new Set(Object.values(target?.from ?? {}).map((path) => path.split('.')[0]));
	for (const [key, value] of Object.entries(payload))
		if (!ITEM_FIELDS.has(key) && !takenFrom.has(key)) item[key] = value as IDataObject[string];
	for (const [field, path] of Object.entries(target?.from ?? {}))
		item[field] = valueAt(payload, path) as IDataObject[string];
	Object.assign(item, target?.set);
	if (namespace === 'Alexa.Authorization' && name === 'AcceptGrant')
		item.grantCode = text(object(payload.grant).code);

	item.payload = withoutSecrets(payload) as IDataObject;
	if (includeBearerToken)
		item.bearerToken =
			text(object(endpoint.scope).token) ??
			text(object(payload.scope).token) ??
			text(object(payload.grantee).token);
	item.receivedAt = new Date(receivedAt).toISOString();
	item.answerBy = new Date(receivedAt + SMART_HOME_ANSWER_WINDOW_MS).toISOString();
	item.raw = (
		includeBearerToken ? withoutGrantCode(envelope) : withoutSecrets(envelope)
	) as IDataObject;
	for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return item;
}

function valueAt(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((at, key) => object(at)[key], value);
}

/** The customer's token (`token` under `scope` and `grantee`) and the grant code (`code` under `grant`). */
const SECRETS_BY_PARENT: ReadonlyMap<string, string> = new Map([
	['scope', 'token'],
	['grantee', 'token'],
	['grant', 'code'],
]);
const GRANT_CODE_BY_PARENT: ReadonlyMap<string, string> = new Map([['grant', 'code']]);
const NO_NAMES: ReadonlySet<string> = new Set();

const withoutSecrets = (value: unknown) => copyWithout(value, NO_NAMES, SECRETS_BY_PARENT);
const withoutGrantCode = (value: unknown) => copyWithout(value, NO_NAMES, GRANT_CODE_BY_PARENT);
