import type {
	ICredentialDataDecryptedObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { clock } from '../../shared/clock';
import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa';
import { bodyAsObject } from '../../shared/responseBody';
import { checkInput } from '../../shared/validate';

/**
 * Both Authorization operations post one form to LWA's token URL with the credential's client
 * ID and secret. The form is built in the hook, after the checks; the client values are read
 * there because a `preSend` hook may not await before its checks are done.
 */
export function tokenGrantRequest(grantFields: (context: IExecuteSingleFunctions) => Record<string, string>) {
	return async function buildTokenGrant(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		let fields: Record<string, string> | undefined;
		checkInput(this, requestOptions, () => {
			fields = grantFields(this);
		});
		if (!fields) return requestOptions;
		const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(REFRESH_TOKEN_CREDENTIAL);
		requestOptions.body = new URLSearchParams({
			...fields,
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
		}).toString();
		requestOptions.headers = {
			...requestOptions.headers,
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'application/json',
		};
		requestOptions.json = false;
		return requestOptions;
	};
}


/**
 * `{accessToken, refreshToken, expiresAt}`: the tokens the user asked for, to store. These two
 * operations are the only place a token appears in the node's output.
 */
export async function reportTokens(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = bodyAsObject(response.body);
	const expiresIn = Number(body.expires_in ?? 3600);
	return [
		{
			json: {
				accessToken: body.access_token as string,
				refreshToken: (body.refresh_token as string | undefined) ?? null,
				expiresAt: new Date(clock.now() + expiresIn * 1000).toISOString(),
			},
			pairedItem: { item: this.getItemIndex() },
		},
	];
}
