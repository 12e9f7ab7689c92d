/**
 * The processes the e2e run starts: each leads its own process group, so that what it starts
 * (n8n's task runners) ends with it, and every group is checked at the end to have ended.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Processes started here and not yet seen to end. */
const children = new Set<ChildProcess>();
/** Every process group started, to check at the end that none is left. */
const startedGroups: number[] = [];

export function spawnTracked(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	stdio: Array<'ignore' | number>,
): ChildProcess {
	const child = spawn(command, args, { env, stdio: stdio as never, detached: true });
	if (child.pid === undefined) throw new Error(`could not start ${command}`);
	children.add(child);
	startedGroups.push(child.pid);
	child.on('exit', () => children.delete(child));
	return child;
}

export function signalGroup(child: Pick<ChildProcess, 'pid'>, signal: NodeJS.Signals) {
	try {
		process.kill(-child.pid!, signal);
	} catch {
		// the group has already ended
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Starts a long-running process logging to `<folder>/<logName>.log`; it is stopped by stopAll. */
export function startProcess(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	folder: string,
	logName: string,
): ChildProcess {
	const logFile = fs.openSync(path.join(folder, `${logName}.log`), 'w');
	return spawnTracked(command, args, env, ['ignore', logFile, logFile]);
}

export async function stopAll(): Promise<void> {
	for (const child of children) signalGroup(child, 'SIGTERM');
	const deadline = Date.now() + 15_000;
	while (children.size > 0 && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 100));
	for (const child of children) signalGroup(child, 'SIGKILL');
	// What a leader started (n8n's task runners) ends with its group, even after the leader.
	for (const pid of startedGroups) if (groupAlive(pid)) signalGroup({ pid }, 'SIGKILL');
}

/** Every process group started here (ended or not): a bench counts their CPU time as its own. */
export function startedGroupIds(): ReadonlySet<number> {
	return new Set(startedGroups);
}

/** The groups still alive a few seconds after stopAll (a killed process takes a moment to go), and how many were started. */
export async function groupsLeftRunning(): Promise<{ leftOver: number[]; started: number }> {
	const deadline = Date.now() + 10_000;
	while (startedGroups.some(groupAlive) && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 100));
	return { leftOver: startedGroups.filter(groupAlive), started: startedGroups.length };
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export async function canConnect(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.end();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

export async function waitFor(
	what: string,
	check: () => Promise<boolean> | boolean,
	timeoutMs = 120_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`timed out waiting for ${what}`);
}
