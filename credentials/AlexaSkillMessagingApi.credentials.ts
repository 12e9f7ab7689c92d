import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	authorizeRequest,
	lwaClientProperties,
	preAuthenticate,
	storedAccessTokenProperty,
	tokenExchangeTest,
} from '../nodes/Alexa/shared/lwa/credentialAuth';
import { regionProperties } from '../nodes/Alexa/shared/alexa/hosts';
import { SKILL_MESSAGING_CREDENTIAL } from '../nodes/Alexa/shared/lwa/tokens';

export class AlexaSkillMessagingApi implements ICredentialType {
	name = SKILL_MESSAGING_CREDENTIAL;

	displayName = 'Alexa Skill Messaging API';

	icon: Icon = {
		light: 'file:../nodes/Alexa/alexa.svg',
		dark: 'file:../nodes/Alexa/alexa.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-alexa/n8n-nodes-alexa#alexa-skill-messaging-api';

	properties: INodeProperties[] = [
		{
			displayName:
				'In the Alexa developer console open your skill, then Build → Permissions → Alexa Skill Messaging, and copy the Client ID and Client Secret shown there. The same credential sends skill messages and notifications (Proactive Events).',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...lwaClientProperties,
		...regionProperties,
		storedAccessTokenProperty,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await preAuthenticate(this, SKILL_MESSAGING_CREDENTIAL, credentials);
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		authorizeRequest(SKILL_MESSAGING_CREDENTIAL, credentials, requestOptions);

	test: ICredentialTestRequest = tokenExchangeTest;
}
