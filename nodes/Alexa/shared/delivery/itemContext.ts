import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
} from 'n8n-workflow';

/**
 * What an operation's planner and `postReceive` hooks see of one item: the few methods of n8n's
 * per-item context they use, answered by the node run's context for this item. Dropped when the
 * item is done. A class, not an object of closures: every item's context waits from its checks
 * to its send.
 *
 * A parameter is read once per item: an n8n expression costs about 100 KB of allocations each
 * time it is evaluated, and the hooks read some parameters (the user ID) more than once. It also
 * means the item reports the very value it sent, even from an expression that uses $now.
 */
class ItemContext {
	private readonly parameters = new Map<string, unknown>();

	constructor(
		private readonly n8n: IExecuteFunctions,
		private readonly itemIndex: number,
		private readonly credentialType: string,
		private readonly credentials: () => ICredentialDataDecryptedObject,
	) {}

	get logger() {
		return this.n8n.logger;
	}

	get helpers() {
		return this.n8n.helpers;
	}

	getItemIndex() {
		return this.itemIndex;
	}

	getNode() {
		return this.n8n.getNode();
	}

	getInputData() {
		return this.n8n.getInputData()[this.itemIndex];
	}

	continueOnFail() {
		return this.n8n.continueOnFail();
	}

	evaluateExpression(expression: string) {
		return this.n8n.evaluateExpression(expression, this.itemIndex);
	}

	getNodeParameter(name: string, fallbackValue?: unknown, options?: { extractValue?: boolean }) {
		const key = options?.extractValue ? `${name}\u0000extract` : name;
		if (this.parameters.has(key)) return this.parameters.get(key);
		const value = this.n8n.getNodeParameter(name, this.itemIndex, fallbackValue, options);
		// A fallback is the caller's, not the parameter's: another caller may pass another.
		if (value !== fallbackValue) this.parameters.set(key, value);
		return value;
	}

	async getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
	): Promise<T> {
		if (type === this.credentialType) return { ...this.credentials() } as T;
		return await this.n8n.getCredentials<T>(type, this.itemIndex);
	}

	getExecutionCancelSignal() {
		return this.n8n.getExecutionCancelSignal();
	}

	/** The nodes upstream of `nodeName`: where an in-session operation finds the Alexa Trigger (input/alexaRequest.ts). */
	getParentNodes(nodeName: string) {
		return this.n8n.getParentNodes(nodeName);
	}

	/** The expression data of this item (`$items(node)`): the Alexa Trigger's item, for input/alexaRequest.ts. */
	getWorkflowDataProxy() {
		return this.n8n.getWorkflowDataProxy(this.itemIndex);
	}
}

export function itemContext(
	n8n: IExecuteFunctions,
	itemIndex: number,
	credentialType: string,
	credentials: () => ICredentialDataDecryptedObject,
): IExecuteSingleFunctions {
	return new ItemContext(
		n8n,
		itemIndex,
		credentialType,
		credentials,
	) as unknown as IExecuteSingleFunctions;
}
