/**
 * Device Settings, Customer Profile and Device Address, run through n8n's engine after an Alexa
 * Trigger item, against the fake's Alexa Settings, Customer Profile and Device Address APIs on
 * Amazon's host names (over TLS), with the token of the request Alexa sent the skill.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { SCOPES } from './fake-alexa/alexaUsers.mts';
import type { FakeAlexa } from './fake-alexa/server.mts';
import {
	assertNoSecrets,
	installClock,
	useFakeAlexa,
	type ManualClock,
} from './harness/fixtures.mts';
import {
	alexaNodeRun,
	runAfterTrigger,
	triggerItem,
	type OpenedRequest,
} from './harness/inSession.mts';

const fakeAlexa = useFakeAlexa({ amazonHosts: true });
let fake: FakeAlexa;
let clock: ManualClock;
beforeEach(() => {
	fake = fakeAlexa();
	clock = installClock();
});

async function read(parameters: INodeParameters, skill: OpenedRequest = fake.openSkillRequest()) {
	const result = await runAfterTrigger(parameters, [triggerItem(skill, clock.now())], {
		throughOtherNode: true,
	});
	assertNoSecrets(alexaNodeRun(result), [skill.apiAccessToken]);
	return { skill, ...result };
}

describe('Device Settings', () => {
	it("gets the device's time zone from its own path, host and token, with no permission", async () => {
		const { skill, output, error } = await read({
			resource: 'deviceSettings',
			operation: 'getTimeZone',
		});
		assert.equal(error, undefined);
		const [request] = fake.requests;
		assert.equal(request?.method, 'GET');
		assert.equal(request?.host, 'api.amazonalexa.com');
		assert.equal(request?.path, `/v2/devices/${skill.deviceId}/settings/System.timeZone`);
		assert.equal(request?.headers.authorization, `Bearer ${skill.apiAccessToken}`);
		assert.deepEqual(output[0]?.json, { timeZone: 'America/Los_Angeles', statusCode: 200 });
		assert.deepEqual(output[0]?.pairedItem, { item: 0 });
	});

	it('gets the distance units and the temperature unit', async () => {
		const units = await read({ resource: 'deviceSettings', operation: 'getDistanceUnits' });
		const temperature = await read({ resource: 'deviceSettings', operation: 'getTemperatureUnit' });
		assert.deepEqual(
			[units.output[0]?.json, temperature.output[0]?.json],
			[
				{ distanceUnits: 'IMPERIAL', statusCode: 200 },
				{ temperatureUnit: 'FAHRENHEIT', statusCode: 200 },
			],
		);
		assert.deepEqual(
			fake.requests.map((request) => request.path.split('/').pop()),
			['System.distanceUnits', 'System.temperatureUnit'],
		);
	});

	it('outputs null and a hint when the user set no value (204), as in the Alexa Simulator', async () => {
		const skill = fake.openSkillRequest();
		fake.alexaUser().devices.get(skill.deviceId!)!.distanceUnits = undefined;
		const { output, error } = await read(
			{ resource: 'deviceSettings', operation: 'getDistanceUnits' },
			skill,
		);
		assert.equal(error, undefined);
		assert.equal(output[0]?.json.distanceUnits, null);
		assert.equal(output[0]?.json.statusCode, 204);
		assert.match(String(output[0]?.json.hint), /not set distance units/);
	});

	it("refuses before sending with a skill message's item, which has no device", async () => {
		const skill = fake.openSkillRequest({ requestType: 'Messaging.MessageReceived' });
		const { error } = await read({ resource: 'deviceSettings', operation: 'getTimeZone' }, skill);
		assert.match(
			String(error?.message),
			/^Item 0: Device ID is empty and no Alexa Trigger item gives one/,
		);
		assert.equal(fake.requests.length, 0);
	});

	it("gets 403 for another device's settings, with what to check", async () => {
		const { error } = await read({
			resource: 'deviceSettings',
			operation: 'getTimeZone',
			deviceId: 'amzn1.ask.device.SOMEONEELSE',
		});
		assert.equal(error?.httpCode, '403');
		assert.match(String(error?.description), /deviceId of the same request as the token/);
	});

	it('gets 401 with an unknown token, and says the node cannot refresh it', async () => {
		const skill = fake.openSkillRequest();
		const { error } = await read(
			{
				resource: 'deviceSettings',
				operation: 'getTimeZone',
				apiAccessToken: `${skill.apiAccessToken}x`,
			},
			skill,
		);
		assert.equal(error?.httpCode, '401');
		assert.match(
			String(error?.message),
			/did not accept the API access token \(HTTP 401 INVALID_TOKEN\)/,
		);
		assert.match(String(error?.description), /cannot refresh it/);
	});
});

describe('Customer Profile', () => {
	const cases = [
		{
			operation: 'getName',
			path: 'Profile.name',
			scope: SCOPES.name,
			json: { name: 'Ada Lovelace' },
		},
		{
			operation: 'getGivenName',
			path: 'Profile.givenName',
			scope: SCOPES.givenName,
			json: { givenName: 'Ada' },
		},
		{
			operation: 'getEmail',
			path: 'Profile.email',
			scope: SCOPES.email,
			json: { email: 'ada@example.com' },
		},
		{
			operation: 'getMobileNumber',
			path: 'Profile.mobileNumber',
			scope: SCOPES.mobileNumber,
			json: { countryCode: '+1', phoneNumber: '2065550123' },
		},
	];
	for (const { operation, path, scope, json } of cases) {
		it(`${operation}: the value once the user granted ${scope}, and a permissions card to send before`, async () => {
			const refused = await read({ resource: 'customerProfile', operation });
			assert.equal(refused.error?.httpCode, '403');
			assert.match(
				String(refused.error?.message),
				/has not given the skill this permission \(HTTP 403 ACCESS_DENIED\)/,
			);
			assert.match(String(refused.error?.description), /Card Type "Ask for Permissions Consent"/);
			assert.ok(String(refused.error?.description).includes(scope), 'the scope is named');
			const granted = await read(
				{ resource: 'customerProfile', operation },
				fake.openSkillRequest({ grants: [scope] }),
			);
			assert.equal(granted.error, undefined);
			assert.deepEqual(granted.output[0]?.json, { ...json, statusCode: 200 });
			assert.deepEqual(
				fake.requests.map((request) => request.path),
				[`/v2/accounts/~current/settings/${path}`, `/v2/accounts/~current/settings/${path}`],
			);
		});
	}

	it("works with a skill message's token too: the profile needs no device", async () => {
		const skill = fake.openSkillRequest({
			requestType: 'Messaging.MessageReceived',
			grants: [SCOPES.givenName],
		});
		const { output, error } = await read(
			{ resource: 'customerProfile', operation: 'getGivenName' },
			skill,
		);
		assert.equal(error, undefined);
		assert.equal(output[0]?.json.givenName, 'Ada');
	});

	it('outputs null and a hint when the account has no such value (204)', async () => {
		fake.alexaUser().profile.email = undefined;
		const { output } = await read(
			{ resource: 'customerProfile', operation: 'getEmail' },
			fake.openSkillRequest({ grants: [SCOPES.email] }),
		);
		assert.deepEqual(output[0]?.json, {
			email: null,
			hint: 'The account has no email address Alexa can give.',
			statusCode: 204,
		});
	});
});

describe('Device Address', () => {
	it('gets the full address once granted, and says which permission to ask for before', async () => {
		const refused = await read({ resource: 'deviceAddress', operation: 'getAddress' });
		assert.equal(refused.error?.httpCode, '403');
		assert.match(String(refused.error?.message), /HTTP 403 FORBIDDEN/);
		assert.match(
			String(refused.error?.description),
			/read::alexa:device:all:address \(Get Address\)/,
		);
		const skill = fake.openSkillRequest({ grants: [SCOPES.fullAddress] });
		const { output, error } = await read(
			{ resource: 'deviceAddress', operation: 'getAddress' },
			skill,
		);
		assert.equal(error, undefined);
		assert.equal(fake.requests[1]?.path, `/v1/devices/${skill.deviceId}/settings/address`);
		assert.equal(output[0]?.json.city, 'Seattle');
		assert.equal(output[0]?.json.postalCode, '98109');
	});

	it('gets the country and postal code with either address permission', async () => {
		const skill = fake.openSkillRequest({ grants: [SCOPES.countryAndPostalCode] });
		const { output } = await read(
			{ resource: 'deviceAddress', operation: 'getCountryAndPostalCode' },
			skill,
		);
		assert.deepEqual(output[0]?.json, { countryCode: 'US', postalCode: '98109', statusCode: 200 });
		assert.equal(
			fake.requests[0]?.path,
			`/v1/devices/${skill.deviceId}/settings/address/countryAndPostalCode`,
		);
	});

	it('outputs a hint when the user set no address (204)', async () => {
		const skill = fake.openSkillRequest({ grants: [SCOPES.fullAddress] });
		fake.alexaUser().devices.get(skill.deviceId!)!.address = undefined;
		const { output } = await read({ resource: 'deviceAddress', operation: 'getAddress' }, skill);
		assert.equal(output[0]?.json.statusCode, 204);
		assert.match(String(output[0]?.json.hint), /not set an address/);
	});
});
