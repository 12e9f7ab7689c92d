import {
	REQUEST_TOLERANCE_MS,
	REQUEST_TYPES_WITH_SKILL_EVENT_TOLERANCE,
	SKILL_EVENT_TOLERANCE_MS,
} from './amazonRules';

/**
 * ISO 8601 with a time zone, as Alexa writes it ("2026-12-06T07:00:00Z"). A time without a zone
 * is refused: Date.parse would read it in the server's own time zone, so whether it passed would
 * depend on where n8n runs.
 */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** How old a request of this type may be (amazonRules: 150 s, or 1 h for five skill events). */
export function toleranceFor(requestType: string): number {
	return REQUEST_TYPES_WITH_SKILL_EVENT_TOLERANCE.has(requestType)
		? SKILL_EVENT_TOLERANCE_MS
		: REQUEST_TOLERANCE_MS;
}

/**
 * The last moment problemWithTimestamp accepts a request of this type sent at `timestamp` (one
 * it has accepted: an ISO 8601 time with a zone). After it, the request is refused as too old.
 */
export function acceptedUntil(requestType: string, timestamp: string): number {
	return Date.parse(timestamp) + toleranceFor(requestType);
}

/** Amazon: the request's `timestamp` within 150 seconds of now; five skill events may be older (see amazonRules). */
export function problemWithTimestamp(
	requestType: string,
	timestamp: unknown,
	now: number,
): string | undefined {
	if (typeof timestamp !== 'string') return 'the request has no timestamp';
	if (!ISO_TIMESTAMP.test(timestamp))
		return 'the request timestamp is not an ISO 8601 time with a time zone';
	const sent = Date.parse(timestamp);
	if (Number.isNaN(sent)) return 'the request timestamp is not a date';
	const oldest = toleranceFor(requestType);
	if (now - sent > oldest)
		return `the request timestamp is ${Math.round((now - sent) / 1000)} s old (at most ${oldest / 1000} s)`;
	if (sent - now > REQUEST_TOLERANCE_MS) {
		return `the request timestamp is ${Math.round((sent - now) / 1000)} s in the future (at most ${REQUEST_TOLERANCE_MS / 1000} s)`;
	}
	return undefined;
}
