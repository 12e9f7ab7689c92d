/**
 * What Alexa tells a skill about its user and the user's device, with the token of a request to
 * the skill, on that request's host (see README.md beside this file):
 * - the Alexa Settings API, `GET /v2/devices/{deviceId}/settings/System.timeZone |
 *   System.distanceUnits | System.temperatureUnit` ("Obtain Customer Settings Information with the
 *   Alexa Settings API"): no permission; a JSON string, or 204 when the user set none;
 * - the Customer Profile API, `GET /v2/accounts/~current/settings/Profile.name | givenName | email
 *   | mobileNumber` ("Customer Profile REST API Reference"): a permission per field;
 * - the Device Address API, `GET /v1/devices/{deviceId}/settings/address[/countryAndPostalCode]`
 *   ("Device Settings REST API Reference"): 403 for a token without access, `{type, message}`.
 * Statuses as the ASK SDK's UpsServiceClient and DeviceAddressServiceClient list them; Settings
 * and Profile errors `{code, message}` with the SDK's ErrorCode values (INVALID_TOKEN, INVALID_KEY);
 * a missing permission answers `{code: "ACCESS_DENIED", message: "Access denied with reason:
 * ACCESS_NOT_REQUESTED"}`, the body jovo-framework matches (no Amazon page shows one).
 */
import { SCOPES } from './alexaUsers.mts';
import type { Answer, FakeAlexa, RecordedRequest } from './server.mts';

const SETTINGS = /^\/v2\/devices\/([^/]+)\/settings\/(System\.[A-Za-z]+)$/;
const PROFILE = /^\/v2\/accounts\/~current\/settings\/(Profile\.[A-Za-z]+)$/;
const ADDRESS = /^\/v1\/devices\/([^/]+)\/settings\/address(\/countryAndPostalCode)?$/;

const DEVICE_SETTINGS = {
	'System.timeZone': 'timeZone',
	'System.distanceUnits': 'distanceUnits',
	'System.temperatureUnit': 'temperatureUnit',
} as const;

const PROFILE_FIELDS = {
	'Profile.name': { field: 'name', scope: SCOPES.name },
	'Profile.givenName': { field: 'givenName', scope: SCOPES.givenName },
	'Profile.email': { field: 'email', scope: SCOPES.email },
	'Profile.mobileNumber': { field: 'mobileNumber', scope: SCOPES.mobileNumber },
} as const;

const ACCESS_NOT_REQUESTED = {
	code: 'ACCESS_DENIED',
	message: 'Access denied with reason: ACCESS_NOT_REQUESTED',
};

/** Whether the path is one of these three APIs' (for the router). */
export function isCustomerSettingsPath(path: string): boolean {
	return SETTINGS.test(path) || PROFILE.test(path) || ADDRESS.test(path);
}

export function handleCustomerSettings(fake: FakeAlexa, request: RecordedRequest): Answer {
	const address = ADDRESS.exec(request.path);
	if (address)
		return deviceAddress(fake, request, decodeURIComponent(address[1]!), address[2] !== undefined);
	if (request.method !== 'GET')
		return { status: 405, body: { code: 'INVALID_URI', message: 'The method is not supported.' } };
	const skillRequest = fake.skillRequestOf(request);
	if (!skillRequest)
		return {
			status: 401,
			body: { code: 'INVALID_TOKEN', message: 'The authentication token is malformed or invalid.' },
		};
	const user = fake.alexaUser(skillRequest.userId);

	const settings = SETTINGS.exec(request.path);
	if (settings) {
		const key = settings[2] as keyof typeof DEVICE_SETTINGS;
		if (!(key in DEVICE_SETTINGS))
			return {
				status: 400,
				body: { code: 'INVALID_KEY', message: `The setting key ${key} is not supported.` },
			};
		const deviceId = decodeURIComponent(settings[1]!);
		if (deviceId !== skillRequest.deviceId)
			return {
				status: 403,
				body: {
					code: 'INVALID_TOKEN',
					message: 'The authentication token does not have access to resource.',
				},
			};
		const value = user.devices.get(deviceId)?.[DEVICE_SETTINGS[key]];
		return value === undefined ? { status: 204 } : { status: 200, body: value };
	}

	const profile = PROFILE.exec(request.path)!;
	const entry = PROFILE_FIELDS[profile[1] as keyof typeof PROFILE_FIELDS];
	if (!entry)
		return {
			status: 400,
			body: { code: 'INVALID_KEY', message: `The setting key ${profile[1]} is not supported.` },
		};
	if (!user.permissions.has(entry.scope)) return { status: 403, body: ACCESS_NOT_REQUESTED };
	const value = user.profile[entry.field];
	return value === undefined ? { status: 204 } : { status: 200, body: value };
}

function deviceAddress(
	fake: FakeAlexa,
	request: RecordedRequest,
	deviceId: string,
	short: boolean,
): Answer {
	const forbidden: Answer = {
		status: 403,
		body: {
			type: 'FORBIDDEN',
			message: "The authentication token is invalid or doesn't have access to the resource",
		},
	};
	if (request.method !== 'GET')
		return {
			status: 405,
			body: { type: 'METHOD_NOT_ALLOWED', message: 'The method is not supported' },
		};
	const skillRequest = fake.skillRequestOf(request);
	if (!skillRequest || skillRequest.deviceId !== deviceId) return forbidden;
	const user = fake.alexaUser(skillRequest.userId);
	const granted = short
		? user.permissions.has(SCOPES.countryAndPostalCode) || user.permissions.has(SCOPES.fullAddress)
		: user.permissions.has(SCOPES.fullAddress);
	if (!granted)
		return { status: 403, body: { type: 'FORBIDDEN', message: ACCESS_NOT_REQUESTED.message } };
	const address = user.devices.get(deviceId)?.address;
	if (address === undefined) return { status: 204 };
	if (short)
		return {
			status: 200,
			body: { countryCode: address.countryCode ?? null, postalCode: address.postalCode ?? null },
		};
	return { status: 200, body: address };
}
