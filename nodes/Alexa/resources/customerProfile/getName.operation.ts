import { alexaRequestRead } from '../../shared/inSession/readOperation';

/** Customer Profile → Get Name: `GET /v2/accounts/~current/settings/Profile.name` (alexa::profile:name:read). */
export const operation = alexaRequestRead({
	basics: {
		value: 'getName',
		name: 'Get Name',
		action: "Get the user's full name",
		description:
			"The full name on the account (needs the user's permission alexa::profile:name:read)",
	},
	api: 'customerProfile',
	path: '/v2/accounts/~current/settings/Profile.name',
	outputField: 'name',
	noValueHint: 'The account has no name Alexa can give.',
});
