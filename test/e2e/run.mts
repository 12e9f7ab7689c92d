/**
 * End to end in a real n8n (E2E_N8N_VERSION, default 2.41.1, installed by
 * scripts/e2e/install-n8n.sh): the packed package installed as a community node, then the stages
 * in stages/: the example workflows run with `n8n execute`, pacing and queue mode, the node as an
 * AI Agent's tool, the editor in a real browser, and a scan for secrets in everything n8n wrote.
 * The fake Alexa runs in this process on 127.0.0.1. Every process started here is ended here
 * (processes.mts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { n8nInstallDir, n8nVersion } from '../../scripts/lib/cache.mts';
import { startFakeAlexa } from '../fake-alexa/server.mts';
import {
	actionsByResource,
	smartHomeEventNames,
	CLIENT_ID,
	CLIENT_SECRET,
	credentialsFile,
	resetFake,
} from './fixtures.mts';
import { installPackedPackage, n8n, output, root, startN8n, userFolder } from './n8n.mts';
import { freePort, groupsLeftRunning, stopAll, waitFor } from './processes.mts';
import { agentStage } from './stages/agent.mts';
import { collectUsersStage } from './stages/collectUsers.mts';
import { browserStage } from './stages/browser.mts';
import { exampleStages } from './stages/examples.mts';
import { inSessionStage } from './stages/inSession.mts';
import { pacingStage } from './stages/pacing.mts';
import { playgroundStage } from './stages/playground.mts';
import { queueStage } from './stages/queue.mts';
import { restartStage } from './stages/restart.mts';
import { secretScanStage } from './stages/secrets.mts';
import { smartHomeStage } from './stages/smartHome.mts';
import { triggerStages } from './stages/trigger.mts';

const tarball = process.argv[2];

/** `E2E_STAGES=examples,trigger,smartHome,inSession,pacing,queue,agent,browser` (the default is all) picks the stages after the install. */
const chosenStages = process.env.E2E_STAGES?.split(',').map((name) => name.trim());
const wanted = (
	group:
		| 'examples'
		| 'trigger'
		| 'restart'
		| 'smartHome'
		| 'inSession'
		| 'pacing'
		| 'queue'
		| 'agent'
		| 'browser'
		| 'playground',
) => !chosenStages || chosenStages.includes(group);

// The n8n that is installed is the one asked for (scripts/e2e.sh has refused a version the
// package cannot run in, with the reason, before installing it: scripts/lib/cache.mts check).
const installed: string = JSON.parse(
	fs.readFileSync(path.join(n8nInstallDir, 'node_modules/n8n/package.json'), 'utf8'),
).version;
assert.equal(installed, n8nVersion, `${n8nInstallDir} holds n8n ${installed}, not ${n8nVersion}`);
process.stdout.write(`  n8n ${installed} from ${n8nInstallDir}\n`);

let failures = 0;

function log(text: string) {
	process.stdout.write(`${text}\n`);
}

async function stage(name: string, body: () => Promise<void>): Promise<void> {
	const started = performance.now();
	try {
		await body();
		log(`✔ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
	} catch (error) {
		failures++;
		log(
			`✖ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${(error as Error).stack ?? error}`,
		);
	}
}

const fake = await startFakeAlexa();
try {
	fs.rmSync(output, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	resetFake(fake);

	await stage('install the packed package as a community node', async () => {
		assert.ok(tarball && fs.existsSync(tarball), `no tarball at ${tarball}`);
		installPackedPackage(tarball);
	});

	await stage('import the credentials, pointed at the fake Alexa', async () => {
		const imported = await n8n(['import:credentials', `--input=${credentialsFile(fake)}`]);
		assert.equal(imported.status, 0, imported.stderr + imported.stdout);
	});

	if (wanted('examples')) await exampleStages(stage, fake);
	if (wanted('trigger')) await triggerStages(stage, fake, log);
	if (wanted('trigger'))
		await stage(
			"example: the skill's users kept in a Data Table from the trigger, then notified each",
			async () => await collectUsersStage(fake, log),
		);
	if (wanted('restart'))
		await stage(
			'trigger: n8n restarted mid-traffic: the chain fetched again, every request answered at most once',
			async () => await restartStage(log),
		);
	if (wanted('smartHome')) await smartHomeStage(stage, fake, log);
	if (wanted('inSession')) await inSessionStage(stage, fake, log);
	if (wanted('pacing'))
		await stage(
			'pacing: 200 webhook executions at once share one pace, at 5/s and 50/s',
			async () => await pacingStage(fake, log),
		);
	if (wanted('queue'))
		await stage(
			'queue mode on PostgreSQL: a webhook processor, 2 then 4 workers, 200 executions at 5/s each time, and both triggers on the webhook processor',
			async () => await queueStage(fake, log),
		);
	if (wanted('agent'))
		await stage(
			'the node as an AI Agent tool: the model sends a skill message through it',
			async () => await agentStage(fake, log),
		);
	if (wanted('browser'))
		await stage('the editor in a real browser', async () => {
			resetFake(fake);
			const screenshots = await browserStage({
				fake,
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				startN8n,
				freePort,
				waitFor,
				output,
				actionsByResource: actionsByResource(),
				smartHomeEvents: smartHomeEventNames(),
			});
			log(`  screenshots: ${screenshots.map((file) => path.relative(root, file)).join(', ')}`);
			await stopAll();
		});
	if (wanted('playground'))
		await stage(
			'npm start: the playground in a browser, the simulator page and the stand-in log; Ctrl-C; a warm second start',
			async () => await playgroundStage(tarball!, log),
		);
	await stage('no secret in anything n8n printed or logged', async () => {
		resetFake(fake);
		secretScanStage(log);
	});
} finally {
	await stopAll();
	await fake.close();
}

const { leftOver, started } = await groupsLeftRunning();
if (leftOver.length > 0) {
	failures++;
	log(`✖ processes left running: groups ${leftOver.join(', ')}`);
} else log(`  all ${started} processes started here have ended`);

log(failures === 0 ? 'e2e: all stages passed' : `e2e: ${failures} stage(s) failed`);
process.exit(failures === 0 ? 0 : 1);
