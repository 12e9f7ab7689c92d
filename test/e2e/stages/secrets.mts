/** No client secret, refresh token, credential access token or Alexa request token in anything n8n printed or logged. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
	CLIENT_SECRET,
	credentialAccessTokens,
	CUSTOMER_REFRESH_TOKEN,
	DEVELOPER_REFRESH_TOKEN,
	RELAY_SECRET,
	SMART_HOME_BEARER_TOKEN,
} from '../fixtures.mts';
import { API_ACCESS_TOKEN, USER_ACCESS_TOKEN } from '../../alexa-signer/requests.mts';
import { output } from '../n8n.mts';
import { inSessionTokens } from './inSession.mts';

export function secretScanStage(log: (text: string) => void): void {
	// The tokens in Alexa's requests to the trigger count too (the trigger leaves them out unless asked).
	const secrets = [
		CLIENT_SECRET,
		CUSTOMER_REFRESH_TOKEN,
		DEVELOPER_REFRESH_TOKEN,
		API_ACCESS_TOKEN,
		USER_ACCESS_TOKEN,
		RELAY_SECRET,
		SMART_HOME_BEARER_TOKEN,
		...credentialAccessTokens,
		...inSessionTokens,
	];
	// credentials.json is this script's own input; the AcceptGrant example prints the tokens it
	// exchanged for on purpose, and those are not in this list.
	const files = logFiles(output).filter((file) => path.basename(file) !== 'credentials.json');
	for (const file of files) {
		const text = fs.readFileSync(file, 'utf8');
		for (const secret of secrets)
			assert.ok(
				!text.includes(secret),
				`${path.relative(output, file)} contains a secret (${secret.slice(0, 6)}…)`,
			);
	}
	log(`  scanned ${files.length} files for ${secrets.length} secrets`);
}

/** Every text file the run wrote: CLI output, process logs, n8n's own event logs. */
function logFiles(folder: string): string[] {
	return fs
		.readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(log|txt|json)$/.test(entry.name))
		.map((entry) => path.join(entry.parentPath, entry.name));
}
