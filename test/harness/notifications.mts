/**
 * Shared set-up of the Notification tests: the fake with a skill client allowed both
 * client-credentials scopes, a clock the tests move (the fake's expiry window reads it too), and
 * Send Notification with a complete order status update unless a test says otherwise.
 */
import { beforeEach } from 'node:test';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from '../fake-alexa/server.mts';
import { PROACTIVE_EVENTS_SCOPE } from '../fake-alexa/proactiveEvents.mts';
import { runAlexaNode, type CredentialForTest } from './engine.mts';
import {
	CLIENT_ID,
	installClock,
	skillMessagingCredential,
	useFakeAlexa,
	type ManualClock,
} from './fixtures.mts';

export const USER = 'amzn1.ask.account.NOTIFY00000000000000000000000001';
export const DEVELOPMENT_PATH = '/v1/proactiveEvents/stages/development';
export const LIVE_PATH = '/v1/proactiveEvents';

/** The Skill Messaging credential, as saved today, for a skill client that may also get Proactive Events tokens. */
export function notificationCredential(
	fake: FakeAlexa,
	data: ICredentialDataDecryptedObject = {},
): CredentialForTest {
	const credential = skillMessagingCredential(fake);
	fake.clients.get(CLIENT_ID)!.scopes.add(PROACTIVE_EVENTS_SCOPE);
	return { ...credential, data: { ...credential.data, ...data } };
}

export const ORDER_SHIPPED: INodeParameters = {
	eventSource: 'fields',
	eventName: 'AMAZON.OrderStatus.Updated',
	orderStatus: 'ORDER_SHIPPED',
	localizedText: { locale: [{ locale: 'en-US', sellerName: 'Example Shop' }] },
};

export interface NotificationTests {
	readonly fake: FakeAlexa;
	readonly clock: ManualClock;
	notify(
		parameters?: INodeParameters,
		options?: { items?: IDataObject[]; continueOnFail?: boolean; credential?: CredentialForTest },
	): ReturnType<typeof runAlexaNode>;
}

export function useNotificationTests(): NotificationTests {
	const fakeAlexa = useFakeAlexa();
	const state = {} as { fake: FakeAlexa; clock: ManualClock };
	beforeEach(() => {
		state.fake = fakeAlexa();
		state.clock = installClock();
		state.fake.now = state.clock.now;
	});
	return {
		get fake() {
			return state.fake;
		},
		get clock() {
			return state.clock;
		},
		notify: (parameters = {}, options = {}) =>
			runAlexaNode({
				parameters: {
					resource: 'notification',
					operation: 'sendNotification',
					audience: 'Unicast',
					userId: USER,
					stage: 'development',
					...ORDER_SHIPPED,
					...parameters,
				},
				items: options.items,
				continueOnFail: options.continueOnFail,
				credential: options.credential ?? notificationCredential(state.fake),
			}),
	};
}
