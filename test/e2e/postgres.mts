/**
 * A PostgreSQL server of the e2e run's own, for n8n's queue mode as n8n supports it for scaling
 * (SQLite is not: https://docs.n8n.io/hosting/scaling/queue-mode/). Debian's server binaries
 * (package postgresql, installed by scripts/e2e.sh), a fresh cluster in the run's output folder,
 * on a free loopback port, trusting local connections; stopped with the run's other processes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { output } from './n8n.mts';
import { canConnect, freePort, startProcess, waitFor } from './processes.mts';

/** The folder of Debian's server binaries (initdb, postgres), the newest version installed. */
function serverBinaries(): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((name) => fs.existsSync(path.join(root, name, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0)
		throw new Error(
			'PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: scripts/e2e.sh installs Debian\'s package "postgresql".',
		);
	return path.join(root, versions[0]!, 'bin');
}

/**
 * initdb and postgres refuse to run as root: as root, the cluster belongs to the "postgres" user
 * Debian's package creates, and its commands run as that user.
 */
function asServerUser(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

export interface Postgres {
	port: number;
	/** What n8n needs to use it (DB_TYPE and the connection). */
	n8nEnv: Record<string, string>;
}

export async function startPostgres(name: string): Promise<Postgres> {
	const bin = serverBinaries();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${name}-`));
	const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${name}-socket-`));
	if (process.getuid?.() === 0) {
		execFileSync('chown', ['postgres', dataDir, socketDir]);
	}
	const [initdb, initArgs] = asServerUser(path.join(bin, 'initdb'), [
		'--pgdata',
		dataDir,
		'--username=n8n',
		'--auth=trust',
		'--encoding=UTF8',
		'--no-instructions',
	]);
	execFileSync(initdb, initArgs, { stdio: 'ignore' });
	const port = await freePort();
	const [postgres, serverArgs] = asServerUser(path.join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		socketDir,
		// Enough for main, four workers and a webhook processor, each with its pool.
		'-c',
		'max_connections=200',
		'-c',
		'fsync=off',
	]);
	startProcess(postgres, serverArgs, process.env, output, `${name}-postgres`);
	await waitFor(`PostgreSQL (${name})`, async () => await canConnect(port), 30_000);
	await waitFor(
		`PostgreSQL (${name}) accepting connections`,
		() => {
			try {
				execFileSync(
					path.join(bin, 'createdb'),
					['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'],
					{
						stdio: 'ignore',
					},
				);
				return true;
			} catch {
				return false;
			}
		},
		30_000,
	);
	return {
		port,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		},
	};
}

/** How many executions n8n stored for a workflow (with that status, when given), read with psql. */
export async function executionCount(
	postgres: Postgres,
	workflowId: string,
	status?: 'success' | 'error',
): Promise<number> {
	const out = execFileSync(
		path.join(serverBinaries(), 'psql'),
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(postgres.port),
			'-U',
			'n8n',
			'-d',
			'n8n',
			'-Atc',
			`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}'${status ? ` AND status = '${status}'` : ''}`,
		],
		{ encoding: 'utf8' },
	);
	return Number(out.trim());
}
