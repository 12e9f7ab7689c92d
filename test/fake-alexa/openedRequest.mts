import type { FakeAlexa } from './server.mts';

/**
 * A signed request's envelope made to carry a request the fake opened (`openSkillRequest`): its
 * ID, apiEndpoint, apiAccessToken, user and device, so that the in-session APIs the workflow
 * calls with them work against the fake. Used by the e2e in-session stage and the playground.
 */
export function carryOpenedRequest(
	envelope: any,
	opened: ReturnType<FakeAlexa['openSkillRequest']>,
): any {
	envelope.request.requestId = opened.requestId;
	const system = envelope.context.System;
	system.apiEndpoint = opened.apiEndpoint;
	system.apiAccessToken = opened.apiAccessToken;
	system.user = { userId: opened.userId };
	if (opened.deviceId) system.device = { deviceId: opened.deviceId, supportedInterfaces: {} };
	else delete system.device;
	if (envelope.session) envelope.session.user = { userId: opened.userId };
	return envelope;
}
