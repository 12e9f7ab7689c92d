/**
 * The Alexa Smart Home Trigger in a real n8n, behind the relay (lambda/alexaSmartHomeRelay.mjs)
 * run as Lambda runs it: its handler imported and called with a directive. The lamp example, as
 * shipped, is published; its answers are checked against Amazon's smart home schema. The engine
 * tests cover each check of the trigger one at a time; here n8n's own webhook server, execution
 * records and static data are what is checked.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { RELAY_FILE } from '../../../scripts/relayTemplate.mts';
import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { schemaErrors } from '../../harness/schema.mts';
import { CLIENT_ID, resetFake, RELAY_SECRET, SMART_HOME_BEARER_TOKEN } from '../fixtures.mts';
import { importExample, output, publishWorkflow, startN8n } from '../n8n.mts';
import { freePort, stopAll, waitFor } from '../processes.mts';
import { startRedis } from '../queueMode.mts';
import { storedExecutions } from './trigger.mts';

type Stage = (name: string, body: () => Promise<void>) => Promise<void>;
type Handler = (event: unknown, context: unknown) => Promise<Record<string, any>>;

const LAMP_WORKFLOW = 'alexaExSmartHomeLamp';
const LAMP_PATH = '/webhook/alexa-smart-home-lamp/alexa-smart-home';

/** A directive as Alexa sends it to the relay's Lambda function, with a fresh messageId and correlation token. */
export function directive(
	namespace: string,
	name: string,
	payload: Record<string, unknown> = {},
	endpointId = 'n8n-lamp',
): Record<string, any> {
	const header = { namespace, name, payloadVersion: '3', messageId: randomUUID() };
	if (namespace === 'Alexa.Discovery')
		return {
			directive: {
				header,
				payload: { scope: { type: 'BearerToken', token: SMART_HOME_BEARER_TOKEN } },
			},
		};
	return {
		directive: {
			header: { ...header, correlationToken: `e2e-${randomUUID()}` },
			endpoint: {
				scope: { type: 'BearerToken', token: SMART_HOME_BEARER_TOKEN },
				endpointId,
				cookie: {},
			},
			payload,
		},
	};
}

const property = (answer: Record<string, any>, name: string) =>
	answer.context?.properties?.find((entry: { name: string }) => entry.name === name)?.value;

/** The relay's handler with its environment, its console output kept (the secret scan reads it). */
async function relayTo(url: string, timeoutMs = 7000) {
	const { handler } = (await import(pathToFileURL(RELAY_FILE).href)) as { handler: Handler };
	const lines: string[] = [];
	return {
		lines,
		async invoke(event: unknown, secret = RELAY_SECRET): Promise<Record<string, any>> {
			Object.assign(process.env, {
				N8N_WEBHOOK_URL: url,
				RELAY_SECRET: secret,
				RELAY_TIMEOUT_MS: String(timeoutMs),
			});
			const saved = console.log;
			console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
			try {
				return await handler(event, { awsRequestId: randomUUID() });
			} finally {
				console.log = saved;
				for (const name of ['N8N_WEBHOOK_URL', 'RELAY_SECRET', 'RELAY_TIMEOUT_MS'])
					delete process.env[name];
			}
		},
	};
}

/** One directive through the relay's handler to `url`, signed with `secret`: the relay's answer. */
export async function relayedDirective(
	url: string,
	namespace: string,
	name: string,
	secret = RELAY_SECRET,
): Promise<Record<string, any>> {
	return await (await relayTo(url)).invoke(directive(namespace, name), secret);
}

/**
 * Waits until the workflow's executions, `count` of them, are stored as finished: the examples
 * keep the device's state in the workflow's static data, which n8n saves as the execution ends,
 * and the next directive must read the saved state. Voice commands are seconds apart; the test
 * waits for the stored execution rather than for a time.
 */
async function settled(workflowId: string, count: number): Promise<void> {
	await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const executions = await storedExecutions(workflowId);
			return (
				executions.length === count &&
				executions.every((execution) => execution.status === 'success')
			);
		},
		30_000,
	);
}

/** n8n answers health checks before its webhooks are registered: wait for the trigger's own 401. */
async function listening(url: string): Promise<void> {
	await waitFor(
		'the Alexa Smart Home Trigger webhook',
		async () =>
			(
				await fetch(url, {
					method: 'POST',
					body: '{}',
					headers: { 'content-type': 'application/json' },
				}).catch(() => undefined)
			)?.status === 401,
		120_000,
	);
}

export async function smartHomeStage(
	stage: Stage,
	fake: FakeAlexa,
	log: (text: string) => void,
): Promise<void> {
	await stage(
		'smart home: the lamp example behind the relay answers discovery, TurnOn, brightness and ReportState; forged and replayed directives start nothing; a workflow slower than the relay and n8n down → ENDPOINT_UNREACHABLE',
		async () => {
			resetFake(fake);
			const id = await importExample('smart-home-lamp');
			await publishWorkflow(id);
			// The same lamp behind a 2-second Wait: slower than the relay is told to wait here.
			const slowLamp = await importExample('smart-home-lamp', (workflow) => {
				workflow.id = 'alexaExSlowLamp';
				const trigger = workflow.nodes.find(
					(node: { type: string }) => node.type === 'n8n-nodes-alexa.alexaSmartHomeTrigger',
				);
				trigger.webhookId = 'alexa-smart-home-slow';
				workflow.nodes.push({
					parameters: { resume: 'timeInterval', amount: 2, unit: 'seconds' },
					id: randomUUID(),
					name: 'Slow device',
					type: 'n8n-nodes-base.wait',
					typeVersion: 1.1,
					position: [100, 200],
					webhookId: randomUUID(),
				});
				workflow.connections[trigger.name] = {
					main: [[{ node: 'Slow device', type: 'main', index: 0 }]],
				};
				workflow.connections['Slow device'] = {
					main: [[{ node: 'Lamp state', type: 'main', index: 0 }]],
				};
			});
			await publishWorkflow(slowLamp);
			const port = await freePort();
			const url = `http://127.0.0.1:${port}${LAMP_PATH}`;
			await startN8n(['start'], { N8N_PORT: String(port) }, 'smart-home-main');
			await listening(url);
			const relay = await relayTo(url);
			const timings: number[] = [];
			const timed = async (event: unknown) => {
				const started = performance.now();
				const answer = await relay.invoke(event);
				timings.push(performance.now() - started);
				assert.deepEqual(schemaErrors(answer), [], JSON.stringify(answer));
				await settled(LAMP_WORKFLOW, timings.length);
				return answer;
			};

			const discovery = await timed(directive('Alexa.Discovery', 'Discover'));
			assert.equal(discovery.event.header.name, 'Discover.Response');
			const lamp = discovery.event.payload.endpoints[0];
			assert.equal(lamp.endpointId, 'n8n-lamp');
			assert.equal(lamp.friendlyName, 'n8n lamp');

			const turnOn = directive('Alexa.PowerController', 'TurnOn');
			const on = await timed(turnOn);
			assert.equal(on.event.header.name, 'Response', JSON.stringify(on));
			assert.equal(on.event.header.correlationToken, turnOn.directive.header.correlationToken);
			assert.equal(property(on, 'powerState'), 'ON');

			const dimmed = await timed(
				directive('Alexa.BrightnessController', 'SetBrightness', { brightness: 40 }),
			);
			assert.equal(property(dimmed, 'brightness'), 40);
			const adjusted = await timed(
				directive('Alexa.BrightnessController', 'AdjustBrightness', { brightnessDelta: -15 }),
			);
			assert.equal(property(adjusted, 'brightness'), 25);

			const state = await timed(directive('Alexa', 'ReportState'));
			assert.equal(state.event.header.name, 'StateReport');
			assert.equal(property(state, 'powerState'), 'ON');
			assert.equal(property(state, 'brightness'), 25);

			// Not among the lamp's events: answered by the trigger, no execution.
			const unlock = await relay.invoke(directive('Alexa.LockController', 'Unlock'));
			assert.deepEqual(schemaErrors(unlock), []);
			assert.equal(unlock.event.payload.type, 'INVALID_DIRECTIVE');

			// Refused in n8n's own webhook server: no execution for any of these.
			const otherSecret = await relay.invoke(
				directive('Alexa.PowerController', 'TurnOff'),
				'not-the-secret-0123456789abcdef0123456',
			);
			assert.equal(otherSecret.event.payload.type, 'INTERNAL_ERROR');
			const unsigned = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(directive('Alexa.PowerController', 'TurnOff')),
			});
			assert.equal(unsigned.status, 401);
			const body = JSON.stringify(directive('Alexa.PowerController', 'TurnOff'));
			const timestamp = String(Math.floor(Date.now() / 1000));
			const headers = {
				'content-type': 'application/json',
				'x-alexa-relay-timestamp': timestamp,
				'x-alexa-relay-signature': `v1=${createHmac('sha256', RELAY_SECRET).update(`${timestamp}.${body}`).digest('hex')}`,
			};
			const first = await fetch(url, { method: 'POST', headers, body });
			assert.equal(first.status, 200, await first.text());
			const replayed = await fetch(url, { method: 'POST', headers, body });
			assert.equal(replayed.status, 401);
			assert.match(await replayed.text(), /already received/);
			const old = String(Math.floor(Date.now() / 1000) - 400);
			const stale = await fetch(url, {
				method: 'POST',
				headers: {
					...headers,
					'x-alexa-relay-timestamp': old,
					'x-alexa-relay-signature': `v1=${createHmac('sha256', RELAY_SECRET).update(`${old}.${body}`).digest('hex')}`,
				},
				body,
			});
			assert.equal(stale.status, 401);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const executions = await storedExecutions(LAMP_WORKFLOW);
			assert.equal(
				executions.length,
				6,
				'one execution for the signed TurnOff, none for the refused',
			);
			for (const execution of executions) assert.equal(execution.status, 'success');
			const mainLog = fs.readFileSync(path.join(output, 'smart-home-main.log'), 'utf8');
			assert.match(
				mainLog,
				/Alexa Smart Home Trigger refused a request: the signature does not match/,
			);
			assert.match(
				mainLog,
				/Alexa Smart Home Trigger refused a request: the directive was already received/,
			);

			// A workflow slower than the relay waits (1 s here, 7 s in Lambda): the relay's
			// ENDPOINT_UNREACHABLE comes first, and the execution still ends.
			const slow = await relayTo(
				`http://127.0.0.1:${port}/webhook/alexa-smart-home-slow/alexa-smart-home`,
				1000,
			);
			const late = await slow.invoke(directive('Alexa.PowerController', 'TurnOn'));
			assert.deepEqual(schemaErrors(late), []);
			assert.equal(late.event.payload.type, 'ENDPOINT_UNREACHABLE');
			assert.match(late.event.payload.message, /did not answer within 1000 ms/);
			assert.equal(
				(await storedExecutions(slowLamp)).filter((execution) => execution.status === 'success')
					.length,
				0,
				'answered before the workflow ended',
			);
			await settled(slowLamp, 1);

			// n8n stopped: the relay answers in time, for Alexa to say the device is unreachable.
			await stopAll();
			const down = await relayTo(url, 2000);
			const started = performance.now();
			const unreachable = await down.invoke(directive('Alexa.PowerController', 'TurnOn'));
			const downMs = performance.now() - started;
			assert.deepEqual(schemaErrors(unreachable), []);
			assert.equal(unreachable.event.payload.type, 'ENDPOINT_UNREACHABLE');
			fs.writeFileSync(
				path.join(output, 'smart-home-relay.log'),
				[...relay.lines, ...slow.lines, ...down.lines].join('\n'),
			);
			const sorted = [...timings].sort((a, b) => a - b);
			log(
				`  smart home: ${timings.length} directives relayed, ${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)} ms each (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms); 4 refusals, no execution; n8n down → ENDPOINT_UNREACHABLE in ${downMs.toFixed(0)} ms`,
			);
		},
	);

	await stage(
		'smart home: the thermostat example sets, adjusts and reports; the routine sensor example answers discovery and AcceptGrant (refresh token kept in a Data Table), and its Change Report trips it',
		async () => {
			resetFake(fake);
			const thermostatWorkflow = await importExample('smart-home-thermostat');
			await publishWorkflow(thermostatWorkflow);
			const sensor = await importExample('smart-home-routine-sensor');
			await publishWorkflow(sensor);
			const port = await freePort();
			await startN8n(['start'], { N8N_PORT: String(port) }, 'smart-home-examples');
			const base = `http://127.0.0.1:${port}/webhook`;
			const thermostatUrl = `${base}/alexa-smart-home-thermostat/alexa-smart-home`;
			const sensorUrl = `${base}/alexa-smart-home-sensor/alexa-smart-home`;
			await listening(thermostatUrl);
			await listening(sensorUrl);
			const checked = (answer: Record<string, any>) => {
				assert.deepEqual(schemaErrors(answer), [], JSON.stringify(answer));
				return answer;
			};

			const thermostat = await relayTo(thermostatUrl);
			let thermostatRuns = 0;
			const stored = async (answer: Record<string, any>) => {
				assert.deepEqual(schemaErrors(answer), [], JSON.stringify(answer));
				await settled(thermostatWorkflow, ++thermostatRuns);
				return answer;
			};
			const at = (
				name: string,
				payload: Record<string, unknown> = {},
				namespace = 'Alexa.ThermostatController',
			) => directive(namespace, name, payload, 'n8n-thermostat');
			const found = await stored(await thermostat.invoke(directive('Alexa.Discovery', 'Discover')));
			assert.deepEqual(found.event.payload.endpoints[0].displayCategories, [
				'THERMOSTAT',
				'TEMPERATURE_SENSOR',
			]);
			const set = await stored(
				await thermostat.invoke(
					at('SetTargetTemperature', { targetSetpoint: { value: 22, scale: 'CELSIUS' } }),
				),
			);
			assert.deepEqual(property(set, 'targetSetpoint'), { value: 22, scale: 'CELSIUS' });
			const mode = await stored(
				await thermostat.invoke(at('SetThermostatMode', { thermostatMode: { value: 'COOL' } })),
			);
			assert.equal(property(mode, 'thermostatMode'), 'COOL');
			const adjusted = await stored(
				await thermostat.invoke(
					at('AdjustTargetTemperature', { targetSetpointDelta: { value: -1, scale: 'CELSIUS' } }),
				),
			);
			assert.deepEqual(property(adjusted, 'targetSetpoint'), { value: 21, scale: 'CELSIUS' });
			const state = await stored(await thermostat.invoke(at('ReportState', {}, 'Alexa')));
			assert.deepEqual(property(state, 'targetSetpoint'), { value: 21, scale: 'CELSIUS' });
			assert.equal(property(state, 'thermostatMode'), 'COOL');
			assert.deepEqual(property(state, 'temperature'), { value: 20.5, scale: 'CELSIUS' });

			const door = await relayTo(sensorUrl);
			const discovered = checked(await door.invoke(directive('Alexa.Discovery', 'Discover')));
			const endpoint = discovered.event.payload.endpoints[0];
			assert.equal(endpoint.endpointId, 'n8n-door-sensor');
			const contact = endpoint.capabilities.find(
				(capability: { interface: string }) => capability.interface === 'Alexa.ContactSensor',
			);
			assert.equal(contact.properties.proactivelyReported, true);
			const closed = checked(
				await door.invoke(directive('Alexa', 'ReportState', {}, 'n8n-door-sensor')),
			);
			assert.equal(property(closed, 'detectionState'), 'NOT_DETECTED');

			// AcceptGrant in the same workflow: the code exchanged at the fake LWA, the refresh token
			// kept in an n8n Data Table, AcceptGrant.Response; an unknown code → ACCEPT_GRANT_FAILED.
			const grantCode = `ANe2eGrant${randomUUID().replaceAll('-', '')}`;
			fake.grantCodes.set(grantCode, { clientId: CLIENT_ID, issuedAt: Date.now(), used: false });
			const grant = (code: string) => {
				const envelope = directive('Alexa.Authorization', 'AcceptGrant', {
					grant: { type: 'OAuth2.AuthorizationCode', code },
					grantee: { type: 'BearerToken', token: SMART_HOME_BEARER_TOKEN },
				});
				delete envelope.directive.endpoint;
				delete envelope.directive.header.correlationToken;
				return envelope;
			};
			const accepted = checked(await door.invoke(grant(grantCode)));
			assert.equal(accepted.event.header.name, 'AcceptGrant.Response', JSON.stringify(accepted));
			assert.equal(fake.grantCodes.get(grantCode)!.used, true);
			const refused = checked(await door.invoke(grant('ANe2eGrantUnknown0000')));
			assert.equal(refused.event.header.namespace, 'Alexa.Authorization');
			assert.equal(refused.event.payload.type, 'ACCEPT_GRANT_FAILED');
			fs.writeFileSync(
				path.join(output, 'smart-home-examples-relay.log'),
				[...thermostat.lines, ...door.lines].join('\n'),
			);
			// "Door opened": anything that calls the webhook (a Home Assistant automation, a schedule)
			// reads the kept refresh token, gets an access token with it and sends the Change Report
			// that trips the sensor.
			const opened = await fetch(`${base}/alexa-door-opened`, {
				method: 'POST',
				body: '{}',
				headers: { 'content-type': 'application/json' },
			});
			assert.equal(opened.status, 200, await opened.text());
			await waitFor('the Change Report at the gateway', () => fake.events().length === 1, 30_000);
			await settled(sensor, 5);
			const [{ message }] = fake.events();
			assert.equal(message.event.header.name, 'ChangeReport');
			assert.equal(message.event.endpoint.endpointId, 'n8n-door-sensor');
			assert.equal(
				message.payload?.change?.cause?.type ?? message.event.payload.change.cause.type,
				'PHYSICAL_INTERACTION',
			);
			assert.deepEqual(
				message.event.payload.change.properties.map((entry: Record<string, unknown>) => [
					entry.namespace,
					entry.name,
					entry.value,
				]),
				[['Alexa.ContactSensor', 'detectionState', 'DETECTED']],
			);
			await stopAll();
			log(
				'  smart home: the thermostat set to 22, COOL, adjusted to 21 and reported; the door sensor discovered and reported; AcceptGrant exchanged and its refresh token kept in a Data Table (an unknown code: ACCEPT_GRANT_FAILED); the sensor tripped by a Change Report with a token from that refresh token',
			);
		},
	);

	await stage(
		'smart home: in queue mode a worker runs the lamp workflow and main answers the relay',
		async () => {
			resetFake(fake);
			await publishWorkflow(await importExample('smart-home-lamp'));
			const redisPort = await startRedis('smart-home-redis');
			const port = await freePort();
			const queue = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				N8N_PORT: String(port),
				QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			};
			await startN8n(['start'], queue, 'smart-home-queue-main');
			const url = `http://127.0.0.1:${port}${LAMP_PATH}`;
			await listening(url);
			await startN8n(
				['worker', '--concurrency=5'],
				{ ...queue, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
				'smart-home-queue-worker',
			);
			const workerLog = () =>
				fs.readFileSync(path.join(output, 'smart-home-queue-worker.log'), 'utf8');
			await waitFor('worker ready', () => workerLog().includes('n8n worker is now ready'), 120_000);
			const relay = await relayTo(url);
			const turnOn = directive('Alexa.PowerController', 'TurnOn');
			const on = await relay.invoke(turnOn);
			assert.deepEqual(schemaErrors(on), [], JSON.stringify(on));
			assert.equal(on.event.header.correlationToken, turnOn.directive.header.correlationToken);
			assert.equal(property(on, 'powerState'), 'ON');
			assert.match(workerLog(), /Worker started execution/);
			const forged = await relay.invoke(
				directive('Alexa.PowerController', 'TurnOff'),
				'not-the-secret-0123456789abcdef0123456',
			);
			assert.equal(forged.event.payload.type, 'INTERNAL_ERROR');
			fs.writeFileSync(path.join(output, 'smart-home-queue-relay.log'), relay.lines.join('\n'));
			await stopAll();
		},
	);
}
