import type { AlexaApi } from '../../alexa/apis';
import { customerProfileErrors } from './customerProfile';
import { deviceAddressErrors } from './deviceAddress';
import { deviceSettingsErrors } from './deviceSettings';
import { eventGatewayErrors } from './eventGateway';
import { loginWithAmazonErrors } from './loginWithAmazon';
import { proactiveEventsErrors } from './proactiveEvents';
import { progressiveResponseErrors } from './progressiveResponse';
import { remindersErrors } from './reminders';
import { skillEnablementErrors } from './skillEnablement';
import { skillMessagingErrors } from './skillMessaging';
import type { ApiErrorCatalogue } from './types';

export type { AlexaErrorEntry, ApiErrorCatalogue } from './types';

/**
 * Each API's error catalogue (one file per API beside this one), and where its answers carry
 * Alexa's own code and text: the Event Gateway's `payload.code`; Skill Enablement's, Skill
 * Messaging's, Proactive Events' and the Progressive Response API's `code` and `message`; LWA's OAuth2 `error` and `error_description`.
 */
export const ERROR_CATALOGUES: Record<AlexaApi, ApiErrorCatalogue> = {
	skillMessaging: {
		bodyFields: { code: ['code'], text: ['message'] },
		entries: skillMessagingErrors,
	},
	eventGateway: {
		bodyFields: { code: ['payload', 'code'], text: ['payload', 'description'] },
		entries: eventGatewayErrors,
	},
	skillEnablement: {
		bodyFields: { code: ['code'], text: ['message'] },
		entries: skillEnablementErrors,
	},
	proactiveEvents: {
		bodyFields: { code: ['code'], text: ['message'] },
		entries: proactiveEventsErrors,
	},
	progressiveResponse: {
		bodyFields: { code: ['code'], text: ['message'] },
		entries: progressiveResponseErrors,
	},
	reminders: {
		bodyFields: { code: ['code'], text: ['message'] },
		entries: remindersErrors,
	},
	deviceSettings: {
		bodyFields: { code: ['code'], text: ['message'] },
		entries: deviceSettingsErrors,
	},
	customerProfile: {
		bodyFields: { code: ['code'], text: ['message'] },
		entries: customerProfileErrors,
	},
	deviceAddress: {
		bodyFields: { code: ['type'], text: ['message'] },
		entries: deviceAddressErrors,
	},
	loginWithAmazon: {
		bodyFields: { code: ['error'], text: ['error_description'] },
		entries: loginWithAmazonErrors,
	},
};
