import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { signWithToken, storedAccessTokenProperty } from '../lwa/credentialAuth';

/** How one attempt goes out: with no credential (LWA itself), with the item's own token, or with the run's credential. */
export type Signing =
	| { kind: 'unsigned' }
	| { kind: 'itemToken'; token: string }
	| { kind: 'scopedToken'; token: string }
	| { kind: 'credential'; token?: string };

/**
 * The one place requests leave the node. Every request is signed with the token its attempt
 * chose (the Authorization header, and the event's scope: always the same token) before it goes:
 *
 * - `unsigned`: the Authorization resource posts to LWA with the client ID and secret in its
 *   form. Through the credential, n8n would first run its preAuthentication and ask LWA for the
 *   credential's own token: an extra request, and a failure whenever that token is bad.
 * - `itemToken`: a customer token from the input needs nothing of the credential, so it goes
 *   plainly too, for the same reason.
 * - `scopedToken`: a token the shared LWA cache issued for another scope than the credential's
 *   own (Proactive Events with the Skill Messaging credential). n8n's preAuthentication would
 *   first ask LWA for the credential's own scope: an extra token request per run, and a failure
 *   for a skill that only sends notifications. So it goes plainly, signed with that token.
 * - `credential`: through n8n's `httpRequestWithAuthentication`, as a declarative node's
 *   requests go. When the stored access token is empty, n8n first runs the credential's
 *   `preAuthentication` and stores what it returns: a read and a write of the credential in n8n's
 *   database. Every item starts from the credential as read at the start of the run, so without
 *   care each of 10,000 items would store the token again. So while the token is empty, the run's
 *   first request goes first; the others wait until n8n has stored the token (not for the
 *   answer), then start from the credential as stored: the token, and any refresh token LWA
 *   replaced (decision 1).
 */
export class Transport {
	/** Until n8n has stored a token for the run's first request. */
	private firstSend?: Promise<void>;

	constructor(
		private readonly n8n: IExecuteFunctions,
		readonly credentialType: string,
		/** The credential as n8n last stored it; replaced once n8n has stored a token. */
		public credentials: ICredentialDataDecryptedObject,
	) {}

	async send(request: IHttpRequestOptions, signing: Signing): Promise<IN8nHttpFullResponse> {
		const options: IHttpRequestOptions = {
			...request,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (signing.kind === 'unsigned') return await this.plain(options);
		if (signing.kind === 'itemToken' || signing.kind === 'scopedToken')
			return await this.plain(signWithToken(options, signing.token));
		return await this.withCredential(
			signing.token ? signWithToken(options, signing.token) : options,
		);
	}

	private async plain(options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
		return (await this.n8n.helpers.httpRequest(options)) as IN8nHttpFullResponse;
	}

	private async withCredential(options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
		// No await unless there is something to wait for: the check and the claim below must
		// happen in the same turn, or two items could both go first.
		if (this.firstSend) await this.firstSend;
		const goesFirst = !this.firstSend && this.credentials[storedAccessTokenProperty.name] === '';
		let stored: (() => void) | undefined;
		const signed = goesFirst ? new Promise<void>((resolve) => (stored = resolve)) : undefined;
		// A copy: n8n writes what preAuthentication returns into the object it is given, once it
		// has stored it in its database (credentials-helper.js in n8n 2.41: updateCredentials, then
		// Object.assign). The run's first request watches that write.
		const data = stored
			? whenTokenWritten({ ...this.credentials }, stored)
			: { ...this.credentials };
		const send = this.n8n.helpers.httpRequestWithAuthentication.call(
			this.n8n,
			this.credentialType,
			options,
			{
				credentialsDecrypted: { id: '', name: '', type: this.credentialType, data },
			},
		) as Promise<IN8nHttpFullResponse>;
		if (signed) {
			// Also released if the request fails before n8n stores a token; the others then go as
			// n8n would have sent them, each with its own preAuthentication.
			const settled = send.then(
				() => undefined,
				() => undefined,
			);
			this.firstSend = Promise.race([signed, settled]).then(() => {
				if (data[storedAccessTokenProperty.name]) this.credentials = { ...data };
			});
		}
		return await send;
	}
}

/** The credential data, which calls `written` when n8n writes a non-empty stored access token into it. */
function whenTokenWritten(
	data: ICredentialDataDecryptedObject,
	written: () => void,
): ICredentialDataDecryptedObject {
	return new Proxy(data, {
		set(target, property, value: unknown) {
			target[property as string] = value as ICredentialDataDecryptedObject[string];
			if (property === storedAccessTokenProperty.name && typeof value === 'string' && value !== '')
				written();
			return true;
		},
	});
}
