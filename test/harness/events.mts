/**
 * What the Event test files share: sending one event operation through n8n's engine with the
 * refresh-token credential, and the checks every message the gateway received must pass.
 */
import assert from 'node:assert/strict';
import { beforeEach } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlexa } from '../fake-alexa/server.mts';
import { runAlexaNode } from './engine.mts';
import {
	installClock,
	refreshTokenCredential,
	useFakeAlexa,
	type ManualClock,
} from './fixtures.mts';
import { SCHEMA_MESSAGE_TYPES, schemaErrors } from './schema.mts';

export const EVENTS = '/v3/events';
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const power = (value: string) => ({
	namespace: 'Alexa.PowerController',
	name: 'powerState',
	value,
});

export interface EventTestContext {
	/** The fake Alexa, fresh for each test. */
	fake: FakeAlexa;
	/** The injected clock, fresh for each test. */
	clock: ManualClock;
	sendEvent(
		operation: string,
		parameters: INodeParameters,
		options?: { items?: IDataObject[]; continueOnFail?: boolean; withoutRefreshToken?: boolean },
	): ReturnType<typeof runAlexaNode>;
	/** What every message the gateway received must satisfy. */
	assertWellFormedEvents(): void;
}

/** For a test file: a fake Alexa and an injected clock, fresh for each test, and the helpers that use them. */
export function useEventTests(): EventTestContext {
	const fakeAlexa = useFakeAlexa();
	const context = {} as EventTestContext;
	beforeEach(() => {
		context.fake = fakeAlexa();
		context.clock = installClock();
	});
	context.sendEvent = (operation, parameters, options = {}) => {
		const credential = refreshTokenCredential(context.fake);
		if (options.withoutRefreshToken) credential.data.refreshToken = '';
		return runAlexaNode({
			parameters: { resource: 'event', operation, ...parameters },
			items: options.items,
			continueOnFail: options.continueOnFail,
			credential,
		});
	};
	context.assertWellFormedEvents = () => {
		const accepted = new Set<string>();
		for (const { request, message } of context.fake.events()) {
			const header = message.event.header;
			assert.match(header.messageId, UUID_V4, 'messageId is a UUID v4');
			assert.equal(header.payloadVersion, '3');
			const bearer = String(request.headers.authorization).replace(/^Bearer /, '');
			const scope = message.event.endpoint?.scope ?? message.event.payload.scope;
			assert.equal(
				scope?.token,
				bearer,
				'every event carries the Authorization token in its body scope',
			);
			const type = `${header.namespace}.${header.name}`;
			if (SCHEMA_MESSAGE_TYPES.has(type))
				assert.deepEqual(schemaErrors(message), [], `${type} matches Amazon's schema`);
			assert.ok(
				!accepted.has(header.messageId),
				`nothing is sent again after Alexa accepted ${header.messageId}`,
			);
			if (request.status === 202) accepted.add(header.messageId);
		}
	};
	return context;
}
