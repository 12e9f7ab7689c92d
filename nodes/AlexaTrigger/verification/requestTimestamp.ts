import { REQUEST_TOLERANCE_MS, SKILL_EVENT_PREFIX, SKILL_EVENT_TOLERANCE_MS } from './amazonRules';

/** Amazon: the request's `timestamp` within 150 seconds of now; skill events may be older (see amazonRules). */
export function problemWithTimestamp(requestType: string, timestamp: unknown, now: number): string | undefined {
	if (typeof timestamp !== 'string') return 'the request has no timestamp';
	const sent = Date.parse(timestamp);
	if (Number.isNaN(sent)) return 'the request timestamp is not a date';
	const oldest = requestType.startsWith(SKILL_EVENT_PREFIX) ? SKILL_EVENT_TOLERANCE_MS : REQUEST_TOLERANCE_MS;
	if (now - sent > oldest) return `the request timestamp is ${Math.round((now - sent) / 1000)} s old (at most ${oldest / 1000} s)`;
	if (sent - now > REQUEST_TOLERANCE_MS) {
		return `the request timestamp is ${Math.round((sent - now) / 1000)} s in the future (at most ${REQUEST_TOLERANCE_MS / 1000} s)`;
	}
	return undefined;
}
