import type { IDataObject } from 'n8n-workflow';

import type { PlannedMessage } from '../../shared/delivery/plan';

import { InputProblem } from '../../shared/input/validate';
import { eventMessage } from './message';

/**
 * Alexa's limits for one discovery report: 300 endpoints ("Send Events to the Alexa Event
 * Gateway", 413 REQUEST_ENTITY_TOO_LARGE_EXCEPTION) and a 256 KB AddOrUpdateReport payload
 * (the Alexa.Discovery interface page). See docs/alexa-facts.md.
 */
export const MAX_ENDPOINTS_PER_REPORT = 300;
export const MAX_REPORT_PAYLOAD_BYTES = 256 * 1024;

/**
 * Room kept in each batch for `payload.scope`, whose token is only set when the message is
 * sent. LWA access tokens are far shorter than this.
 */
const SCOPE_RESERVE_BYTES = 4096;

function bytes(value: unknown): number {
	return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Splits endpoints into as few reports as possible, each with at most 300 endpoints and a
 * payload of at most 256 KB. Order is kept.
 */
export function splitIntoReports(endpoints: IDataObject[], field: string): IDataObject[][] {
	const emptyPayload =
		bytes({ endpoints: [], scope: { type: 'BearerToken', token: '' } }) + SCOPE_RESERVE_BYTES;
	const reports: IDataObject[][] = [];
	let current: IDataObject[] = [];
	let currentBytes = emptyPayload;
	for (const [index, endpoint] of endpoints.entries()) {
		const size = bytes(endpoint) + 1; // and its comma
		if (emptyPayload + size > MAX_REPORT_PAYLOAD_BYTES) {
			throw new InputProblem(
				`${field} #${index + 1}`,
				`is ${size} bytes; one report may be at most ${MAX_REPORT_PAYLOAD_BYTES} bytes`,
				'Describe the endpoint with fewer capabilities or shorter texts.',
			);
		}
		if (
			current.length === MAX_ENDPOINTS_PER_REPORT ||
			currentBytes + size > MAX_REPORT_PAYLOAD_BYTES
		) {
			reports.push(current);
			current = [];
			currentBytes = emptyPayload;
		}
		current.push(endpoint);
		currentBytes += size;
	}
	if (current.length) reports.push(current);
	return reports;
}

/**
 * A discovery report (`AddOrUpdateReport` or `DeleteReport`) of any number of endpoints, as the
 * fewest messages Alexa accepts; each message's output item says which batch it was.
 */
export function discoveryReports(
	name: 'AddOrUpdateReport' | 'DeleteReport',
	endpoints: IDataObject[],
	field: string,
): PlannedMessage[] {
	const reports = splitIntoReports(endpoints, field);
	return reports.map((batch, index) =>
		eventMessage(
			{ namespace: 'Alexa.Discovery', name, payload: { endpoints: batch } },
			{ batch: { number: index + 1, of: reports.length, endpoints: batch.length } },
		),
	);
}
