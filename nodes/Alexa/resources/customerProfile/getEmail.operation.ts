import { alexaRequestRead } from '../../shared/inSession/readOperation';

/** Customer Profile → Get Email: `GET /v2/accounts/~current/settings/Profile.email` (alexa::profile:email:read). */
export const operation = alexaRequestRead({
	basics: {
		value: 'getEmail',
		name: 'Get Email',
		action: "Get the user's email address",
		description:
			"The email address on the account (needs the user's permission alexa::profile:email:read)",
	},
	api: 'customerProfile',
	path: '/v2/accounts/~current/settings/Profile.email',
	outputField: 'email',
	noValueHint: 'The account has no email address Alexa can give.',
});
