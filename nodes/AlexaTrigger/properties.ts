import type { INodeProperties } from 'n8n-workflow';

import { ALEXA_EVENTS } from './requests/alexaEvents';
import { DEFAULT_SLOW_ANSWER } from './requests/slowAnswer';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Paste this node's Production URL into your skill in the Alexa developer console: Build → Endpoint → HTTPS. For the SSL certificate type, pick the one that matches your n8n's certificate (usually 'My development endpoint has a certificate from a trusted certificate authority'; n8n Cloud's certificate is a wildcard one: pick the wildcard option).",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Skill IDs',
		name: 'skillIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000',
		description:
			"The skill's ID (developer console → your skill → Copy Skill ID). Requests for any other skill are refused. Separate several IDs with commas.",
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: ALEXA_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
		default: [
			'launch',
			'intent',
			'sessionEnded',
			'messageReceived',
			'skillEnabled',
			'skillDisabled',
			'skillAccountLinked',
			'skillPermissionAccepted',
			'skillPermissionChanged',
			'proactiveSubscriptionChanged',
			'canFulfillIntent',
			'other',
		],
		description:
			'Which requests start the workflow. Other verified requests are answered with an empty Alexa response (a CanFulfillIntentRequest: canFulfill NO) and start nothing.',
	},
	{
		// n8n's node panel offers "On launch" and the like, which leave Events at one choice: the
		// skill's intents then get an empty answer, and users hear nothing (issue 28).
		displayName:
			'Intent is not among the Events: everything users say after opening the skill (its intents) gets an empty answer and starts nothing. Add Intent to Events unless that is what you want.',
		name: 'noIntentNotice',
		type: 'notice',
		default: '',
		displayOptions: { hide: { events: ['intent'] } },
	},
	{
		displayName: 'Intent Names',
		name: 'intentNames',
		type: 'string',
		default: '',
		placeholder: 'WhatsOnMyListIntent, AMAZON.HelpIntent',
		description:
			'Only these intents start the workflow (comma-separated). Leave empty for every intent.',
		displayOptions: { show: { events: ['intent'] } },
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: 'onReceived',
				description:
					'Answer Alexa at once with an empty response (a CanFulfillIntentRequest: canFulfill NO), then run the workflow. Right for Message Received and skill events, which only need an HTTP 200.',
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description:
					"Answer with the last node's first item: end the workflow with the Alexa node's Skill Response → Build Response",
			},
			{
				name: "Using 'Respond to Webhook' Node",
				value: 'responseNode',
				description:
					"Answer from a node in the workflow: the Alexa node's Build Response with Respond to Alexa Now switched on (n8n's Respond to Webhook node accepts only n8n's own webhook triggers from its version 1.1)",
			},
		],
		default: 'lastNode',
		description:
			'When and how to answer Alexa. Alexa waits at most 8 seconds for an answer; a slower workflow makes Alexa tell the user the skill did not respond.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Access Tokens',
				name: 'includeAccessTokens',
				type: 'boolean',
				default: false,
				description:
					"Whether to put the request's apiAccessToken and the user's account-linking access token in the item (as apiAccessToken and userAccessToken, and in raw). They grant access to the user's data: leave off unless a node needs them.",
			},
			{
				displayName: 'When the Workflow Is Slow',
				name: 'whenSlow',
				type: 'options',
				options: [
					{
						name: 'Say a Message',
						value: 'speak',
						description:
							'After 7 s without an answer, Alexa says Slow Answer; the workflow goes on, and its own answer is dropped',
					},
					{
						name: 'Answer With an Error',
						value: 'error',
						description:
							'After 7 s, HTTP 500: Alexa tells the user there was a problem with the skill; the workflow goes on',
					},
					{
						name: 'Keep Waiting',
						value: 'wait',
						description:
							"Alexa gives up after about 8 s and tells the user the skill didn't respond",
					},
				],
				default: 'speak',
				description:
					"What Alexa gets when the workflow has not answered 7 s after the request (Alexa waits about 8 s). For Respond: When Last Node Finishes or Using 'Respond to Webhook' Node.",
			},
			{
				displayName: 'Slow Answer',
				name: 'slowAnswer',
				type: 'string',
				default: DEFAULT_SLOW_ANSWER,
				description:
					'What Alexa says, as plain text, when the workflow is slow and When the Workflow Is Slow is Say a Message',
			},
			{
				displayName: 'Additional Trusted Root',
				name: 'additionalTrustedRoot',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: '-----BEGIN CERTIFICATE-----',
				description:
					"For a local Alexa simulator only: a PEM root certificate trusted in addition to Amazon's roots. Real Alexa requests never need it; leave empty in production.",
			},
		],
	},
];
