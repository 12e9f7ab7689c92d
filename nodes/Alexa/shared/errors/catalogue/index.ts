import type { AlexaApi } from '../../alexa/apis';
import { eventGatewayErrors } from './eventGateway';
import { loginWithAmazonErrors } from './loginWithAmazon';
import { skillEnablementErrors } from './skillEnablement';
import { skillMessagingErrors } from './skillMessaging';
import type { ApiErrorCatalogue } from './types';

export type { AlexaErrorEntry, ApiErrorCatalogue } from './types';

/** Each API's error catalogue: one file per API beside this one. */
export const ERROR_CATALOGUES: Record<AlexaApi, ApiErrorCatalogue> = {
	skillMessaging: skillMessagingErrors,
	eventGateway: eventGatewayErrors,
	skillEnablement: skillEnablementErrors,
	loginWithAmazon: loginWithAmazonErrors,
};
