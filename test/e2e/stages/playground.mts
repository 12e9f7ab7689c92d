/**
 * The playground (`npm start`, scripts/playground/start.mts, issue 27) as a user meets it, in
 * Debian's Chromium: the simulator page answers a LaunchRequest with the skill-backend example's
 * speech, then an intent with a slot in the same session (the session attributes carried); the
 * skill-message example run from n8n's editor shows in the stand-in's log and comes back to the
 * skill as Messaging.MessageReceived. Then SIGINT ends every process the playground started, and
 * a second start, reusing what the first installed, is ready in under 30 s.
 */
import assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { chromium, selectors, type Page } from 'playwright-core';

import { output, root } from '../n8n.mts';
import { freePort, signalGroup, startProcess, waitFor } from '../processes.mts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];
const LAUNCH_SPEECH = 'Welcome to your list. Ask me what is on it.';

/** The playground as `npm start` runs it, in a folder and on ports of its own; resolves when ready. */
async function startPlayground(
	env: Record<string, string>,
	logName: string,
): Promise<{ child: ChildProcess; seconds: number; log: () => string }> {
	const started = performance.now();
	const child = startProcess(
		process.execPath,
		[path.join(root, 'scripts/playground/start.mts')],
		{ ...process.env, ...env },
		output,
		logName,
	);
	const log = () => fs.readFileSync(path.join(output, `${logName}.log`), 'utf8');
	await waitFor(
		'the playground ready',
		() => {
			if (child.exitCode !== null) throw new Error(`the playground ended:\n${log()}`);
			return log().includes('[playground] ready in');
		},
		600_000,
	);
	return { child, seconds: (performance.now() - started) / 1000, log };
}

/** Every process of the playground's group ended (n8n and its task runner are in groups of their own). */
function groupsOf(log: string): number[] {
	return [...log.matchAll(/pid (\d+)/g)].map((match) => Number(match[1]));
}

async function sendFromPage(page: Page, button: string, answers: number): Promise<string> {
	await page.getByTestId(button).click();
	await page
		.getByTestId('answer')
		.nth(answers - 1)
		.waitFor();
	return (await page.getByTestId('answer').first().textContent()) ?? '';
}

export async function playgroundStage(tarball: string, log: (text: string) => void): Promise<void> {
	const ports = {
		PLAYGROUND_N8N_PORT: String(await freePort()),
		PLAYGROUND_PORT: String(await freePort()),
		PLAYGROUND_ALEXA_PORT: String(await freePort()),
	};
	const env = {
		...ports,
		E2E_OUTPUT: path.join(output, 'playground'),
		PLAYGROUND_TARBALL: tarball,
	};
	const first = await startPlayground(env, 'playground-1');
	log(`  first start: ready in ${first.seconds.toFixed(1)} s`);
	const simulator = `http://127.0.0.1:${ports.PLAYGROUND_PORT}`;
	const editor = `http://localhost:${ports.PLAYGROUND_N8N_PORT}`;
	// n8n's editor marks its elements with data-test-id, and so does the simulator page.
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({
		executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
	});
	try {
		const page = await (
			await browser.newContext({ viewport: { width: 1400, height: 900 } })
		).newPage();
		page.setDefaultTimeout(30_000);
		try {
			await page.goto(simulator);
			await page.getByTestId('workflow').locator('option').first().waitFor({ state: 'attached' });
			assert.equal(await page.getByTestId('workflow').inputValue(), 'alexaExSkillBackend');

			const launch = await sendFromPage(page, 'send-launch', 1);
			assert.match(launch, /HTTP 200/);
			assert.equal(await page.getByTestId('speech').first().textContent(), LAUNCH_SPEECH);
			const session = (await page.getByTestId('session').textContent()) ?? '';
			assert.match(session, /^Session .*attributes \{"added":\[\]\}/, session);

			await page.getByTestId('intent-name').fill('AddToListIntent');
			await page.getByTestId('slot-name').first().fill('item');
			await page.getByTestId('slot-value').first().fill('oat milk');
			await sendFromPage(page, 'send-intent', 2);
			assert.equal(
				await page.getByTestId('speech').first().textContent(),
				'I added oat milk. Anything else?',
			);
			const carried = (await page.getByTestId('session').textContent()) ?? '';
			assert.equal(carried.split(',')[0], session.split(',')[0], 'the same session');
			assert.match(carried, /attributes \{"added":\["oat milk"\]\}/, carried);

			await page.getByTestId('intent-name').fill('WhatsOnMyListIntent');
			await sendFromPage(page, 'send-intent', 3);
			assert.equal(
				await page.getByTestId('speech').first().textContent(),
				'Your list has 4 items: milk, eggs, bread, oat milk.',
			);
			assert.match((await page.getByTestId('session').textContent()) ?? '', /No session/);
			await page.screenshot({ path: path.join(output, 'screenshots', 'playground-simulator.png') });

			// The skill-message example, run from the editor as a user runs it.
			await page.goto(`${editor}/signin`);
			await page.getByTestId('emailOrLdapLoginId').locator('input').fill('playground@example.com');
			await page.getByTestId('password').locator('input').fill('Playground-password-1');
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL((url) => !url.pathname.includes('signin'));
			await page.goto(`${editor}/workflow/alexaExMessageToSkill`);
			await page.getByTestId('execute-workflow-button').click();
			await page.goto(simulator);
			await waitFor(
				'the skill message in the stand-in log, and its MessageReceived delivery',
				async () => {
					const rows = await page.getByTestId('log-entry').allTextContents();
					return (
						rows.some((row) =>
							/to Alexa: POST https:\/\/api\.amazonalexa\.com\/v1\/skillmessages\/users\/amzn1\.ask\.account\.EXAMPLE1.*202/.test(
								row,
							),
						) &&
						rows.some((row) =>
							/Alexa to the skill: POST .*Messaging\.MessageReceived.*200/.test(row),
						)
					);
				},
				60_000,
			);
			await page.screenshot({ path: path.join(output, 'screenshots', 'playground-log.png') });
		} catch (error) {
			await page
				.screenshot({ path: path.join(output, 'screenshots', 'playground-failure.png') })
				.catch(() => undefined);
			throw error;
		}
	} finally {
		await browser.close();
	}

	// Ctrl-C: SIGINT to the playground; every process it started ends.
	const groups = groupsOf(first.log());
	signalGroup(first.child, 'SIGINT');
	await waitFor('the playground stopped', () => first.child.exitCode !== null, 60_000);
	assert.equal(first.child.exitCode, 0, first.log());
	assert.match(first.log(), /\[playground\] stopped/);
	const alive = (pid: number) => {
		try {
			process.kill(-pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	await waitFor('every process of the playground ended', () => !groups.some(alive), 20_000);

	const second = await startPlayground(env, 'playground-2');
	log(
		`  second start (warm): ready in ${second.seconds.toFixed(1)} s; SIGINT ended all ${groups.length} process groups of the first`,
	);
	assert.ok(second.seconds < 30, `the second start took ${second.seconds.toFixed(1)} s`);
	signalGroup(second.child, 'SIGINT');
	await waitFor('the second playground stopped', () => second.child.exitCode !== null, 60_000);
}
