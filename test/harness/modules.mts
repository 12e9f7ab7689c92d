/**
 * The CommonJS modules the tests drive: n8n's engine, and this package as built into dist/
 * (what n8n loads). Loaded with `require` so that the tests and the node share one instance of
 * each module: one `n8n-workflow` (for `instanceof NodeApiError`) and one LWA token cache.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

// n8n-core writes its instance settings (an encryption key) under the user folder on first
// load: keep that out of the home directory.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-alexa-test-'));
}

export const projectRoot = path.resolve(import.meta.dirname, '../..');
const dist = path.join(projectRoot, 'dist');

export const n8nWorkflow = require('n8n-workflow') as typeof import('n8n-workflow');
export const n8nCore = require('n8n-core') as typeof import('n8n-core');

function fromDist<T>(relativePath: string): T {
	return require(path.join(dist, relativePath)) as T;
}

export const alexaNodeModule = fromDist<typeof import('../../nodes/Alexa/Alexa.node.ts')>(
	'nodes/Alexa/Alexa.node.js',
);
export const skillMessagingCredentialModule = fromDist<
	typeof import('../../credentials/AlexaSkillMessagingApi.credentials.ts')
>('credentials/AlexaSkillMessagingApi.credentials.js');
export const refreshTokenCredentialModule = fromDist<
	typeof import('../../credentials/AlexaLwaRefreshTokenApi.credentials.ts')
>('credentials/AlexaLwaRefreshTokenApi.credentials.js');
export const smartHomeRelayCredentialModule = fromDist<
	typeof import('../../credentials/AlexaSmartHomeRelayApi.credentials.ts')
>('credentials/AlexaSmartHomeRelayApi.credentials.js');
export const smartHomeTriggerModule = fromDist<
	typeof import('../../nodes/AlexaSmartHomeTrigger/AlexaSmartHomeTrigger.node.ts')
>('nodes/AlexaSmartHomeTrigger/AlexaSmartHomeTrigger.node.js');
export const seenMessages = fromDist<
	typeof import('../../nodes/AlexaSmartHomeTrigger/verification/seenMessages.ts')
>('nodes/AlexaSmartHomeTrigger/verification/seenMessages.js');
export const resources = fromDist<typeof import('../../nodes/Alexa/resources/index.ts')>(
	'nodes/Alexa/resources/index.js',
);
export const lwa = fromDist<typeof import('../../nodes/Alexa/shared/lwa/tokens.ts')>(
	'nodes/Alexa/shared/lwa/tokens.js',
);
export const clock = fromDist<typeof import('../../nodes/Alexa/shared/util/clock.ts')>(
	'nodes/Alexa/shared/util/clock.js',
);
export const hosts = fromDist<typeof import('../../nodes/Alexa/shared/alexa/hosts.ts')>(
	'nodes/Alexa/shared/alexa/hosts.js',
);
export const pacing = fromDist<typeof import('../../nodes/Alexa/shared/delivery/pacer.ts')>(
	'nodes/Alexa/shared/delivery/pacer.js',
);
export const runner = fromDist<typeof import('../../nodes/Alexa/shared/delivery/runner.ts')>(
	'nodes/Alexa/shared/delivery/runner.js',
);
export const alexaTriggerModule = fromDist<
	typeof import('../../nodes/AlexaTrigger/AlexaTrigger.node.ts')
>('nodes/AlexaTrigger/AlexaTrigger.node.js');
export const webhookResponseFields = fromDist<
	typeof import('../../nodes/Alexa/shared/util/webhookResponseFields.ts')
>('nodes/Alexa/shared/util/webhookResponseFields.js').webhookResponseFields;
export const certificateChains = fromDist<
	typeof import('../../nodes/AlexaTrigger/verification/certificateChain.ts')
>('nodes/AlexaTrigger/verification/certificateChain.js');
export const seenRequests = fromDist<
	typeof import('../../nodes/AlexaTrigger/verification/seenRequests.ts')
>('nodes/AlexaTrigger/verification/seenRequests.js');
export const trustedRoots = fromDist<
	typeof import('../../nodes/AlexaTrigger/verification/trustedRoots.ts')
>('nodes/AlexaTrigger/verification/trustedRoots.js');
export const smartHomeSchemaRules = fromDist<
	typeof import('../../nodes/Alexa/shared/smartHome/schemaRules.ts')
>('nodes/Alexa/shared/smartHome/schemaRules.js');
