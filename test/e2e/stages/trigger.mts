/**
 * The Alexa Trigger in a real n8n: the skill backend example, published, receives requests signed
 * by a test PKI whose chain a stand-in for s3.amazonaws.com serves over TLS, under Amazon's host
 * name (amazonHostsHook.mts, NODE_EXTRA_CA_CERTS). n8n's own webhook server, its execution
 * records and its queue mode are what is checked here; the engine tests cover each verification
 * check one at a time.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { n8nInstallDir } from '../../../scripts/lib/cache.mts';
import {
	API_ACCESS_TOKEN,
	intentRequest,
	launchRequest,
	LINKED_ACCOUNT_TOKEN,
	messageReceived,
	PERSON_ACCESS_TOKEN,
	skillEvent,
	USER_ACCESS_TOKEN,
} from '../../alexa-signer/requests.mts';
import {
	chainUrl,
	routeS3ToStandIn,
	startS3StandIn,
	S3_HOST,
	type S3StandIn,
} from '../../alexa-signer/s3StandIn.mts';
import { alexaHeaders, makeTestPki, type TestPki } from '../../alexa-signer/signer.mts';
import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { resetFake, SKILL_ID } from '../fixtures.mts';
import {
	execute,
	importExample,
	output,
	publishWorkflow,
	root,
	startN8n,
	userFolder,
} from '../n8n.mts';
import { freePort, stopAll, waitFor } from '../processes.mts';
import { startRedis } from '../queueMode.mts';

type Stage = (name: string, body: () => Promise<void>) => Promise<void>;

export const CHAIN_PATH = '/echo.api/echo-api-cert-e2e.pem';
export const BACKEND_WORKFLOW = 'alexaExSkillBackend';
const WEBHOOK_PATH = '/webhook/alexa-skill-backend/alexa';

export interface SignedAlexa {
	s3: S3StandIn;
	pki: TestPki;
	/** What an n8n process needs to reach the stand-in as s3.amazonaws.com over TLS. */
	n8nEnv: Record<string, string>;
}

/** The S3 stand-in with the test chain, and the environment that points an n8n at it. */
export async function signedAlexa(): Promise<SignedAlexa> {
	const s3 = await startS3StandIn();
	routeS3ToStandIn(s3);
	const pki = makeTestPki();
	s3.put(CHAIN_PATH, pki.chainPem);
	const tlsRootFile = path.join(output, 'amazon-hosts-tls-root.pem');
	fs.writeFileSync(tlsRootFile, s3.tlsRoot.pem);
	const hook = path.join(root, 'test/alexa-signer/amazonHostsHook.mts');
	return {
		s3,
		pki,
		n8nEnv: {
			NODE_EXTRA_CA_CERTS: tlsRootFile,
			NODE_OPTIONS: `--import=${hook}`,
			ALEXA_TEST_HOSTS: JSON.stringify({ [S3_HOST]: s3.address }),
		},
	};
}

/** The backend example as shipped, trusting the test root (the option a local simulator needs), published. */
export async function publishBackend(pki: TestPki): Promise<void> {
	const id = await importExample('skill-backend-whats-on-my-list', (workflow) => {
		const trigger = workflow.nodes.find(
			(node: { type: string }) => node.type === 'n8n-nodes-alexa.alexaTrigger',
		);
		trigger.parameters.options = { additionalTrustedRoot: pki.root.pem };
		// Skill events too, so that a SkillAccountLinked (with the linked account's token) runs it.
		trigger.parameters.events = [...trigger.parameters.events, 'skillAccountLinked'];
	});
	await publishWorkflow(id);
}

export async function postSigned(
	port: number,
	envelope: unknown,
	key: TestPki['signing']['privateKey'],
	tamper?: (body: string) => string,
	webhookPath = WEBHOOK_PATH,
) {
	const body = JSON.stringify(envelope);
	const answer = await fetch(`http://127.0.0.1:${port}${webhookPath}`, {
		method: 'POST',
		headers: alexaHeaders(body, key, chainUrl(CHAIN_PATH)),
		body: tamper ? tamper(body) : body,
	});
	const text = await answer.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: answer.status, json };
}

/** Executions n8n stored for a workflow (its SQLite database, read with n8n's own sqlite3). */
export async function storedExecutions(
	workflowId: string,
): Promise<Array<{ id: number; status: string; data: string }>> {
	const requireFromN8n = createRequire(path.join(n8nInstallDir, 'node_modules/n8n/package.json'));
	interface Database {
		all(
			sql: string,
			parameters: unknown[],
			done: (error: Error | null, rows: unknown[]) => void,
		): void;
		close(): void;
	}
	const sqlite3 = requireFromN8n('sqlite3') as {
		Database: new (file: string, mode: number) => Database;
		OPEN_READONLY: number;
	};
	const database = new sqlite3.Database(
		path.join(userFolder, '.n8n/database.sqlite'),
		sqlite3.OPEN_READONLY,
	);
	try {
		return await new Promise((resolve, reject) =>
			database.all(
				`SELECT e.id AS id, e.status AS status, d.data AS data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`,
				[workflowId],
				(error, rows) => (error ? reject(error) : resolve(rows as never)),
			),
		);
	} finally {
		database.close();
	}
}

/** n8n answers health checks before its webhooks are registered: wait until the trigger itself answers (400 to an unsigned request). */
export async function triggerListening(port: number, webhookPath = WEBHOOK_PATH): Promise<void> {
	await waitFor(
		'the Alexa Trigger webhook',
		async () =>
			(
				await fetch(`http://127.0.0.1:${port}${webhookPath}`, {
					method: 'POST',
					body: '{}',
					headers: { 'content-type': 'application/json' },
				}).catch(() => undefined)
			)?.status === 400,
		120_000,
	);
}

const spoken = (answer: { json: any }) => String(answer.json?.response?.outputSpeech?.text);

export async function triggerStages(
	stage: Stage,
	fake: FakeAlexa,
	log: (text: string) => void,
): Promise<void> {
	const alexa = await signedAlexa();
	try {
		await stage(
			'trigger: a published skill backend answers signed requests; forged ones get 400 and no execution',
			async () => {
				resetFake(fake);
				await publishBackend(alexa.pki);
				const port = await freePort();
				await startN8n(['start'], { ...alexa.n8nEnv, N8N_PORT: String(port) }, 'trigger-main');
				await triggerListening(port);

				const launchEnvelope = launchRequest({ skillId: SKILL_ID });
				const launch = await postSigned(port, launchEnvelope, alexa.pki.signing.privateKey);
				assert.equal(launch.status, 200, JSON.stringify(launch.json));
				assert.equal(spoken(launch), 'Welcome to your list. Ask me what is on it.');
				assert.equal(launch.json.response.shouldEndSession, false);
				const list = await postSigned(
					port,
					intentRequest('WhatsOnMyListIntent', {}, { skillId: SKILL_ID }),
					alexa.pki.signing.privateKey,
				);
				assert.equal(spoken(list), 'Your list has 3 items: milk, eggs, bread.');
				assert.equal(list.json.response.shouldEndSession, true);
				await waitFor(
					'two stored executions',
					async () => (await storedExecutions(BACKEND_WORKFLOW)).length === 2,
					30_000,
				);

				// The launch again, byte for byte: a replay within its 150 s, refused by this process.
				const replayed = await postSigned(port, launchEnvelope, alexa.pki.signing.privateKey);
				assert.equal(replayed.status, 400, JSON.stringify(replayed.json));
				assert.match(String(replayed.json.error), /already received/);

				const forger = makeTestPki({}, alexa.pki.root);
				const forged = await postSigned(
					port,
					launchRequest({ skillId: SKILL_ID }),
					forger.signing.privateKey,
				);
				assert.equal(forged.status, 400);
				assert.match(
					String(forged.json.error),
					/Signature-256 header does not match the request body/,
				);
				const tampered = await postSigned(
					port,
					launchRequest({ skillId: SKILL_ID }),
					alexa.pki.signing.privateKey,
					(body) => body.replace('LaunchRequest', 'IntentRequest'),
				);
				assert.equal(tampered.status, 400);
				const otherSkill = await postSigned(port, launchRequest(), alexa.pki.signing.privateKey);
				assert.equal(otherSkill.status, 400);
				await new Promise((resolve) => setTimeout(resolve, 1000));
				assert.equal(
					(await storedExecutions(BACKEND_WORKFLOW)).length,
					2,
					'n8n recorded no execution for the refused requests',
				);
				const mainLog = fs.readFileSync(path.join(output, 'trigger-main.log'), 'utf8');
				assert.match(
					mainLog,
					/Alexa Trigger refused a request: the Signature-256 header does not match the request body/,
				);
				assert.match(mainLog, /Alexa Trigger refused a request: the request was already received/);
				assert.equal(
					alexa.s3.fetches.get(CHAIN_PATH),
					1,
					'one certificate fetch for every request of this process',
				);
				log(
					`  trigger: 2 answers, 4 refusals (a replay among them), ${alexa.s3.fetches.get(CHAIN_PATH)} certificate fetch`,
				);

				// The loop in one n8n: Send Skill Message → (Alexa) → Messaging.MessageReceived → the trigger.
				fake.skillEndpoint = async (userId, data) => {
					const envelope = messageReceived(data, { skillId: SKILL_ID });
					envelope.context.System.user.userId = userId;
					const answer = await postSigned(port, envelope, alexa.pki.signing.privateKey);
					return { status: answer.status, body: answer.json };
				};
				const sender = await importExample('skill-message-to-own-skill');
				const sent = await execute(sender);
				assert.equal(sent.status, 0, sent.stderr + sent.stdout.slice(0, 3000));
				await waitFor(
					'the skill message delivered to the trigger',
					() => fake.skillMessageDeliveries.length === 1,
					30_000,
				);
				assert.equal(
					fake.skillMessageDeliveries[0]!.status,
					200,
					JSON.stringify(fake.skillMessageDeliveries[0]),
				);
				await waitFor(
					'the MessageReceived execution stored',
					async () => (await storedExecutions(BACKEND_WORKFLOW)).length === 3,
					30_000,
				);
				const last = (await storedExecutions(BACKEND_WORKFLOW)).at(-1)!;
				assert.equal(last.status, 'success');
				assert.ok(
					last.data.includes('Messaging.MessageReceived') && last.data.includes('coffee'),
					'the execution holds the message',
				);

				// Hostile input, in n8n's own webhook server (issue #22).
				const objectType = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						signaturecertchainurl: chainUrl(CHAIN_PATH),
						'signature-256': 'AAAA',
					},
					body: '{"request":{"type":{"toString":0}}}',
				});
				assert.equal(objectType.status, 400, await objectType.text());
				const fragmentsPath = '/echo.api/echo-api-cert-e2e-fragments.pem';
				alexa.s3.put(fragmentsPath, alexa.pki.chainPem);
				const unsignedBody = JSON.stringify(launchRequest({ skillId: SKILL_ID }));
				for (let index = 0; index < 60; index++) {
					const url = `${chainUrl(fragmentsPath)}${index % 2 ? `#${index}` : `?n=${index}`}`;
					const answer = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							signaturecertchainurl: url,
							'signature-256': 'AAAA',
						},
						body: unsignedBody,
					});
					assert.equal(answer.status, 400, await answer.text());
				}
				assert.ok(
					(alexa.s3.fetches.get(fragmentsPath) ?? 0) <= 2,
					`${alexa.s3.fetches.get(fragmentsPath)} fetches for 60 URLs that differ in fragment or query`,
				);
				await new Promise((resolve) => setTimeout(resolve, 1000));
				assert.equal(
					(await storedExecutions(BACKEND_WORKFLOW)).length,
					3,
					'n8n recorded no execution for the hostile requests',
				);

				const linked = await postSigned(
					port,
					skillEvent(
						'AlexaSkillEvent.SkillAccountLinked',
						{ accessToken: LINKED_ACCOUNT_TOKEN },
						{ skillId: SKILL_ID },
					),
					alexa.pki.signing.privateKey,
				);
				assert.equal(linked.status, 200, JSON.stringify(linked.json));
				await waitFor(
					'the SkillAccountLinked execution stored',
					async () => (await storedExecutions(BACKEND_WORKFLOW)).length === 4,
					30_000,
				);
				assert.ok(
					(await storedExecutions(BACKEND_WORKFLOW))
						.at(-1)!
						.data.includes('AlexaSkillEvent.SkillAccountLinked'),
					'the workflow ran for the skill event',
				);
				for (const execution of await storedExecutions(BACKEND_WORKFLOW)) {
					for (const secret of [
						API_ACCESS_TOKEN,
						USER_ACCESS_TOKEN,
						PERSON_ACCESS_TOKEN,
						LINKED_ACCOUNT_TOKEN,
					]) {
						assert.ok(
							!execution.data.includes(secret),
							`no request token in a stored execution (${secret.slice(0, 12)}…)`,
						);
					}
				}
				log(
					`  trigger: an object type refused, 60 fragment/query URLs gave ${alexa.s3.fetches.get(fragmentsPath)} fetch(es), SkillAccountLinked stored without its token`,
				);
				await stopAll();
			},
		);

		await stage(
			'trigger: in queue mode a worker runs the backend and main answers Alexa',
			async () => {
				resetFake(fake);
				const redisPort = await startRedis('trigger-redis');
				const port = await freePort();
				const queue = {
					...alexa.n8nEnv,
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(redisPort),
					N8N_PORT: String(port),
					QUEUE_HEALTH_CHECK_ACTIVE: 'false',
				};
				await startN8n(['start'], queue, 'trigger-queue-main');
				await triggerListening(port);
				await startN8n(
					['worker', '--concurrency=5'],
					{ ...queue, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
					'trigger-queue-worker',
				);
				await waitFor(
					'worker ready',
					() =>
						fs
							.readFileSync(path.join(output, 'trigger-queue-worker.log'), 'utf8')
							.includes('n8n worker is now ready'),
					120_000,
				);
				const answer = await postSigned(
					port,
					intentRequest('WhatsOnMyListIntent', {}, { skillId: SKILL_ID }),
					alexa.pki.signing.privateKey,
				);
				assert.equal(answer.status, 200, JSON.stringify(answer.json));
				assert.equal(spoken(answer), 'Your list has 3 items: milk, eggs, bread.');
				const workerLog = fs.readFileSync(path.join(output, 'trigger-queue-worker.log'), 'utf8');
				assert.match(workerLog, /Worker started execution/);
				const forged = await postSigned(
					port,
					launchRequest({ skillId: SKILL_ID }),
					makeTestPki().signing.privateKey,
				);
				assert.equal(forged.status, 400);
				await stopAll();
			},
		);
	} finally {
		await alexa.s3.close();
	}
}
