import type {
	ICredentialDataDecryptedObject,
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
} from '../nodes/Alexa/shared/lwa/credentialAuth';
import { regionProperties } from '../nodes/Alexa/shared/alexa/hosts';
import { REFRESH_TOKEN_CREDENTIAL } from '../nodes/Alexa/shared/lwa/tokens';

export class AlexaLwaRefreshTokenApi implements ICredentialType {
	name = REFRESH_TOKEN_CREDENTIAL;

	displayName = 'Alexa LWA Refresh Token (Smart Home, Skill Enablement) API';

	icon: Icon = {
		light: 'file:../nodes/Alexa/alexa.svg',
		dark: 'file:../nodes/Alexa/alexa.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-alexa/n8n-nodes-alexa#alexa-lwa-refresh-token-api';

	properties: INodeProperties[] = [
		{
			displayName:
				'For smart home events: the Client ID and Secret from Build → Permissions → Send Alexa Events, and the refresh token you received for the customer from the AcceptGrant code. For Skill Enablement as the developer: your own LWA security profile and refresh token.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...lwaClientProperties,
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'Atzr|...',
			description:
				"One customer's refresh token. Leave empty when the Event operations take each customer's access token from the input.",
		},
		...regionProperties,
		storedAccessTokenProperty,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await preAuthenticate(this, REFRESH_TOKEN_CREDENTIAL, credentials);
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		authorizeRequest(REFRESH_TOKEN_CREDENTIAL, credentials, requestOptions);

	// No `test` here: the Alexa node tests this credential (its `testedBy`,
	// nodes/Alexa/shared/lwa/credentialTest.ts), which also works with the Refresh Token empty.
}
