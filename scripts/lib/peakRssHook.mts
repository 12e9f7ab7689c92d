/**
 * Loaded with `--import` into an n8n process by the memory runs of scripts/bench-n8n.mts: when the
 * n8n CLI process exits it writes its peak RSS (kB, `process.resourceUsage().maxRSS`) to
 * PEAK_RSS_FILE. Only the n8n process itself writes: the task runner it starts inherits
 * NODE_OPTIONS but is not the one measured.
 */
import fs from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file && /[\\/]bin[\\/]n8n$/.test(process.argv[1] ?? '')) {
	process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
