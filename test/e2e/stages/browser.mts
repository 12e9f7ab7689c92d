/**
 * The editor in a real browser: n8n's own UI (n8n start) driven by Playwright in Debian's
 * Chromium. Proves what a user sees: the node in the node panel with every resource's actions,
 * the Skill Message form, and the credential form with its regions and its connection test
 * (first accepted by the fake LWA, then refused with invalid_client), the Alexa Trigger with its
 * set-up text and its Production URL, and the Alexa Smart Home Trigger picked from the panel with
 * its set-up notice, its credential and its Production URL.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';

import { chromium, selectors, type Page } from 'playwright-core';

import type { FakeAlexa } from '../../fake-alexa/server.mts';

export interface BrowserStageOptions {
	fake: FakeAlexa;
	clientId: string;
	clientSecret: string;
	startN8n: (
		args: string[],
		extra: Record<string, string>,
		logName: string,
	) => Promise<ChildProcess>;
	freePort: () => Promise<number>;
	waitFor: (
		what: string,
		check: () => Promise<boolean> | boolean,
		timeoutMs?: number,
	) => Promise<void>;
	output: string;
	/** Each resource's actions as the node describes them: resource display name → action texts. */
	actionsByResource: Map<string, string[]>;
	/** The Alexa Smart Home Trigger's Events options, each an "On …" trigger in the panel. */
	smartHomeEvents: string[];
}

const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-password-1',
};
/** What the panel shows for the package's "Alexa" entry (the Alexa node with the Alexa Trigger). */
const PACKAGE_ENTRY_DESCRIPTION =
	"Alexa skills in n8n: be a custom skill's HTTPS endpoint (Alexa Trigger, which verifies every request as Amazon requires) or a smart home skill's backend (Alexa Smart Home Trigger); send skill messages, notifications and smart home events, build responses and manage skill enablement (Alexa node)";
/** What the panel shows under "Alexa Smart Home": the trigger's own description. */
const SMART_HOME_TRIGGER_DESCRIPTION =
	'Be your Alexa smart home skill\'s backend: answers discovery, "turn on", "set to 50 %" and state requests relayed from AWS Lambda';

/** The flags Chromium needs on a machine with no internet (see the machine notes). */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function browserStage(options: BrowserStageOptions): Promise<string[]> {
	const { fake, waitFor, output } = options;
	const port = await options.freePort();
	const base = `http://127.0.0.1:${port}`;
	await options.startN8n(['start'], { N8N_PORT: String(port) }, 'editor-n8n');
	// /healthz answers before the REST routes exist; the settings route answering JSON means ready.
	await waitFor(
		'the n8n editor',
		async () =>
			(await fetch(`${base}/rest/settings`)).headers.get('content-type')?.includes('json') ?? false,
		120_000,
	);
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	assert.equal(setup.status, 200, `owner set-up: ${await setup.text()}`);

	fs.mkdirSync(path.join(output, 'screenshots'), { recursive: true });
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({
		executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
	});
	const screenshots: string[] = [];
	try {
		const page = await (
			await browser.newContext({ viewport: { width: 1440, height: 900 } })
		).newPage();
		page.setDefaultTimeout(30_000);
		const shot = async (name: string) => {
			const file = path.join(
				output,
				'screenshots',
				`${String(screenshots.length + 1).padStart(2, '0')}-${name}.png`,
			);
			await page.screenshot({ path: file, animations: 'disabled' });
			screenshots.push(file);
		};

		try {
			await driveEditor(page, base, options, shot);
		} catch (error) {
			await shot('failure').catch(() => undefined);
			throw error;
		}
	} finally {
		await browser.close();
	}
	return screenshots;
}

async function driveEditor(
	page: Page,
	base: string,
	options: BrowserStageOptions,
	shot: (name: string) => Promise<void>,
) {
	await page.goto(`${base}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
	await page.getByTestId('password').locator('input').fill(OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.includes('signin'));

	// A new workflow, started the way a user starts one: a manual trigger first.
	await page.goto(`${base}/workflow/new`);
	await page.getByTestId('canvas-add-button').click();
	await page.getByTestId('node-creator-search-bar').fill('manual');
	await page
		.getByTestId('node-creator-item-name')
		.getByText('Trigger manually', { exact: true })
		.click();
	await page.keyboard.press('Escape'); // closes the node panel

	await checkNodePanel(page, options.actionsByResource);
	await shot('node-panel-actions');

	await page
		.getByTestId('node-creator')
		.getByText('Send a message to a skill', { exact: true })
		.click();
	await checkSkillMessageForm(page);
	await shot('skill-message-form');

	await checkCredentialForm(page, options, shot);
	await checkRefreshTokenCredentialTest(page, base, options);

	await checkAlexaTrigger(page, base);
	await shot('alexa-trigger-setup');
	await checkRefusalWhileListening(page, base);
	await shot('alexa-trigger-test-refused');

	await checkSmartHomeTrigger(page, base, options.smartHomeEvents, shot);
	await shot('smart-home-trigger-setup');
}

/**
 * A new workflow started as a user starts it: search "Alexa", pick the Alexa Smart Home Trigger
 * (the panel lists it as "Alexa Smart Home", next to the package's "Alexa" entry), pick an event.
 * Its panel shows the set-up notice (the CloudFormation template, the stack's output
 * RelayFunctionArn), its credential is made from the node, and its Production URL is this n8n's
 * /webhook/<id>/alexa-smart-home.
 */
async function checkSmartHomeTrigger(
	page: Page,
	base: string,
	events: string[],
	shot: (name: string) => Promise<void>,
) {
	await page.goto(`${base}/workflow/new`);
	await page.getByTestId('canvas-add-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Alexa');
	const entry = nodePanelEntry(page, 'Alexa Smart Home');
	const entryText = await entry.innerText();
	assert.ok(
		entryText.includes(SMART_HOME_TRIGGER_DESCRIPTION),
		`the panel's "Alexa Smart Home" entry does not describe the trigger:\n${entryText}`,
	);
	await shot('node-panel-search-alexa');
	await entry.getByTestId('node-creator-item-name').click();
	const panel = page.getByTestId('node-creator');
	await panel.getByText(`Triggers (${events.length})`).waitFor();
	for (const event of events)
		await panel.getByText(`On ${event.toLowerCase()}`, { exact: true }).first().waitFor();
	await panel.getByText('On discovery', { exact: true }).click();

	const parameters = page.getByTestId('node-parameters');
	await parameters.waitFor();
	// The trigger panel beside the parameters says where the URL goes.
	await page
		.getByText("Paste the Production URL into the relay's stack", { exact: true })
		.waitFor();
	const notice = parameters.getByTestId('parameter-item').filter({ hasText: 'CloudFormation' });
	const noticeText = (await notice.innerText()).replace(/\s+/g, ' ');
	for (const part of [
		"Amazon sends smart home directives only to an AWS Lambda function: the package's relay forwards them here.",
		'create a CloudFormation stack from lambda/template.yaml',
		"with your skill ID, this node's Production URL and the credential's Relay Secret",
		"then paste the stack's output RelayFunctionArn into your skill's Smart Home endpoint.",
	])
		assert.ok(noticeText.includes(part), `the set-up notice lacks "${part}":\n${noticeText}`);
	assert.equal(
		await notice.getByRole('link', { name: 'lambda/template.yaml' }).getAttribute('href'),
		'https://github.com/n8n-nodes-alexa/n8n-nodes-alexa/blob/main/lambda/template.yaml',
	);
	const parametersText = await parameters.innerText();
	for (const label of ['Events', 'Respond', 'Discovery'])
		assert.ok(
			parametersText.includes(label),
			`the Alexa Smart Home Trigger has no "${label}":\n${parametersText}`,
		);

	await createRelayCredential(page, shot);

	await parameters.getByText('Webhook URLs').click();
	await parameters.getByText('Production URL', { exact: true }).click();
	const productionUrl = new RegExp(
		`^${base.replaceAll('.', '\\.')}/webhook/[0-9a-f-]{36}/alexa-smart-home$`,
	);
	await parameters
		.getByText(productionUrl)
		.waitFor({ timeout: 10_000 })
		.catch(async () => {
			const shown = (await parameters.innerText()).match(/https?:\/\/\S+/g) ?? [];
			throw new Error(`no Production URL matching ${productionUrl}; shown: ${shown.join(', ')}`);
		});
}

/** The relay credential, made from the trigger's own Credential field: one Relay Secret. */
async function createRelayCredential(page: Page, shot: (name: string) => Promise<void>) {
	await openNewCredential(page);
	const dialog = page.getByTestId('credential-edit-dialog');
	await dialog.waitFor();
	// The dialog's header names the type; n8n names the credential after it, without "API".
	const modal = page.getByTestId('editCredential-modal');
	await modal.getByText('Alexa Smart Home Relay API', { exact: true }).waitFor();
	await modal
		.getByTestId('credential-name')
		.getByTestId('inline-edit-preview')
		.getByText('Alexa Smart Home Relay account', { exact: true })
		.waitFor();
	await dialog
		.getByText(
			"The same secret goes into the relay's CloudFormation stack (parameter RelaySecret)",
			{
				exact: false,
			},
		)
		.waitFor();
	await dialog
		.getByTestId('parameter-input-relaySecret')
		.locator('input')
		.fill(crypto.randomBytes(32).toString('hex'));
	await shot('smart-home-relay-credential');
	await page.getByTestId('credential-save-button').click();
	await page.getByText('Credential successfully created').waitFor();
	// With no connection test to run, saving closes the dialog and the node takes the credential.
	await dialog.waitFor({ state: 'hidden' });
	const select = page.getByTestId('node-credentials-select');
	const chosen = async () =>
		`${await select.innerText()} ${await select
			.locator('input')
			.first()
			.inputValue()
			.catch(() => '')}`;
	for (let attempt = 1; !(await chosen()).includes('Alexa Smart Home Relay account'); attempt++) {
		if (attempt === 50)
			throw new Error(`the node did not take the new credential: "${await chosen()}"`);
		await page.waitForTimeout(200);
	}
}

/** Opens the node's Credential select and picks "Create new credential". */
async function openNewCredential(page: Page) {
	// The select can miss a click while the panel is still opening: click again until it opens.
	const createNew = page.getByTestId('node-credentials-select-item-new');
	for (let attempt = 1; ; attempt++) {
		await page.getByTestId('node-credentials-select').click();
		try {
			await createNew.waitFor({ timeout: 3_000 });
			break;
		} catch (error) {
			if (attempt === 5) throw error;
		}
	}
	await createNew.click();
}

/** The panel's entry for a node (or a package's merged "Alexa" entry), by the name it shows. */
function nodePanelEntry(page: Page, name: string) {
	return page
		.getByTestId('node-creator')
		.locator('[data-test-id^="node-creator-"][data-test-id$="-item"]')
		.filter({
			has: page.getByTestId('node-creator-item-name').getByText(name, { exact: true }),
		});
}

/**
 * A new workflow that starts with the Alexa Trigger: its panel shows the set-up text (where the
 * URL goes in the developer console) and, under Webhook URLs, the Production URL of this n8n.
 */
async function checkAlexaTrigger(page: Page, base: string) {
	await page.keyboard.press('Escape'); // closes the credential dialog
	await page.goto(`${base}/workflow/new`);
	await page.getByTestId('canvas-add-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Alexa Trigger');
	// The panel lists the package's trigger as "Alexa" (n8n drops "Trigger" from a trigger's name)
	// and offers one "On …" action per option of its Events field.
	await page.getByTestId('node-creator-item-name').getByText('Alexa', { exact: true }).click();
	const panel = page.getByTestId('node-creator');
	await panel.getByText('Triggers (12)').waitFor();
	await panel.getByText('On launch', { exact: true }).click();
	const parameters = page.getByTestId('node-parameters');
	await parameters.waitFor();
	const setUp =
		"Paste this node's Production URL into your skill in the Alexa developer console: Build → Endpoint → HTTPS.";
	await parameters.getByText(setUp).waitFor();
	// "On launch" leaves Events at Launch only: the node says what that means for intents.
	await parameters.getByText('Intent is not among the Events', { exact: false }).waitFor();
	for (const label of ['Skill IDs', 'Events', 'Respond']) {
		assert.ok(
			(await parameters.innerText()).includes(label),
			`the Alexa Trigger has no "${label}" field:\n${await parameters.innerText()}`,
		);
	}

	await parameters.getByText('Webhook URLs').click();
	await parameters.getByText('Production URL', { exact: true }).click();
	const productionUrl = new RegExp(`${base.replaceAll('.', '\\.')}/webhook/[0-9a-f-]{36}/alexa`);
	await parameters.getByText(productionUrl).waitFor();
}

/**
 * Listening for a test event, a request the trigger refuses (here: not signed, as a request sent
 * by hand) fails the test run, and the editor shows why (issue 28): n8n Cloud users cannot read
 * the server log where a published workflow's refusals go.
 */
async function checkRefusalWhileListening(page: Page, base: string) {
	const parameters = page.getByTestId('node-parameters');
	await parameters.getByText('Test URL', { exact: true }).click();
	const testUrlPattern = new RegExp(
		`${base.replaceAll('.', '\\.')}/webhook-test/[0-9a-f-]{36}/alexa`,
	);
	const testUrl = (await parameters.getByText(testUrlPattern).first().innerText()).trim();
	// Skill IDs is required: the editor runs the step only once it is filled in.
	await parameters
		.getByTestId('parameter-input-skillIds')
		.locator('input')
		.fill('amzn1.ask.skill.00000000-0000-0000-0000-000000000000');
	await page.getByTestId('node-execute-button').first().click();
	await page.getByText('Listening for test event', { exact: false }).first().waitFor();
	const answer = await fetch(testUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ version: '1.0', request: { type: 'LaunchRequest' } }),
	});
	assert.equal(answer.status, 500, await answer.text());
	await page
		.getByText('Alexa Trigger refused the request: the SignatureCertChainUrl header is missing', {
			exact: false,
		})
		.first()
		.waitFor();
}

async function checkNodePanel(page: Page, actionsByResource: Map<string, string[]>) {
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('Alexa');
	// n8n merges the Alexa Trigger into the Alexa node's entry and shows the trigger's description
	// for it: the package's description, naming all three nodes.
	const entry = nodePanelEntry(page, 'Alexa');
	const entryText = (await entry.innerText()).replace(/\s+/g, ' ');
	assert.ok(
		entryText.includes(PACKAGE_ENTRY_DESCRIPTION),
		`the panel's "Alexa" entry does not describe the package:\n${entryText}`,
	);
	await entry.getByTestId('node-creator-item-name').click();
	const panel = page.getByTestId('node-creator');
	const total = [...actionsByResource.values()].flat().length;
	await panel.getByText(`Actions (${total})`).waitFor();
	// The node details above the actions repeat the description (the list slides out behind them).
	await panel
		.getByText(PACKAGE_ENTRY_DESCRIPTION, { exact: true })
		.filter({ visible: true })
		.last()
		.waitFor();
	// The panel renders its groups after the count: wait for each action, then read the text.
	for (const action of [...actionsByResource.values()].flat()) {
		await panel
			.getByText(action, { exact: true })
			.first()
			.waitFor({ timeout: 10_000 })
			.catch(async () => {
				throw new Error(`the node panel does not list "${action}":\n${await panel.innerText()}`);
			});
	}
	const text = await panel.innerText();
	for (const resource of actionsByResource.keys()) {
		assert.ok(
			text.toUpperCase().includes(`${resource.toUpperCase()} ACTIONS`),
			`no "${resource} actions" group in the node panel:\n${text}`,
		);
	}
}

async function checkSkillMessageForm(page: Page) {
	const parameters = page.getByTestId('node-parameters');
	await parameters.waitFor();
	const text = await parameters.innerText();
	for (const label of [
		'Credential',
		'Operation',
		'User ID',
		'Give Message Data As',
		'Message Data',
		'Expires After Seconds',
		'Delivery Options',
	]) {
		assert.ok(text.includes(label), `the Skill Message form has no "${label}" field:\n${text}`);
	}
	await parameters.getByTestId('parameter-input-userId').waitFor();
}

async function checkCredentialForm(
	page: Page,
	options: BrowserStageOptions,
	shot: (name: string) => Promise<void>,
) {
	await openNewCredential(page);
	const dialog = page.getByTestId('credential-edit-dialog');
	await dialog.waitFor();
	await dialog.getByTestId('parameter-input-clientId').locator('input').fill(options.clientId);
	await dialog
		.getByTestId('parameter-input-clientSecret')
		.locator('input')
		.fill(options.clientSecret);
	await dialog.getByTestId('parameter-input-region').click();
	const regionOptions = page.locator('[data-test-id="parameter-input-item"]:visible');
	await regionOptions.first().waitFor();
	const regions = (await regionOptions.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	assert.deepEqual(regions, ['North America', 'Europe', 'Far East', 'Custom']);
	await regionOptions.filter({ hasText: /^Custom/ }).click();
	await dialog.getByTestId('parameter-input-apiBaseUrl').locator('input').fill(options.fake.url);
	await dialog
		.getByTestId('parameter-input-loginWithAmazonUrl')
		.locator('input')
		.fill(options.fake.tokenUrl);
	await shot('credential-form');

	// Saving runs the credential's test against the fake LWA (n8n then closes the form);
	// opening the credential again tests it again and shows the result with a Retry button.
	await page.getByTestId('credential-save-button').click();
	await page.getByText('Credential successfully created').waitFor();
	await page.getByTestId('credential-edit-button').click();
	await dialog.getByText('Connection tested successfully').waitFor();
	await shot('credential-test-success');
	const grants = options.fake.requestsTo('/auth/o2/token');
	assert.ok(
		grants.length >= 1 &&
			grants.every((grant) => grant.status === 200 && grant.form?.client_id === options.clientId),
		'the test asked the fake LWA',
	);

	options.fake.lwaRefusal = {
		status: 401,
		error: 'invalid_client',
		description: 'Client authentication failed',
	};
	await dialog.getByRole('button', { name: 'Retry' }).click();
	const refusal =
		'Login with Amazon did not issue a token: invalid_client (Client authentication failed)';
	// n8n 2.x shows "Couldn't connect with these settings"; the test's own message is behind "More details".
	await dialog.getByText('More details').click();
	await dialog.getByText(refusal).waitFor();
	assert.equal(
		options.fake.requestsTo('/auth/o2/token').at(-1)?.status,
		401,
		'the Retry asked the fake LWA',
	);
	assert.ok(
		!(await dialog.innerText()).includes(options.clientSecret),
		'the form does not show the secret',
	);
	await shot('credential-test-invalid-client');
}

/**
 * The refresh-token credential's Test with the Refresh Token left empty, as the README says to
 * leave it for workflows that take each customer's token from the input (issue 28): n8n's own
 * /rest/credentials/test, which the editor's Test button and Retry call, runs the Alexa node's
 * `testedBy` function. The right client ID and secret pass; a wrong secret fails with LWA's
 * error and what to check, and the secret is not in the answer.
 */
async function checkRefreshTokenCredentialTest(
	page: Page,
	base: string,
	options: BrowserStageOptions,
) {
	options.fake.lwaRefusal = undefined;
	const test = async (clientSecret: string) => {
		// From the page, as the editor sends it: n8n ties its login cookie to the browser-id
		// header the editor adds from localStorage (a request without it is answered 401).
		const answer = await page.evaluate(
			async ({ url, body }) => {
				const response = await fetch(url, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						'browser-id': localStorage.getItem('n8n-browserId') ?? '',
					},
					credentials: 'include',
					body: JSON.stringify(body),
				});
				return { status: response.status, text: await response.text() };
			},
			{
				url: `${base}/rest/credentials/test`,
				body: {
					credentials: {
						id: '',
						name: 'Alexa smart home (test)',
						type: 'alexaLwaRefreshTokenApi',
						data: {
							clientId: options.clientId,
							clientSecret,
							refreshToken: '',
							region: 'custom',
							apiBaseUrl: options.fake.url,
							loginWithAmazonUrl: options.fake.tokenUrl,
						},
					},
				},
			},
		);
		assert.equal(answer.status, 200, answer.text);
		return (JSON.parse(answer.text) as { data: { status: string; message: string } }).data;
	};
	const good = await test(options.clientSecret);
	assert.deepEqual(good, {
		status: 'OK',
		message:
			'Login with Amazon accepted the Client ID and Secret. There is no Refresh Token to test: the Event operations need Access Token Source "From Input", with each customer\'s token',
	});
	assert.equal(options.fake.requestsTo('/auth/o2/token').at(-1)?.status, 400, 'invalid_grant');
	const wrong = 'not-the-secret-0000000000';
	const bad = await test(wrong);
	assert.equal(bad.status, 'Error');
	assert.match(bad.message, /^Login with Amazon did not issue a token: invalid_client /);
	assert.ok(!JSON.stringify([good, bad]).includes(wrong), 'no secret in the answers');
	assert.ok(
		!JSON.stringify([good, bad]).includes(options.clientSecret),
		'no secret in the answers',
	);
}
