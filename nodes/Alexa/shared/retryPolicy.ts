import type { AlexaApi } from './apis';

/**
 * How each API wants failures handled, as data.
 *
 * `tokenRejectedStatuses`: answers that mean "this access token is no good". The item is sent
 * once more with a fresh token; if that is refused too, the error stands. Skill Messaging lists
 * 403 as well: its guide documents 403 for an expired or invalid token, and Alexa can send it
 * before our own clock says the token has expired.
 */
export interface RetryPolicy {
	tokenRejectedStatuses: number[];
}

export const RETRY_POLICY: Record<AlexaApi, RetryPolicy> = {
	skillMessaging: { tokenRejectedStatuses: [401, 403] },
	eventGateway: { tokenRejectedStatuses: [401] },
	skillEnablement: { tokenRejectedStatuses: [401] },
};
