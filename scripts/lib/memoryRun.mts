/**
 * One memory measurement in a process of its own (scripts/bench-memory.mts): one sender, one item
 * count. Shared by scripts/bench.mts (every sender, in the engine harness) and scripts/bench-n8n.mts
 * (the plain loop beside a real n8n).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export type MemorySender = 'plain-loop' | 'helper-only' | 'http-request-node' | 'alexa';

export interface MemoryFigures {
	peakRssMb: number;
	/** Heap left live by the run (its output items included), after a full collection. */
	retainedMb: number;
}

export function memoryAt(items: number, sender: MemorySender): MemoryFigures {
	const child = spawnSync(
		process.execPath,
		['--expose-gc', path.join(import.meta.dirname, '../bench-memory.mts'), String(items), sender],
		{
			encoding: 'utf8',
			env: { ...process.env },
		},
	);
	const peak = /maxRssMb=([\d.]+)/.exec(child.stdout);
	const retained = /retainedMb=(-?[\d.]+)/.exec(child.stdout);
	if (!peak || !retained) throw new Error(`memory run failed: ${child.stdout}\n${child.stderr}`);
	// A figure for a run that did not deliver everything would mean nothing.
	const accepted = /accepted=(\d+)/.exec(child.stdout);
	if (accepted && Number(accepted[1]) !== items)
		throw new Error(`memory run delivered ${accepted[1]} of ${items}: ${child.stdout}`);
	return { peakRssMb: Number(peak[1]), retainedMb: Number(retained[1]) };
}
