/**
 * Queue mode: `n8n start` and two `n8n worker`s on Redis. Webhook calls are run by the workers
 * and reach the fake; then a burst of 200 under one 5/s limit, which the two workers, each pacing
 * itself, share (decision 6).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import type { FakeAlexa } from '../../fake-alexa/server.mts';
import { resetFake } from '../fixtures.mts';
import { output, startN8n } from '../n8n.mts';
import { canConnect, freePort, startProcess, stopAll, waitFor } from '../processes.mts';
import { burst, describeBurst, deviceChanged, publishChangeReportWorkflow } from './pacing.mts';

const WORKERS = ['queue-worker-1', 'queue-worker-2'];

export async function queueStage(fake: FakeAlexa, log: (text: string) => void): Promise<void> {
	resetFake(fake);
	const redisPort = await freePort();
	const n8nPort = await freePort();
	startProcess(
		'redis-server',
		['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		process.env,
		output,
		'redis',
	);
	await waitFor('redis', async () => await canConnect(redisPort), 20_000);
	const queue = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_PORT: String(n8nPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
	await publishChangeReportWorkflow();
	await startN8n(['start'], queue, 'queue-main');
	await waitFor(
		'n8n main',
		async () => (await fetch(`http://127.0.0.1:${n8nPort}/healthz`)).ok,
		120_000,
	);
	// The workers start once main has set up the database (SQLite, shared), and are ready before
	// any webhook is called.
	for (const worker of WORKERS) {
		await startN8n(
			['worker', '--concurrency=5'],
			{ ...queue, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
			worker,
		);
	}
	for (const worker of WORKERS) {
		await waitFor(
			`${worker} ready`,
			() =>
				fs
					.readFileSync(path.join(output, `${worker}.log`), 'utf8')
					.includes('n8n worker is now ready'),
			120_000,
		);
	}
	await waitFor(
		'the webhook',
		async () => (await deviceChanged(n8nPort, 'lamp-queue-1', 'OFF')).ok,
		60_000,
	);
	for (let index = 2; index <= 5; index++)
		assert.ok((await deviceChanged(n8nPort, `lamp-queue-${index}`, 'ON')).ok);
	await waitFor(
		'five change reports at the fake',
		() => fake.events().filter(({ request }) => request.status === 202).length >= 5,
		120_000,
	);
	const devices = fake
		.events()
		.map(({ message }) => message.event.endpoint.endpointId)
		.sort();
	assert.deepEqual(devices, [
		'lamp-queue-1',
		'lamp-queue-2',
		'lamp-queue-3',
		'lamp-queue-4',
		'lamp-queue-5',
	]);
	const workerRuns = () =>
		WORKERS.map(
			(worker) =>
				fs
					.readFileSync(path.join(output, `${worker}.log`), 'utf8')
					.match(/Worker started execution/g)?.length ?? 0,
		);
	assert.equal(
		workerRuns().reduce((sum, runs) => sum + runs, 0),
		5,
		'the workers ran the five executions',
	);
	const tokenRequests = fake.requestsTo('/auth/o2/token').length;
	assert.ok(
		tokenRequests >= 1 && tokenRequests <= 3,
		`token requests by main and workers together: ${tokenRequests}`,
	);
	log(
		`  queue mode: 5 webhook calls, 5 change reports, ${tokenRequests} token request(s) by 3 processes`,
	);

	fake.rateLimit = { perSecond: 5, burst: 5 };
	const lostToSqlite = () =>
		WORKERS.map(
			(worker) =>
				fs
					.readFileSync(path.join(output, `${worker}.log`), 'utf8')
					.match(/Worker errored while running execution[^\n]*\nSQLITE_BUSY/g)?.length ?? 0,
		).reduce((sum, count) => sum + count, 0);
	const figures = await burst(fake, n8nPort, 'queue5', 200, 240_000, { lostToSqlite, log });
	const runs = workerRuns();
	log(
		`  queue mode, 2 workers, 200 executions at 5/s: ${describeBurst(figures)}; executions per worker: ${runs.join(' and ')}`,
	);
	assert.ok(
		runs.every((count) => count > 5),
		`both workers sent: ${runs.join(', ')}`,
	);
	assert.ok(figures.share <= 0.1, `429s with two workers at 5/s: ${describeBurst(figures)}`);
	fake.rateLimit = undefined;
	await stopAll();
}
