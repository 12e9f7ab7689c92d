/**
 * A local stand-in for Login with Amazon and the Alexa APIs, as Amazon documents them
 * (see README.md beside this file): the same paths, header checks, body validation, status
 * codes and error bodies. It records every request and can inject faults.
 *
 * It listens on 127.0.0.1 on an ephemeral port. Nothing here is shipped.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';

import { issueCertificate } from '../alexa-signer/certificates.mts';
import { routeHosts } from '../alexa-signer/routeHosts.mts';
import { randomLoopbackAddress } from '../alexa-signer/s3StandIn.mts';

import {
	DEFAULT_DEVICE_ID,
	DEFAULT_USER_ID,
	newAlexaDevice,
	newAlexaUser,
	type AlexaUser,
} from './alexaUsers.mts';
import { handleCustomerSettings, isCustomerSettingsPath } from './customerSettings.mts';
import { gatewayError, handleEventGateway } from './eventGateway.mts';
import { handleLwa } from './lwa.mts';
import { handleProactiveEvents, type RecordedNotification } from './proactiveEvents.mts';
import {
	handleProgressiveResponse,
	isOutOfSession,
	newSkillRequest,
	type RecordedProgressiveResponse,
	type SkillRequest,
} from './progressiveResponse.mts';
import {
	CUSTOMER_HOSTS,
	GLOBAL_HOST,
	handleSkillEnablement,
	type CustomerEnablement,
} from './skillEnablement.mts';
import { handleReminders } from './reminders.mts';
import { handleSkillMessaging } from './skillMessaging.mts';

export interface RecordedRequest {
	method: string;
	/** The path without the host prefix (see `host`). */
	path: string;
	/**
	 * The Alexa host the request was meant for. A Custom-region credential whose API Base URL is
	 * `${fake.url}/{host}` puts the host name first in the path; without one it is the NA host.
	 * Over TLS (`serveAmazonHosts`) it is the host the request named (its Host header).
	 */
	host: string;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** The body parsed as JSON, when it was JSON. */
	json?: unknown;
	/** The body parsed as a form, when it was a form. */
	form?: Record<string, string>;
	/**
	 * The status the fake answered; 'dropped' when it cut the connection; 'abandoned' when the
	 * client had gone (timed out) before the answer, so the client never saw it.
	 */
	status?: number | 'dropped' | 'abandoned';
	/** The body the fake answered with, for the playground's log of what was sent to Alexa. */
	answerBody?: unknown;
	answeredAt?: number;
	receivedAt: number;
}

/** One injected answer: consumed by the next request whose path matches. */
export interface InjectedFault {
	status?: number;
	/** Sent as the Retry-After header, verbatim. */
	retryAfter?: string;
	body?: unknown;
	/** For the Event Gateway: answer with this documented error code, its status and body. */
	code?: string;
	/** Only requests meant for this Alexa host. */
	host?: string;
	/** Cut the connection without answering. */
	drop?: boolean;
	/** Handle the request (Alexa acts on it), then cut the connection: an answer lost on the way back. */
	dropAfterHandling?: boolean;
	/** Wait this long before answering (or dropping). */
	delayMs?: number;
	/** Never answer: wait until the client gives up (its timeout) and closes the connection. */
	hang?: boolean;
}

export interface Answer {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

const LINKED: Omit<CustomerEnablement, 'stage'> = {
	status: 'ENABLED',
	accountLinkStatus: 'LINKED',
};

export interface LwaClient {
	clientSecret: string;
	/** Refresh tokens this client may use (customer or developer tokens). */
	refreshTokens: Set<string>;
	/** Allowed client-credentials scopes. */
	scopes: Set<string>;
}

export interface IssuedToken {
	clientId: string;
	grant: 'client_credentials' | 'refresh_token' | 'authorization_code';
	scope?: string;
	/** The customer (their refresh token) an access token acts for. */
	account?: string;
	expiresAt: number;
}

/**
 * What the authorization request that produced a code carried, and the code exchange must
 * match (RFC 6749 §4.1.3, RFC 7636 §4.6): its redirect_uri, and its PKCE code_challenge with
 * the method (`plain` when the request named none, as RFC 7636 §4.3 says).
 */
export interface GrantCodeOptions {
	redirectUri?: string;
	codeChallenge?: string;
	codeChallengeMethod?: 'S256' | 'plain';
}

export interface GrantCode extends GrantCodeOptions {
	clientId: string;
	issuedAt: number;
	used: boolean;
}

export interface FakeAlexaOptions {
	/** Seconds a new access token lives (LWA issues 3600). */
	tokenLifetimeSeconds?: number;
	/** Fixed delay before every answer, in milliseconds. */
	latencyMs?: number;
	/** The port to listen on (127.0.0.1); a free one when not given. The playground keeps one. */
	port?: number;
}

export class FakeAlexa {
	readonly requests: RecordedRequest[] = [];
	/** Requests on a path `route()` does not know: a test that makes one fails (see route()). */
	readonly unrouted: string[] = [];
	readonly clients = new Map<string, LwaClient>();
	readonly tokens = new Map<string, IssuedToken>();
	/** Authorization codes LWA will exchange once, within five minutes of being issued. */
	readonly grantCodes = new Map<string, GrantCode>();
	/** Event Gateway account states by access token: the error code every event with it gets. */
	readonly eventAccountErrors = new Map<string, string>();
	/** Skills that exist, for Skill Enablement. */
	readonly skills = new Set<string>();
	/** The developer's enabled stage per skill. */
	readonly developerStages = new Map<string, string>();
	/** Per customer access token: the host of their region, their enablements, their Get API Endpoint answer. */
	readonly customers = new Map<
		string,
		{ host: string; enablements: Map<string, CustomerEnablement>; endpoints?: string[] }
	>();
	/**
	 * What Enable Skill and Link Account answers (in its 201) and stores: ENABLED and LINKED unless
	 * a test wants one of the other documented states, such as ENABLING or ENABLING_FAILED.
	 */
	linkOutcome: Omit<CustomerEnablement, 'stage'> = { ...LINKED };
	/**
	 * Where Alexa delivers an accepted skill message, as a Messaging.MessageReceived request to
	 * the skill ("Send a Message Request to a Skill": Alexa queues the message, then sends it to
	 * the skill). A stage that has a skill endpoint sets it; each delivery's answer is kept.
	 */
	skillEndpoint?: (
		userId: string,
		data: Record<string, string>,
	) => Promise<{ status: number; body: unknown }>;
	readonly skillMessageDeliveries: Array<{
		userId: string;
		data: Record<string, string>;
		status: number;
		body: unknown;
	}> = [];
	/** Skill Messaging users that no longer exist (they re-enabled the skill, for example). */
	readonly unknownUsers = new Set<string>();
	/** Proactive Events: every accepted notification, and whom it would show for. */
	readonly notifications: RecordedNotification[] = [];
	/** Proactive Events: stage, audience and referenceId already accepted (a repeat is 409). */
	readonly notificationReferences = new Set<string>();
	/** Proactive Events: the users who allowed the skill's notifications in the Alexa app. */
	readonly notificationSubscribers = new Set<string>();
	/** Proactive Events: the events the skill manifest publishes; undefined means any. */
	declaredEvents?: Set<string>;
	/** Proactive Events: how many live notifications the skill may send before 432. */
	liveNotificationLimit?: number;
	/** Progressive responses: the requests Alexa sent the skill, by their apiAccessToken (`openSkillRequest`). */
	readonly skillRequests = new Map<string, SkillRequest>();
	/** Progressive responses Alexa accepted, in the order received. */
	readonly progressiveResponses: RecordedProgressiveResponse[] = [];
	/** The in-session APIs' users: permissions, profile, devices, reminders (alexaUsers.mts). */
	readonly alexaUsers = new Map<string, AlexaUser>();
	/** Every reminder created, in order, with its user and the request it was made with. */
	readonly reminderLog: Array<Record<string, unknown>> = [];
	/** How Skill Messaging answers a token it knows but that has expired: 401, or 403 as its guide says. */
	expiredTokenStatus: 401 | 403 = 401;
	/** When set, LWA refuses every grant with this OAuth2 error. */
	lwaRefusal?: { status: number; error: string; description: string };
	/** When true, a refresh_token grant hands out a new refresh token and retires the old one. */
	rotateRefreshTokens = false;
	tokenLifetimeSeconds: number;
	latencyMs: number;
	/** The port start() listens on; 0 for a free one. */
	private readonly port: number;

	private readonly faults: Array<{ pattern: RegExp; fault: InjectedFault }> = [];
	private server?: http.Server;
	private tlsServer?: https.Server;
	private readonly sockets = new Set<import('node:net').Socket>();
	/** Called with each request as it is recorded, before it is answered (to change state mid-run). */
	onRequest?: (request: RecordedRequest) => void;
	/**
	 * A token bucket in front of the Alexa APIs: `perSecond` requests a second, `burst` at once;
	 * beyond that, 429 with `Retry-After: 1` (the gateway's THROTTLING_EXCEPTION for events).
	 * With `clientId`, only requests whose bearer token that LWA client issued count and are
	 * limited (a skill's own limit); others pass.
	 */
	rateLimit?: { perSecond: number; burst: number; clientId?: string };
	private bucket = { tokens: 0, at: 0 };
	/** The time the rate limit counts in: the real clock, or a test's injected one. */
	now: () => number = () => Date.now();
	/** Decides a fault for each request no queued fault matched: for storms and random failures. */
	faultRule?: (request: RecordedRequest) => InjectedFault | undefined;
	inFlight = 0;
	peakInFlight = 0;
	/** Requests to the Alexa APIs (not LWA) open at once, and the most there were. */
	apiInFlight = 0;
	peakApiInFlight = 0;
	url = '';

	constructor(options: FakeAlexaOptions = {}) {
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
		this.latencyMs = options.latencyMs ?? 0;
		this.port = options.port ?? 0;
	}

	get tokenUrl(): string {
		return `${this.url}/auth/o2/token`;
	}

	async start(): Promise<this> {
		this.server = http.createServer((request, response) => {
			void this.handle(request, response);
		});
		this.server.keepAliveTimeout = 1000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(this.port, '127.0.0.1', resolve);
		});
		const { port } = this.server.address() as AddressInfo;
		this.url = `http://127.0.0.1:${port}`;
		return this;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
		await new Promise<void>((resolve) => this.tlsServer?.close(() => resolve()) ?? resolve());
	}

	/**
	 * Serves the fake over TLS on port 443 of a loopback address of its own too, under the Alexa API
	 * host names, which resolve there in this process (as a hosts-file entry would); its TLS root is
	 * added to this process's trusted CAs. For requests that go to Amazon's own hosts, with no
	 * Custom-region credential to point them here: a progressive response goes to the apiEndpoint
	 * Alexa sent, and the node refuses any other host. A real n8n is pointed at it the same way
	 * from outside (test/alexa-signer/amazonHostsHook.mts).
	 */
	async serveAmazonHosts(): Promise<{ address: string; tlsRootPem: string }> {
		if (this.amazonHosts) return this.amazonHosts;
		const tlsRoot = issueCertificate({
			commonName: 'Test TLS Root for the fake Alexa',
			isCertificateAuthority: true,
		});
		const certificate = issueCertificate({
			commonName: AMAZON_API_HOSTS[0]!,
			issuer: tlsRoot,
			dnsNames: AMAZON_API_HOSTS,
		});
		this.tlsServer = https.createServer(
			{
				key: certificate.privateKey.export({ type: 'pkcs8', format: 'pem' }),
				cert: certificate.pem + tlsRoot.pem,
			},
			(request, response) => {
				const host = String(request.headers.host ?? '')
					.replace(/:\d+$/, '')
					.toLowerCase();
				void this.handle(request, response, host);
			},
		);
		this.tlsServer.keepAliveTimeout = 1000;
		this.tlsServer.on('secureConnection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		const address = randomLoopbackAddress();
		await new Promise<void>((resolve, reject) => {
			this.tlsServer!.once('error', reject);
			this.tlsServer!.listen(443, address, () => resolve());
		});
		routeHosts(Object.fromEntries(AMAZON_API_HOSTS.map((host) => [host, address])));
		tls.setDefaultCACertificates([...tls.getCACertificates('default'), tlsRoot.pem]);
		this.amazonHosts = { address, tlsRootPem: tlsRoot.pem };
		return this.amazonHosts;
	}

	/** Where `serveAmazonHosts` listens, and its TLS root: what a real n8n needs to reach it (amazonHostsHook.mts). */
	amazonHosts?: { address: string; tlsRootPem: string };

	/**
	 * A request Alexa sends the skill (an IntentRequest unless said otherwise), on `host`, from
	 * `userId` on `deviceId` (none for a skill message or skill event), in `locale`: what its
	 * envelope carries for the in-session APIs, as the Alexa Trigger's item gives it with Include
	 * Access Tokens on. `grants`: permission scopes the user has granted the skill (added to theirs).
	 */
	openSkillRequest(
		options: {
			requestType?: string;
			host?: string;
			userId?: string;
			deviceId?: string;
			locale?: string;
			grants?: string[];
		} = {},
	): {
		requestId: string;
		requestType: string;
		apiEndpoint: string;
		apiAccessToken: string;
		userId: string;
		deviceId?: string;
		locale: string;
	} {
		const requestType = options.requestType ?? 'IntentRequest';
		const userId = options.userId ?? DEFAULT_USER_ID;
		const deviceId = isOutOfSession(requestType)
			? undefined
			: (options.deviceId ?? DEFAULT_DEVICE_ID);
		const user = this.alexaUser(userId);
		for (const scope of options.grants ?? []) user.permissions.add(scope);
		if (deviceId !== undefined && !user.devices.has(deviceId))
			user.devices.set(deviceId, newAlexaDevice(deviceId));
		const locale = options.locale ?? 'en-US';
		const request = newSkillRequest({
			requestType,
			host: options.host ?? GLOBAL_HOST,
			userId,
			deviceId,
			locale,
		});
		this.skillRequests.set(request.apiAccessToken, request);
		return {
			requestId: request.requestId,
			requestType,
			apiEndpoint: `https://${request.host}`,
			apiAccessToken: request.apiAccessToken,
			userId,
			...(deviceId === undefined ? {} : { deviceId }),
			locale,
		};
	}

	/** The user behind in-session requests (created with the fake's defaults when new). */
	alexaUser(userId: string = DEFAULT_USER_ID): AlexaUser {
		let user = this.alexaUsers.get(userId);
		if (!user) {
			user = newAlexaUser(userId);
			this.alexaUsers.set(userId, user);
		}
		return user;
	}

	/** The request to the skill whose apiAccessToken is this request's bearer token, if any. */
	skillRequestOf(request: RecordedRequest): SkillRequest | undefined {
		const header = request.headers.authorization;
		const bearer = typeof header === 'string' ? /^Bearer (.+)$/.exec(header)?.[1] : undefined;
		return bearer === undefined ? undefined : this.skillRequests.get(bearer);
	}

	/** The skill answered this request: Alexa takes no more progressive responses for it. */
	answerSkillRequest(requestId: string): void {
		for (const request of this.skillRequests.values())
			if (request.requestId === requestId) request.answered = true;
	}

	/** Registers an LWA client (a skill's security profile). */
	addClient(
		clientId: string,
		clientSecret: string,
		options: { scopes?: string[]; refreshTokens?: string[] } = {},
	) {
		this.clients.set(clientId, {
			clientSecret,
			scopes: new Set(options.scopes ?? ['alexa:skill_messaging']),
			refreshTokens: new Set(options.refreshTokens ?? []),
		});
	}

	/** The next requests whose path matches `path` get these answers, in order. */
	inject(path: string | RegExp, ...faults: InjectedFault[]): void {
		for (const fault of faults)
			if (fault.code !== undefined) gatewayError(fault.code, 'checked when injected');
		const pattern = typeof path === 'string' ? new RegExp(`^${escapeRegExp(path)}`) : path;
		for (const fault of faults) this.faults.push({ pattern, fault });
	}

	/**
	 * An authorization code for this client: as Alexa puts one in an AcceptGrant directive (no
	 * options), or as LWA's authorization server hands one to an app in app-to-app account
	 * linking, after an authorization request with a redirect URI and perhaps a PKCE challenge.
	 */
	issueGrantCode(clientId: string, options: GrantCodeOptions = {}): string {
		const code = `ANTeG${randomUUID().replace(/-/g, '')}`;
		const codeChallengeMethod =
			options.codeChallenge === undefined ? undefined : (options.codeChallengeMethod ?? 'plain');
		this.grantCodes.set(code, {
			...options,
			codeChallengeMethod,
			clientId,
			issuedAt: Date.now(),
			used: false,
		});
		return code;
	}

	/** Customers are known by their refresh token; their access tokens act for them. */
	private customer(accessToken: string) {
		const account = this.tokens.get(accessToken)?.account ?? accessToken;
		let customer = this.customers.get(account);
		if (!customer) {
			customer = { host: GLOBAL_HOST, enablements: new Map() };
			this.customers.set(account, customer);
		}
		return customer;
	}

	/** Puts the customer with this refresh token in a region (its Skill Enablement host). */
	setCustomerHost(refreshToken: string, host: string, endpoints?: string[]): void {
		const customer = this.customer(refreshToken);
		customer.host = host;
		customer.endpoints = endpoints;
	}

	customerHost(token: string): string {
		return this.customer(token).host;
	}

	customerEnablements(token: string): Map<string, CustomerEnablement> {
		return this.customer(token).enablements;
	}

	apiEndpointsFor(token: string): string[] {
		const customer = this.customer(token);
		return customer.endpoints ?? [customer.host];
	}

	eventAccountError(token: string): string | undefined {
		return this.eventAccountErrors.get(token);
	}

	/** Every event and its parsed body, in the order received. */
	events(): Array<{ request: RecordedRequest; message: Record<string, any> }> {
		return this.requestsTo('/v3/events').map((request) => ({
			request,
			message: request.json as Record<string, any>,
		}));
	}

	/** Every token issued so far is now expired (as if an hour had passed on Amazon's side). */
	expireAllTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	requestsTo(pathPrefix: string): RecordedRequest[] {
		return this.requests.filter((request) => request.path.startsWith(pathPrefix));
	}

	reset(): void {
		this.requests.length = 0;
		this.unrouted.length = 0;
		this.clients.clear();
		this.tokens.clear();
		this.faults.length = 0;
		this.unknownUsers.clear();
		this.grantCodes.clear();
		this.skills.clear();
		this.developerStages.clear();
		this.customers.clear();
		this.linkOutcome = { ...LINKED };
		this.eventAccountErrors.clear();
		this.notifications.length = 0;
		this.notificationReferences.clear();
		this.notificationSubscribers.clear();
		this.declaredEvents = undefined;
		this.liveNotificationLimit = undefined;
		this.lwaRefusal = undefined;
		this.rotateRefreshTokens = false;
		this.expiredTokenStatus = 401;
		this.peakInFlight = 0;
		this.peakApiInFlight = 0;
		this.onRequest = undefined;
		this.faultRule = undefined;
		this.rateLimit = undefined;
		this.bucket = { tokens: 0, at: 0 };
		this.now = () => Date.now();
		this.latencyMs = 0;
		this.skillEndpoint = undefined;
		this.skillMessageDeliveries.length = 0;
		this.skillRequests.clear();
		this.progressiveResponses.length = 0;
		this.alexaUsers.clear();
		this.reminderLog.length = 0;
	}

	/** Checks a bearer token: the issued token, or why it is not acceptable. */
	checkBearer(request: RecordedRequest): {
		token?: IssuedToken;
		value?: string;
		problem?: 'missing' | 'unknown' | 'expired';
	} {
		const header = request.headers.authorization;
		const match = typeof header === 'string' ? /^Bearer (.+)$/.exec(header) : null;
		if (!match) return { problem: 'missing' };
		const token = this.tokens.get(match[1]);
		if (!token) return { problem: 'unknown', value: match[1] };
		if (token.expiresAt <= Date.now()) return { problem: 'expired', token, value: match[1] };
		return { token, value: match[1] };
	}

	issueToken(
		prefix: string,
		token: Omit<IssuedToken, 'expiresAt'>,
	): { value: string; expiresIn: number } {
		const value = `${prefix}${randomUUID().replace(/-/g, '')}`;
		this.tokens.set(value, { ...token, expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000 });
		return { value, expiresIn: this.tokenLifetimeSeconds };
	}

	private takeFault(path: string, host: string): InjectedFault | undefined {
		const index = this.faults.findIndex(
			({ pattern, fault }) =>
				pattern.test(path) && (fault.host === undefined || fault.host === host),
		);
		if (index === -1) return undefined;
		return this.faults.splice(index, 1)[0].fault;
	}

	/** `tlsHost`: the host a request over TLS named; over plain HTTP the path may name one. */
	private async handle(
		request: http.IncomingMessage,
		response: http.ServerResponse,
		tlsHost?: string,
	): Promise<void> {
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		try {
			const rawBody = await readBody(request);
			const url = new URL(request.url ?? '/', 'http://fake');
			const [, first, ...rest] = url.pathname.split('/');
			const hostPrefixed =
				tlsHost === undefined && /^api(\.[a-z]+)*\.amazon(alexa)?\.com$/.test(first ?? '');
			const recorded: RecordedRequest = {
				method: request.method ?? 'GET',
				path: hostPrefixed ? `/${rest.join('/')}` : url.pathname,
				host: tlsHost ?? (hostPrefixed ? first : GLOBAL_HOST),
				headers: request.headers,
				rawBody,
				receivedAt: Date.now(),
			};
			const contentType = String(request.headers['content-type'] ?? '');
			if (contentType.startsWith('application/json')) {
				try {
					recorded.json = JSON.parse(rawBody);
				} catch {
					// Left undefined: the handler answers 400 for a malformed body.
				}
			} else if (contentType.startsWith('application/x-www-form-urlencoded')) {
				recorded.form = Object.fromEntries(new URLSearchParams(rawBody));
			}
			this.requests.push(recorded);
			this.onRequest?.(recorded);
			const api = recorded.path !== '/auth/o2/token';
			if (api) {
				this.apiInFlight++;
				this.peakApiInFlight = Math.max(this.peakApiInFlight, this.apiInFlight);
			}
			try {
				await this.answer(request, response, recorded);
			} finally {
				if (api) this.apiInFlight--;
			}
		} finally {
			this.inFlight--;
		}
	}

	private throttle(request: RecordedRequest): InjectedFault | undefined {
		if (!this.rateLimit || request.path === '/auth/o2/token') return undefined;
		if (
			this.rateLimit.clientId !== undefined &&
			this.checkBearer(request).token?.clientId !== this.rateLimit.clientId
		)
			return undefined;
		const now = this.now();
		const { perSecond, burst } = this.rateLimit;
		if (this.bucket.at === 0) this.bucket = { tokens: burst, at: now };
		this.bucket.tokens = Math.min(
			burst,
			this.bucket.tokens + ((now - this.bucket.at) / 1000) * perSecond,
		);
		this.bucket.at = now;
		if (this.bucket.tokens >= 1) {
			this.bucket.tokens -= 1;
			return undefined;
		}
		return request.path === '/v3/events'
			? { code: 'THROTTLING_EXCEPTION', retryAfter: '1' }
			: { status: 429, retryAfter: '1' };
	}

	private async answer(
		request: http.IncomingMessage,
		response: http.ServerResponse,
		recorded: RecordedRequest,
	): Promise<void> {
		const fault =
			this.takeFault(recorded.path, recorded.host) ??
			this.faultRule?.(recorded) ??
			this.throttle(recorded);
		const delay = (fault?.delayMs ?? 0) + this.latencyMs;
		if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
		if (fault?.hang && !request.socket.destroyed)
			await new Promise((resolve) => request.socket.once('close', resolve));
		if (fault?.drop || fault?.dropAfterHandling) {
			if (fault.dropAfterHandling) this.route(recorded);
			recorded.status = 'dropped';
			request.socket.destroy();
			return;
		}
		if (request.socket.destroyed) {
			recorded.status = 'abandoned';
			return;
		}
		const answer = fault?.code
			? gatewayError(fault.code, `Injected ${fault.code}`, fault.retryAfter, fault.status)
			: fault?.status
				? faultAnswer(recorded, fault)
				: this.route(recorded);
		recorded.status = answer.status;
		recorded.answerBody = answer.body;
		recorded.answeredAt = Date.now();
		send(response, answer);
	}

	private route(request: RecordedRequest): Answer {
		if (request.path === '/auth/o2/token') return handleLwa(this, request);
		const api = apiOfPath(request.path);
		if (api && !API_HOSTS[api].includes(request.host)) {
			// Amazon documents no answer for an API asked on a host that does not serve it; the
			// fake refuses it with a plain 404 (its README says so).
			return {
				status: 404,
				body: {
					message: `${request.host} does not serve ${api} (${request.method} ${request.path})`,
				},
			};
		}
		if (request.path.startsWith('/v1/skillmessages/users/'))
			return handleSkillMessaging(this, request);
		if (request.path === '/v3/events') return handleEventGateway(this, request);
		if (request.path.startsWith('/v1/proactiveEvents')) return handleProactiveEvents(this, request);
		if (request.path === '/v1/directives') return handleProgressiveResponse(this, request);
		if (request.path.startsWith('/v1/alerts/reminders')) return handleReminders(this, request);
		if (isCustomerSettingsPath(request.path)) return handleCustomerSettings(this, request);
		const enablement = handleSkillEnablement(this, request);
		if (enablement) return enablement;
		// A path the fake was never taught. Amazon would answer some 404, and the node would report
		// it through the API's catalogue (for Skill Messaging, as an unknown user ID), which hides
		// the real cause: so the test that made it fails too (useFakeAlexa in test/harness/fixtures.mts).
		this.unrouted.push(`${request.method} ${request.host}${request.path}`);
		return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
	}
}

/**
 * Which hosts serve which API, from Amazon's pages: Skill Messaging API reference (Far East is
 * api.fe.amazon.com), "Send Events to the Event Gateway" (api.fe.amazonalexa.com), Skill
 * Enablement API reference (developer stage enablement and Get API Endpoint on
 * api.amazonalexa.com only; a customer's enablement on the three customer hosts), Proactive
 * Events REST API reference (api.fe.amazonalexa.com in the Far East), Progressive Response REST
 * API reference (api.fe.amazon.com in the Far East; older pages name api.fe.amazonalexa.com).
 */
/**
 * The apiEndpoint hosts of Alexa's requests, which the in-session APIs are called on: their
 * references name api.amazonalexa.com, api.eu.amazonalexa.com and api.fe.amazon.com; older pages
 * (and the Alexa Settings API's) api.fe.amazonalexa.com for the Far East.
 */
const HOSTS_OF_ALEXA_REQUESTS = [
	'api.amazonalexa.com',
	'api.eu.amazonalexa.com',
	'api.fe.amazon.com',
	'api.fe.amazonalexa.com',
];

const API_HOSTS: Record<string, string[]> = {
	'Skill Messaging': ['api.amazonalexa.com', 'api.eu.amazonalexa.com', 'api.fe.amazon.com'],
	'the Event Gateway': ['api.amazonalexa.com', 'api.eu.amazonalexa.com', 'api.fe.amazonalexa.com'],
	'Skill Enablement for the developer': [GLOBAL_HOST],
	'Get API Endpoint': [GLOBAL_HOST],
	'Skill Enablement for a customer': CUSTOMER_HOSTS,
	'Proactive Events': ['api.amazonalexa.com', 'api.eu.amazonalexa.com', 'api.fe.amazonalexa.com'],
	'the Progressive Response API': HOSTS_OF_ALEXA_REQUESTS,
	'the Reminders API': HOSTS_OF_ALEXA_REQUESTS,
	'the Alexa Settings API': HOSTS_OF_ALEXA_REQUESTS,
	'the Customer Profile API': HOSTS_OF_ALEXA_REQUESTS,
	'the Device Address API': HOSTS_OF_ALEXA_REQUESTS,
};

/** Every Alexa API host the fake plays, for its TLS certificate (`serveAmazonHosts`). */
export const AMAZON_API_HOSTS = [...new Set(Object.values(API_HOSTS).flat())];

function apiOfPath(path: string): string | undefined {
	if (path.startsWith('/v1/skillmessages/')) return 'Skill Messaging';
	if (path === '/v3/events') return 'the Event Gateway';
	if (/^\/v1\/skills\/[^/]+\/stages\//.test(path)) return 'Skill Enablement for the developer';
	if (path === '/v1/alexaApiEndpoint') return 'Get API Endpoint';
	if (path.startsWith('/v1/users/~current/')) return 'Skill Enablement for a customer';
	if (path.startsWith('/v1/proactiveEvents')) return 'Proactive Events';
	if (path === '/v1/directives') return 'the Progressive Response API';
	if (path.startsWith('/v1/alerts/reminders')) return 'the Reminders API';
	if (/^\/v2\/devices\/[^/]+\/settings\//.test(path)) return 'the Alexa Settings API';
	if (path.startsWith('/v2/accounts/~current/settings/')) return 'the Customer Profile API';
	if (/^\/v1\/devices\/[^/]+\/settings\/address/.test(path)) return 'the Device Address API';
	return undefined;
}

/** The error body each API documents for an injected status. */
function faultAnswer(request: RecordedRequest, fault: InjectedFault): Answer {
	const headers: Record<string, string> = { 'X-Amzn-RequestID': randomUUID() };
	if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
	const body = fault.body ?? { message: `Injected ${fault.status} for ${request.path}` };
	return { status: fault.status!, headers, body };
}

function send(response: http.ServerResponse, answer: Answer): void {
	const headers: Record<string, string> = { ...answer.headers };
	let payload = '';
	if (answer.body !== undefined) {
		payload = JSON.stringify(answer.body);
		headers['Content-Type'] = 'application/json';
	}
	response.writeHead(answer.status, headers);
	response.end(payload);
}

async function readBody(request: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export { CUSTOMER_HOSTS, GLOBAL_HOST };

export async function startFakeAlexa(options?: FakeAlexaOptions): Promise<FakeAlexa> {
	return await new FakeAlexa(options).start();
}
