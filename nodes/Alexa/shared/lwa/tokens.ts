import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { AlexaApi } from '../alexa/apis';
import { lwaTokenUrl } from '../alexa/hosts';
import { clock } from '../util/clock';
import { requestLwaToken, type HttpRequest } from './tokenRequest';

/**
 * Login with Amazon (LWA): every token this package uses comes through this module.
 *
 * n8n's own `preAuthentication` asks for a token once per item when the stored one is empty,
 * and never looks at its age. Here a process-wide slot per credential shares one request
 * among all concurrent callers and keeps the token until shortly before it expires.
 */

export const SKILL_MESSAGING_CREDENTIAL = 'alexaSkillMessagingApi';
export const REFRESH_TOKEN_CREDENTIAL = 'alexaLwaRefreshTokenApi';
export type LwaCredentialType = typeof SKILL_MESSAGING_CREDENTIAL | typeof REFRESH_TOKEN_CREDENTIAL;

/** Renew this long before LWA's `expires_in`, so that no request carries a token that dies in flight. */
export const EXPIRY_MARGIN_MS = 60_000;

/** A form field's value: a literal, or the credential field it is read from. */
type FormValue = string | { credentialField: string };

/** The token request each credential type sends. */
const TOKEN_FORMS: Record<LwaCredentialType, Record<string, FormValue>> = {
	[SKILL_MESSAGING_CREDENTIAL]: {
		grant_type: 'client_credentials',
		scope: 'alexa:skill_messaging',
		client_id: { credentialField: 'clientId' },
		client_secret: { credentialField: 'clientSecret' },
	},
	[REFRESH_TOKEN_CREDENTIAL]: {
		grant_type: 'refresh_token',
		refresh_token: { credentialField: 'refreshToken' },
		client_id: { credentialField: 'clientId' },
		client_secret: { credentialField: 'clientSecret' },
	},
};

/**
 * The client-credentials scope of each API the Skill Messaging credential serves, where it is not
 * the credential's own (alexa:skill_messaging). The same client ID and secret, from the skill's
 * Permissions page, get a Proactive Events token with `alexa::proactive_events` (Amazon's
 * "Proactive Events REST API Reference", https://developer.amazon.com/docs/alexa/smapi/proactive-events-api-reference.html).
 * A token of one scope does not serve the other API, so each scope has its own cache slot.
 */
export const API_TOKEN_SCOPES: Partial<Record<AlexaApi, string>> = {
	proactiveEvents: 'alexa::proactive_events',
};

/** The token request of this credential type, for `scope` when the API asks for another scope than the form's. */
function tokenForm(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
	scope?: string,
) {
	const form: Record<string, string> = {};
	for (const [name, value] of Object.entries(TOKEN_FORMS[type])) {
		form[name] =
			typeof value === 'string' ? value : String(credentials[value.credentialField] ?? '');
	}
	if (scope !== undefined && 'scope' in form) form.scope = scope;
	return form;
}

interface TokenSlot {
	token?: { value: string; expiresAt: number };
	/** The request in flight, shared by everyone who needs a token meanwhile. */
	pending?: Promise<string>;
	/** The newest refresh token, once LWA has handed out a replacement for the stored one. */
	refreshToken?: string;
	tokenRequests: number;
}

const slots = new Map<string, TokenSlot>();

function slotKey(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
	refreshToken?: string,
	scope?: string,
) {
	// Everything that changes which token LWA would issue. Held in memory only, never logged.
	return [
		type,
		scope ?? '',
		lwaTokenUrl(credentials),
		credentials.clientId,
		credentials.clientSecret,
		refreshToken ?? credentials.refreshToken ?? '',
	].join('\n');
}

function slotFor(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
	scope?: string,
): TokenSlot {
	const key = slotKey(type, credentials, undefined, scope);
	let slot = slots.get(key);
	if (!slot) {
		slot = { tokenRequests: 0 };
		slots.set(key, slot);
	}
	return slot;
}

function isFresh(token: TokenSlot['token']): token is { value: string; expiresAt: number } {
	return token !== undefined && clock.now() < token.expiresAt - EXPIRY_MARGIN_MS;
}

/**
 * A token that is valid for at least another minute; `scope` for an API whose client-credentials
 * scope is not the credential's own (API_TOKEN_SCOPES), with its own slot: still one LWA request
 * per credential, scope and process. `rejected` is a token Alexa has just
 * refused: if the slot still holds that one, it is dropped and a new one requested; if another
 * caller already replaced it, the replacement is returned without asking LWA again. That is
 * what keeps a storm of 401s down to a single refresh.
 */
export async function getAccessToken(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
	http: HttpRequest,
	rejected?: string,
	scope?: string,
): Promise<string> {
	const slot = slotFor(type, credentials, scope);
	if (!slot.pending) {
		if (isFresh(slot.token) && slot.token.value !== rejected) return slot.token.value;
		slot.token = undefined;
		slot.pending = fetchToken(slot, type, credentials, http, scope).finally(() => {
			slot.pending = undefined;
		});
	}
	return await slot.pending;
}

async function fetchToken(
	slot: TokenSlot,
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
	http: HttpRequest,
	scope?: string,
): Promise<string> {
	const storedRefreshToken = String(credentials.refreshToken ?? '');
	const form = currentTokenForm(type, credentials, scope);
	slot.tokenRequests++;
	const answer = await requestLwaToken(http, lwaTokenUrl(credentials), form);
	slot.token = {
		value: answer.accessToken,
		expiresAt: clock.now() + answer.expiresInSeconds * 1000,
	};
	if (
		type === REFRESH_TOKEN_CREDENTIAL &&
		answer.refreshToken &&
		answer.refreshToken !== (slot.refreshToken ?? storedRefreshToken)
	) {
		// LWA replaced the refresh token: use the new one from now on, and let a credential that
		// already stores the new one (after n8n persisted it) find this same slot.
		slot.refreshToken = answer.refreshToken;
		slots.set(slotKey(type, credentials, answer.refreshToken), slot);
	}
	return answer.accessToken;
}

/** The slot's token if it is still fresh; never asks LWA. */
export function peekAccessToken(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	const token = slots.get(slotKey(type, credentials))?.token;
	return isFresh(token) ? token.value : undefined;
}

/** The credential's token request form, with the newest refresh token this process knows. */
export function currentTokenForm(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
	scope?: string,
): Record<string, string> {
	const refreshToken = replacementRefreshToken(type, credentials) ?? credentials.refreshToken;
	return tokenForm(type, { ...credentials, refreshToken }, scope);
}

/** A refresh token LWA issued in place of the credential's stored one, if any. */
export function replacementRefreshToken(
	type: LwaCredentialType,
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	const replacement = slots.get(slotKey(type, credentials))?.refreshToken;
	return replacement && replacement !== credentials.refreshToken ? replacement : undefined;
}

/** For tests and the benchmark: how many token requests this process made, and a clean slate. */
export function lwaStatistics(): { tokenRequests: number } {
	let tokenRequests = 0;
	for (const slot of new Set(slots.values())) tokenRequests += slot.tokenRequests;
	return { tokenRequests };
}

export function forgetAllTokens(): void {
	slots.clear();
}
