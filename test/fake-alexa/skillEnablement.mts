/**
 * Skill Enablement, as its REST API reference documents it: the developer's stage enablement
 * on api.amazonalexa.com, a customer's enablement on the customer's own host (400
 * `incorrectEndpoint` elsewhere), and Get API Endpoint. Error bodies are `{message, code}`.
 * Enabling one stage disables the other.
 */
import type { Answer, FakeAlexa, RecordedRequest } from './server.mts';

export const GLOBAL_HOST = 'api.amazonalexa.com';
export const CUSTOMER_HOSTS = [
	'api.amazonalexa.com',
	'api.eu.amazonalexa.com',
	'api.fe.amazon.com',
];
const STAGES = ['development', 'live'];
const STATUS_VALUES = [
	'ENABLED',
	'ENABLING',
	'ENABLING_FAILED',
	'DISABLED',
	'DISABLING',
	'DISABLING_FAILED',
	'NO_ASSOCIATION',
];

export interface CustomerEnablement {
	stage: string;
	status: string;
	accountLinkStatus: 'LINKED' | 'NOT_LINKED';
}

function error(status: number, message: string, code: string): Answer {
	return { status, body: { message, code } };
}

/**
 * Every 404, for an unknown skill and for a stage or customer with nothing enabled alike: the
 * reference documents one message for all of them and names no code (`notFound` stands in).
 */
function notFound(): Answer {
	return error(404, 'Requested skill or skill stage not found.', 'notFound');
}

const STAGE_PATH = /^\/v1\/skills\/([^/]+)\/stages\/([^/]+)\/enablement$/;
const CUSTOMER_PATH = /^\/v1\/users\/~current\/skills\/([^/]+)\/enablement$/;

export function handleSkillEnablement(
	fake: FakeAlexa,
	request: RecordedRequest,
): Answer | undefined {
	const stagePath = STAGE_PATH.exec(request.path);
	const customerPath = CUSTOMER_PATH.exec(request.path);
	const apiEndpoint = request.path === '/v1/alexaApiEndpoint';
	if (!stagePath && !customerPath && !apiEndpoint) return undefined;

	const bearer = fake.checkBearer(request);
	if (bearer.problem)
		return error(401, 'The access token is missing, expired or not valid.', 'unauthorized');
	if (bearer.token!.grant === 'client_credentials')
		return error(403, 'This token may not use Skill Enablement.', 'forbidden');
	const token = bearer.value!;

	if (apiEndpoint) {
		if (request.method !== 'GET') return error(405, 'Method not allowed', 'methodNotAllowed');
		if (request.host !== GLOBAL_HOST)
			return error(400, 'Incorrect endpoint for customer.', 'incorrectEndpoint');
		return { status: 200, body: { endpoints: fake.apiEndpointsFor(token) } };
	}

	if (stagePath) {
		const skillId = decodeURIComponent(stagePath[1]);
		const stage = decodeURIComponent(stagePath[2]);
		if (request.host !== GLOBAL_HOST)
			return error(400, 'Incorrect endpoint for developer.', 'incorrectEndpoint');
		if (skillId.length < 1 || skillId.length > 255)
			return error(400, 'skillId must be 1 to 255 characters.', 'invalidSkillId');
		if (!STAGES.includes(stage))
			return error(400, 'stage must be development or live.', 'invalidStage');
		if (!fake.skills.has(skillId)) return notFound();
		const enabled = fake.developerStages.get(skillId);
		if (request.method === 'PUT') {
			// Enabling one stage disables the other.
			fake.developerStages.set(skillId, stage);
			return { status: 204 };
		}
		if (request.method === 'DELETE') {
			if (enabled !== stage) return notFound();
			fake.developerStages.delete(skillId);
			return { status: 204 };
		}
		if (request.method === 'GET') {
			return enabled === stage ? { status: 204 } : notFound();
		}
		return error(405, 'Method not allowed', 'methodNotAllowed');
	}

	const skillId = decodeURIComponent(customerPath![1]);
	if (request.host !== fake.customerHost(token))
		return error(400, 'Incorrect endpoint for customer.', 'incorrectEndpoint');
	if (!fake.skills.has(skillId)) return notFound();
	const enablements = fake.customerEnablements(token);
	if (request.method === 'POST') {
		const body = request.json as Record<string, any> | undefined;
		const link = body?.accountLinkRequest;
		if (!body || !STAGES.includes(body.stage))
			return error(400, 'stage must be development or live.', 'invalidStage');
		if (
			!link ||
			link.type !== 'AUTH_CODE' ||
			typeof link.authCode !== 'string' ||
			link.authCode === ''
		) {
			return error(
				400,
				'accountLinkRequest with type AUTH_CODE and an authCode is required.',
				'invalidAccountLinkRequest',
			);
		}
		if (typeof link.redirectUri !== 'string' || !link.redirectUri.startsWith('https://')) {
			return error(400, 'redirectUri must be an https URL.', 'invalidRedirectUri');
		}
		if (link.codeVerifier !== undefined && !/^[A-Za-z0-9\-._~]{43,128}$/.test(link.codeVerifier)) {
			return error(400, 'codeVerifier must be 43 to 128 characters.', 'invalidCodeVerifier');
		}
		if (!STATUS_VALUES.includes(fake.linkOutcome.status))
			throw new Error(`bad fake status ${fake.linkOutcome.status}`);
		enablements.set(skillId, { stage: body.stage, ...fake.linkOutcome });
		return { status: 201, body: customerStatusBody(skillId, token, enablements.get(skillId)!) };
	}
	const enablement = enablements.get(skillId);
	if (request.method === 'DELETE') {
		if (!enablement) return notFound();
		enablements.delete(skillId);
		return { status: 200 };
	}
	if (request.method === 'GET') {
		if (!enablement) return notFound();
		if (!STATUS_VALUES.includes(enablement.status))
			throw new Error(`bad fake status ${enablement.status}`);
		return { status: 200, body: customerStatusBody(skillId, token, enablement) };
	}
	return error(405, 'Method not allowed', 'methodNotAllowed');
}

function customerStatusBody(skillId: string, token: string, enablement: CustomerEnablement) {
	return {
		skill: { id: skillId, stage: enablement.stage },
		user: { id: `amzn1.ask.account.${token.slice(5, 17)}` },
		accountLink: { status: enablement.accountLinkStatus },
		status: enablement.status,
	};
}
