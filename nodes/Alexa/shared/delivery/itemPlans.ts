import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { safeNodeError } from '../errors/safeErrors';
import { InputProblem, inputRejection } from '../input/validate';
import { systemClock } from '../util/clock';
import type { PlannedItem } from './deliverItem';
import { itemContext } from './itemContext';
import type { SendingOperation } from './operation';
import type { RunContext } from './runContext';

/** What planning takes of an operation: the request it describes and its planner. */
type PlanningOperation = Pick<SendingOperation, 'method' | 'path' | 'plan'>;

/** An item that has no plan, and why: its input check, or the planner's own failure. */
export type NotPlanned = ReturnType<typeof safeNodeError> | NodeOperationError;

/**
 * With Continue On Fail, items are planned at most this many ahead of the last one started.
 * Planning an item is mostly n8n evaluating its expressions; ahead of the sends, that fills the
 * time the requests in flight wait for Alexa's answers, where the CPU would otherwise be idle.
 */
const PLANNED_AHEAD = 250;

/**
 * Planning ahead lets the event loop read the answers that arrived after this much work, so that
 * a freed slot is used for the next send soon, not after the whole window is planned.
 */
const PLANNING_SLICE_MS = 5;

/**
 * Every item's plan (or why it has none), made in item order: its request from the run's base
 * and the operation's method and path template, then the operation's planner with its input checks.
 *
 * - Without Continue On Fail, one invalid item holds back the whole run (nothing is sent), so
 *   every item is planned before the first send (`planAll`).
 * - With Continue On Fail an invalid item only becomes its error item, and nothing waits for the
 *   others' checks: items are planned just ahead of the sends (`planAhead`), so that planning and
 *   the network overlap and only a window of plans is held at once.
 *
 * A plan is released as soon as its item is taken for sending.
 */
export class ItemPlans {
	private readonly plans: Array<PlannedItem | NotPlanned | undefined>;
	/** The next item to plan. */
	private nextToPlan = 0;
	private sliceStartedAt = 0;
	/** The first item rejected by its input check, while planning everything first. */
	private firstRejection?: NodeOperationError;

	constructor(
		private readonly run: RunContext,
		private readonly operation: PlanningOperation,
		private readonly itemCount: number,
	) {
		this.plans = new Array(itemCount);
	}

	/**
	 * Plans every item, for a run without Continue On Fail. It throws the run's error instead: the
	 * planner's own failure at once, or after all checks the first item's rejection, as n8n reports
	 * the first failed item ("not sent, because another item's input is invalid" when item 0 itself
	 * is valid).
	 */
	async planAll(): Promise<void> {
		while (this.nextToPlan < this.itemCount) await this.planNext();
		if (this.firstRejection) {
			throw this.plans[0] === this.firstRejection
				? this.firstRejection
				: this.notSentBecauseOf(0, this.firstRejection);
		}
	}

	/**
	 * Plans one more item if the window ahead of `nextToSend` has room; false when there was nothing
	 * to plan. Now and then it first lets the event loop run (see PLANNING_SLICE_MS).
	 */
	async planAhead(nextToSend: number): Promise<boolean> {
		if (this.nextToPlan >= this.itemCount || this.nextToPlan >= nextToSend + PLANNED_AHEAD)
			return false;
		await this.planNextInSlices();
		return true;
	}

	/** The item's plan, or why it has none; planned now if it was not yet. The plan is not kept. */
	async take(itemIndex: number): Promise<PlannedItem | NotPlanned> {
		while (this.nextToPlan <= itemIndex) await this.planNextInSlices();
		const planned = this.plans[itemIndex]!;
		this.plans[itemIndex] = undefined;
		return planned;
	}

	/**
	 * The next item's plan, after letting the event loop run if this slice of planning is used up:
	 * the first token request and the first sends go out while the next items are planned.
	 */
	private async planNextInSlices(): Promise<void> {
		if (systemClock.now() - this.sliceStartedAt >= PLANNING_SLICE_MS) {
			// A macrotask, not a resolved promise: only that lets n8n read answers from the network.
			await sleep(0);
			this.sliceStartedAt = systemClock.now();
		}
		await this.planNext();
	}

	private async planNext(): Promise<void> {
		const itemIndex = this.nextToPlan++;
		const { run } = this;
		try {
			if (run.invalidProxy) throw invalidProxy(run.n8n, itemIndex);
			this.plans[itemIndex] = await this.plan(itemIndex);
		} catch (error) {
			if (error instanceof InputProblem) {
				const rejection = inputRejection(
					run.n8n.getNode(),
					itemIndex,
					error,
					'Nothing was sent for this item.',
				);
				this.firstRejection ??= rejection;
				this.plans[itemIndex] = rejection;
				return;
			}
			const nodeError = safeNodeError(
				run.n8n.getNode(),
				asNodeError(run.n8n, error, itemIndex),
				itemIndex,
				run.secrets,
			);
			if (!run.continueOnFail) throw nodeError;
			this.plans[itemIndex] = nodeError;
		}
	}

	private async plan(itemIndex: number): Promise<PlannedItem> {
		const { run, operation } = this;
		const request: IHttpRequestOptions = {
			...run.requestBase,
			headers: { ...(run.requestBase.headers ?? {}) },
			qs: {},
			body: {},
			method: operation.method,
			url: operation.path,
		};
		const item = itemContext(
			run.n8n,
			itemIndex,
			run.credentialType ?? '',
			() => run.transport.credentials,
		);
		return { index: itemIndex, context: item, plan: await operation.plan(item, request) };
	}

	private notSentBecauseOf(itemIndex: number, rejection: NodeOperationError): NodeOperationError {
		return new NodeOperationError(
			this.run.n8n.getNode(),
			`Item ${itemIndex} was not sent, because another item's input is invalid: ${rejection.message}`,
			{ itemIndex, description: rejection.description ?? undefined },
		);
	}
}

/** Whether `taken` is a plan to send, not the reason the item has none. */
export function isPlanned(taken: PlannedItem | NotPlanned): taken is PlannedItem {
	return 'plan' in taken;
}

/** A planner's own failure (not an input problem) as n8n reports an operation's error. */
function asNodeError(n8n: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	if (
		error instanceof NodeOperationError ||
		error instanceof NodeApiError ||
		!(error instanceof Error)
	)
		return error;
	return new NodeOperationError(n8n.getNode(), error, { itemIndex });
}

function invalidProxy(n8n: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(n8n.getNode(), 'The proxy is not valid', {
		itemIndex,
		description:
			'Request Options → Proxy must be a URL with a host, such as http://user:password@proxy.example.com:8080',
	});
}
