/**
 * n8n's queue mode as n8n supports it for scaling (https://docs.n8n.io/hosting/scaling/queue-mode/):
 * PostgreSQL and Redis of the run's own, `n8n start` as main (which takes no production webhook:
 * N8N_DISABLE_PRODUCTION_MAIN_PROCESS), `n8n worker`s and `n8n webhook` processors. Used by the
 * e2e queue stage and by the trigger benchmark (scripts/bench-trigger.mts). The caller imports its
 * workflows once main is up (the CLI then writes to the same PostgreSQL), starts workers and a
 * webhook processor, and ends with stopQueueMode (after stopAll, or in its finally).
 */
import fs from 'node:fs';
import path from 'node:path';

import { output, startN8n, useDatabase } from './n8n.mts';
import { type Postgres, startPostgres } from './postgres.mts';
import { canConnect, freePort, startProcess, waitFor } from './processes.mts';

export interface QueueMode {
	postgres: Postgres;
	/** The environment every n8n process of this queue needs (and the caller's own). */
	env: Record<string, string>;
	/** The log names of the workers started so far (each logs to `<output>/<name>.log`). */
	workers: string[];
	/** Starts workers until there are `count`, each with `--concurrency` (n8n's default is 10). */
	startWorkers: (count: number, concurrency?: number) => Promise<void>;
	/** Starts one `n8n webhook` processor; returns its port (ready once a webhook answers there). */
	startWebhookProcessor: (logName: string) => Promise<number>;
}

/** A Redis server of the run's own on a free loopback port, nothing kept on disk; returns its port. */
export async function startRedis(logName: string): Promise<number> {
	const port = await freePort();
	startProcess(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		process.env,
		output,
		logName,
	);
	await waitFor('redis', async () => await canConnect(port), 20_000);
	return port;
}

export async function startQueueMode(
	name: string,
	baseEnv: Record<string, string>,
): Promise<QueueMode> {
	const postgres = await startPostgres(name);
	useDatabase(postgres.n8nEnv);
	const redisPort = await startRedis(`${name}-redis`);
	const env = {
		...baseEnv,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
	};
	const mainPort = await freePort();
	await startN8n(['start'], { ...env, N8N_PORT: String(mainPort) }, `${name}-main`);
	await waitFor(
		'n8n main',
		async () =>
			(await fetch(`http://127.0.0.1:${mainPort}/healthz`).catch(() => undefined))?.ok === true,
		180_000,
	);

	const workers: string[] = [];
	const startWorkers = async (count: number, concurrency = 10) => {
		const started: string[] = [];
		for (let index = workers.length + 1; index <= count; index++) {
			const worker = `${name}-worker-${index}`;
			await startN8n(
				['worker', `--concurrency=${concurrency}`],
				{ ...env, QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
				worker,
			);
			started.push(worker);
		}
		for (const worker of started) {
			await waitFor(
				`${worker} ready`,
				() =>
					fs
						.readFileSync(path.join(output, `${worker}.log`), 'utf8')
						.includes('n8n worker is now ready'),
				180_000,
			);
			workers.push(worker);
		}
	};
	const startWebhookProcessor = async (logName: string) => {
		const port = await freePort();
		await startN8n(['webhook'], { ...env, N8N_PORT: String(port) }, logName);
		return port;
	};
	return { postgres, env, workers, startWorkers, startWebhookProcessor };
}

/** After the processes are stopped: the next n8n commands use SQLite again. */
export function stopQueueMode(): void {
	useDatabase({});
}
