import { randomUUID } from 'crypto';

/**
 * What the trigger answers Alexa by itself, without the workflow's answer: in Respond
 * Immediately mode, and for a directive whose event is not chosen. Each is a message Amazon's
 * smart home schema accepts (test/fixtures/alexa-schemas, checked in the tests).
 */
type Message = { event: Record<string, unknown> };

function header(namespace: string, name: string, correlationToken?: string) {
	return {
		namespace,
		name,
		payloadVersion: '3',
		messageId: randomUUID(),
		...(correlationToken === undefined ? {} : { correlationToken }),
	};
}

/**
 * "Respond Immediately": Alexa is told the answer comes later.
 * - A device directive or ReportState: `Alexa.DeferredResponse` with its correlation token; the
 *   workflow then sends the real answer to the Event Gateway (Alexa node → Event → Send Response
 *   or State Report): https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-response.html
 * - Discover cannot be deferred (Amazon's schema has no DeferredResponse or ErrorResponse for
 *   Alexa.Discovery): an empty `Discover.Response`, the answer Amazon gives for a discovery that
 *   cannot be served (docs/decisions/0010-smart-home-relay.md); the workflow reports devices with
 *   Event → Add or Update Report.
 * - AcceptGrant: `AcceptGrant.Response`; the workflow exchanges the code after.
 */
export function immediateAnswer(
	namespace: string,
	name: string,
	correlationToken: string | undefined,
): Message {
	if (namespace === 'Alexa.Discovery' && name === 'Discover')
		return {
			event: { header: header(namespace, 'Discover.Response'), payload: { endpoints: [] } },
		};
	if (namespace === 'Alexa.Authorization' && name === 'AcceptGrant')
		return { event: { header: header(namespace, 'AcceptGrant.Response'), payload: {} } };
	return {
		event: { header: header('Alexa', 'DeferredResponse', correlationToken), payload: {} },
	};
}

/**
 * A directive whose event is not among the trigger's Events: the workflow does not run, and Alexa
 * hears that the skill does not handle it (`INVALID_DIRECTIVE`, "the directive is not supported
 * by the skill", https://developer.amazon.com/en-US/docs/alexa/device-apis/alexa-errorresponse.html).
 * Discover gets an empty list and AcceptGrant `ACCEPT_GRANT_FAILED`, their only error forms.
 */
export function notHandledAnswer(
	namespace: string,
	name: string,
	correlationToken: string | undefined,
	endpointId: string | undefined,
): Message {
	const message = `This n8n workflow does not handle ${namespace}.${name}`;
	if (namespace === 'Alexa.Discovery' && name === 'Discover')
		return immediateAnswer(namespace, name, undefined);
	if (namespace === 'Alexa.Authorization' && name === 'AcceptGrant')
		return {
			event: {
				header: header(namespace, 'ErrorResponse'),
				payload: { type: 'ACCEPT_GRANT_FAILED', message },
			},
		};
	return {
		event: {
			header: header('Alexa', 'ErrorResponse', correlationToken),
			...(endpointId === undefined ? {} : { endpoint: { endpointId } }),
			payload: { type: 'INVALID_DIRECTIVE', message },
		},
	};
}
