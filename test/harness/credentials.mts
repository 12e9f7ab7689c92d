/**
 * The credential side of n8n, for running nodes through n8n-core in tests.
 *
 * n8n's own CredentialsHelper lives in the `n8n` server package, which needs a database. This
 * one keeps credentials in memory and copies n8n 2.41.1's rules (packages/cli
 * credentials-helper.ts) where they matter to this package:
 * - `authenticate` in function form is called with the decrypted data and the request options;
 * - `preAuthentication` runs when the hidden `expirable` field is empty, when the caller says
 *   the credential expired (after a 401), or on a credential test; its output is stored only
 *   when it contains the expirable field, and then merged into the credentials.
 * It counts calls, so tests can check what n8n itself would have done.
 *
 * Where it differs from n8n 2.41.1's CredentialsHelper (packages/cli credentials-helper.ts), in
 * cost and in behaviour; the real-n8n bench (scripts/bench-n8n.mts) measures the real one:
 * - `getDecrypted`: n8n reads the credential row from its database, checks its usage scope and
 *   the decrypt policy, decrypts it (a key derivation and AES per call), applies defaults and
 *   credential overwrites, and resolves expressions in its values in an isolate it acquires for
 *   the call. Here: a copy from memory with defaults. Measured in n8n 2.41.1 (a CPU profile of
 *   the bench's minimal node, which lets `httpRequestWithAuthentication` read the credential for
 *   every request): about 0.6 ms of CPU per read, query and decryption included, which this
 *   helper does not cost. The Alexa node reads its credential
 *   once per run, so that difference is one read per run for it and one per item for such nodes.
 * - `preAuthentication`: n8n gives the credential's `preAuthentication` helpers restricted to
 *   the credential's allowed domains, re-reads and decrypts the stored row before it writes, keeps
 *   fields whose stored value is an expression, and writes (encrypts, UPDATE) to its database.
 *   Here: the helpers as given, the output merged over every stored field, a write to memory.
 * - `authenticate`: n8n also runs the object (generic) form, resolving its expressions; here only
 *   the function form, which is the one this package's credentials use.
 * - `getParentTypes` is always empty here (no OAuth credentials), `isCredentialUsableByNode`
 *   always true (n8n checks `restrictToSupportedNodes`).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';

import { n8nWorkflow } from './modules.mts';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export class TestCredentialsHelper extends n8nWorkflow.ICredentialsHelper {
	readonly stored = new Map<string, StoredCredential>();
	/** Every write n8n would make to the credentials table. */
	readonly updates: Array<{ id: string; data: ICredentialDataDecryptedObject }> = [];
	preAuthenticationCalls = 0;

	private readonly types: Record<string, ICredentialType>;

	constructor(types: Record<string, ICredentialType>) {
		super();
		this.types = types;
	}

	add(credential: StoredCredential): void {
		this.stored.set(credential.id, structuredClone(credential));
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		if (typeof type.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (type.authenticate)
			throw new Error('The test harness supports function-form authenticate only');
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined || typeof type.preAuthentication !== 'function')
			return undefined;
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials)
			return undefined;

		this.preAuthenticationCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (!details?.id) return undefined;
		const stored = this.stored.get(details.id)!;
		await this.updateCredentials(details, typeName, {
			...stored.data,
			...output,
		} as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<ICredentials> {
		const stored = this.storedFor(nodeCredentials);
		return { getData: () => structuredClone(stored.data) } as unknown as ICredentials;
	}

	/** A fresh copy per call, with defaults filled in, as n8n decrypts it from the database. */
	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.storedFor(nodeCredentials);
		const data: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.type === 'notice') continue;
			data[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...data, ...structuredClone(stored.data) };
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.storedFor(nodeCredentials);
		stored.data = structuredClone(data);
		this.updates.push({ id: stored.id, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new Error('OAuth2 credentials are not used by this package');
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type].properties;
	}

	private storedFor(nodeCredentials: INodeCredentialsDetails): StoredCredential {
		const stored = nodeCredentials.id ? this.stored.get(nodeCredentials.id) : undefined;
		if (!stored) throw new Error(`No credential with id ${nodeCredentials.id}`);
		return stored;
	}
}
