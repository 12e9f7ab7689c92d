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
import { resetFake, RELAY_SECRET, SMART_HOME_BEARER_TOKEN } from '../fixtures.mts';
import { execute, importExample, output, publishWorkflow, startN8n } from '../n8n.mts';
import { freePort, stopAll, waitFor } from '../processes.mts';
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
		'smart home: the lamp example behind the relay answers discovery, TurnOn, brightness and ReportState; forged and replayed directives start nothing; n8n down → ENDPOINT_UNREACHABLE',
		async () => {
			resetFake(fake);
			const id = await importExample('smart-home-lamp');
			await publishWorkflow(id);
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
				[...relay.lines, ...down.lines].join('\n'),
			);
			const sorted = [...timings].sort((a, b) => a - b);
			log(
				`  smart home: ${timings.length} directives relayed, ${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)} ms each (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms); 4 refusals, no execution; n8n down → ENDPOINT_UNREACHABLE in ${downMs.toFixed(0)} ms`,
			);
		},
	);

	await stage(
		'smart home: the thermostat example sets, adjusts and reports; the routine sensor is discovered and reported, and a Change Report trips it',
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
			fs.writeFileSync(
				path.join(output, 'smart-home-examples-relay.log'),
				[...thermostat.lines, ...door.lines].join('\n'),
			);
			await stopAll();

			// "Start the routine": the manual trigger's branch sends the Change Report that trips the sensor.
			const tripped = await execute(sensor);
			assert.equal(tripped.status, 0, tripped.stderr + tripped.stdout.slice(0, 3000));
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
			log(
				'  smart home: the thermostat set to 22, COOL, adjusted to 21 and reported; the door sensor discovered, reported, tripped by a Change Report',
			);
		},
	);
}
