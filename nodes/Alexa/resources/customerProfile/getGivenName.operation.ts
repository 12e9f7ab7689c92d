import { alexaRequestRead } from '../../shared/inSession/readOperation';

/** Customer Profile → Get Given Name: `GET /v2/accounts/~current/settings/Profile.givenName` (alexa::profile:given_name:read). */
export const operation = alexaRequestRead({
	basics: {
		value: 'getGivenName',
		name: 'Get Given Name',
		action: "Get the user's given name",
		description:
			"The first name on the account (needs the user's permission alexa::profile:given_name:read)",
	},
	api: 'customerProfile',
	path: '/v2/accounts/~current/settings/Profile.givenName',
	outputField: 'givenName',
	noValueHint: 'The account has no given name Alexa can give.',
});
