/**
 * The Alexa users and devices behind the requests Alexa sends a skill, as the in-session APIs
 * see them: the permissions each user granted the skill in the Alexa app, the profile, each
 * device's settings and address, and the reminders the skill made. A request opened with
 * `fake.openSkillRequest({userId?, deviceId?, grants?})` belongs to one user and, unless it is a
 * skill message or skill event (which carry no device), one device.
 */
import { randomUUID } from 'node:crypto';

export const DEFAULT_USER_ID = 'amzn1.ask.account.FAKEUSER0001';
export const DEFAULT_DEVICE_ID = 'amzn1.ask.device.FAKEDEVICE0001';

/** The permission scopes of the in-session APIs, as a permissions card names them. */
export const SCOPES = {
	reminders: 'alexa::alerts:reminders:skill:readwrite',
	name: 'alexa::profile:name:read',
	givenName: 'alexa::profile:given_name:read',
	email: 'alexa::profile:email:read',
	mobileNumber: 'alexa::profile:mobile_number:read',
	fullAddress: 'read::alexa:device:all:address',
	countryAndPostalCode: 'read::alexa:device:all:address:country_and_postal_code',
} as const;

export interface AlexaDevice {
	deviceId: string;
	/** Undefined: not set (the API answers 204). */
	timeZone?: string;
	distanceUnits?: 'METRIC' | 'IMPERIAL';
	temperatureUnit?: 'CELSIUS' | 'FAHRENHEIT';
	address?: Record<string, string | null>;
	/** Amazon's reminders sample: "this device doesn't support reminders" is a 403 on create. */
	supportsReminders: boolean;
}

export interface StoredReminder {
	alertToken: string;
	createdTime: string;
	updatedTime: string;
	status: 'ON' | 'COMPLETED';
	version: string;
	trigger: Record<string, unknown>;
	alertInfo: Record<string, unknown>;
	pushNotification: Record<string, unknown>;
	/** The request the reminder was made with, for tests to check the token and host. */
	madeWith: { requestId: string; host: string };
}

export interface AlexaUser {
	userId: string;
	/** Scopes the user granted the skill (SCOPES). */
	permissions: Set<string>;
	profile: {
		name?: string;
		givenName?: string;
		email?: string;
		mobileNumber?: { countryCode: string; phoneNumber: string };
	};
	devices: Map<string, AlexaDevice>;
	reminders: Map<string, StoredReminder>;
	/** MAX_REMINDERS_EXCEEDED once the user has this many (Amazon gives no figure: a test sets one). */
	reminderLimit?: number;
}

export function newAlexaUser(userId: string): AlexaUser {
	return {
		userId,
		permissions: new Set(),
		profile: {
			name: 'Ada Lovelace',
			givenName: 'Ada',
			email: 'ada@example.com',
			mobileNumber: { countryCode: '+1', phoneNumber: '2065550123' },
		},
		devices: new Map(),
		reminders: new Map(),
	};
}

export function newAlexaDevice(deviceId: string): AlexaDevice {
	return {
		deviceId,
		timeZone: 'America/Los_Angeles',
		distanceUnits: 'IMPERIAL',
		temperatureUnit: 'FAHRENHEIT',
		address: {
			addressLine1: '410 Terry Ave North',
			addressLine2: null,
			addressLine3: null,
			city: 'Seattle',
			stateOrRegion: 'WA',
			districtOrCounty: null,
			countryCode: 'US',
			postalCode: '98109',
		},
		supportsReminders: true,
	};
}

export function newAlertToken(): string {
	return randomUUID();
}
