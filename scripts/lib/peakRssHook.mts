/**
 * Loaded with `--import` into an n8n process by the memory runs of scripts/bench-n8n.mts: when the
 * n8n CLI process exits it writes to PEAK_RSS_FILE its peak RSS (kB, `process.resourceUsage().maxRSS`)
 * and, when started with --expose-gc, the heap still live after a full collection at that moment
 * (what n8n still holds of the run, the run data it printed included). Only the n8n process
 * itself writes: the task runner it starts inherits NODE_OPTIONS but is not the one measured.
 */
import fs from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file && /[\\/]bin[\\/]n8n$/.test(process.argv[1] ?? '')) {
	process.on('exit', () => {
		const collect = (globalThis as { gc?: () => void }).gc;
		collect?.();
		const liveHeapKb = collect ? process.memoryUsage().heapUsed / 1024 : undefined;
		fs.writeFileSync(
			file,
			JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, liveHeapKb }),
		);
	});
}
