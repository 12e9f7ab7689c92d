import type {
	ICredentialDataDecryptedObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import type { OperationBasics, SendingOperation } from '../../shared/delivery/operation';
import { singleMessage, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa/tokens';
import { clock } from '../../shared/util/clock';
import { bodyAsObject } from '../../shared/util/response';

/**
 * Both Authorization operations post one form to LWA's token URL (the base URL for this
 * resource) with the credential's client ID and secret. The form is built after the checks, so
 * an invalid item reads no credential. The request goes without the credential's token (see
 * delivery/transport.ts).
 */
export function tokenGrantOperation(
	basics: OperationBasics & {
		grantFields: (context: IExecuteSingleFunctions) => Record<string, string>;
	},
): SendingOperation {
	const { grantFields, ...rest } = basics;
	const plan = async (
		context: IExecuteSingleFunctions,
		request: IHttpRequestOptions,
	): Promise<ItemPlan> => {
		const fields = grantFields(context);
		const credentials =
			await context.getCredentials<ICredentialDataDecryptedObject>(REFRESH_TOKEN_CREDENTIAL);
		request.body = new URLSearchParams({
			...fields,
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
		}).toString();
		request.headers = {
			...request.headers,
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'application/json',
		};
		request.json = false;
		// The grant type decides whether the request may go again (delivery/retry.ts): a refresh
		// token may, a grant code that may have been used may not.
		return singleMessage(request, { host: { kind: 'region' }, requestKind: fields.grant_type });
	};
	// The path is empty: the credential's token URL is the request's whole address.
	return { ...rest, method: 'POST', path: '', plan, output: [mapAlexaErrors, reportTokens] };
}

/**
 * `{accessToken, refreshToken, expiresAt}`: the tokens the user asked for, to store. These two
 * operations are the only place a token appears in the node's output.
 */
async function reportTokens(
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
