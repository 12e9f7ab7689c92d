import type { INodeProperties } from 'n8n-workflow';

import { SMART_HOME_EVENTS } from './directives/smartHomeEvents';

/** Where the relay and its template are, for the set-up notice: the repository and the npm package. */
const RELAY_TEMPLATE_URL =
	'https://github.com/n8n-nodes-alexa/n8n-nodes-alexa/blob/main/lambda/template.yaml';

export const smartHomeTriggerProperties: INodeProperties[] = [
	{
		displayName: `Amazon sends smart home directives only to an AWS Lambda function: the package's relay forwards them here. Set up once: in the AWS console (in the region for your skill's users: us-east-1 for North America, eu-west-1 for Europe and India, us-west-2 for the Far East and Australia) create a CloudFormation stack from <a href="${RELAY_TEMPLATE_URL}" target="_blank">lambda/template.yaml</a> (also in the package's lambda/ folder) with your skill ID, this node's Production URL and the credential's Relay Secret, then paste the stack's output RelayFunctionArn into your skill's Smart Home endpoint.`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: SMART_HOME_EVENTS.map(({ name, value, description }) => ({
			name,
			value,
			description,
		})),
		default: [
			'discovery',
			'acceptGrant',
			'reportState',
			'powerController',
			'brightnessController',
			'percentageController',
			'powerLevelController',
			'colorController',
			'colorTemperatureController',
			'thermostatController',
			'lockController',
			'rangeController',
			'modeController',
			'toggleController',
			'sceneController',
			'speaker',
			'stepSpeaker',
			'channelController',
			'inputController',
			'playbackController',
			'equalizerController',
			'securityPanelController',
			'cameraStreamController',
			'launcher',
			'keypadController',
			'recordController',
			'seekController',
			'timeHoldController',
			'cooking',
			'other',
		],
		description:
			"Which directives start the workflow. Others are answered at once without running it: an error INVALID_DIRECTIVE (Alexa says the device doesn't support that), no devices for Discovery, ACCEPT_GRANT_FAILED for Accept Grant.",
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
					"Tell Alexa at once that the answer follows (a DeferredResponse), then run the workflow, which sends the answer with the Alexa node's Event → Send Response or State Report. Discovery is answered with no devices (report them with Event → Add or Update Report), Accept Grant with success.",
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description:
					"Answer with the last node's first item: end the workflow with the Alexa node's Smart Home Response",
			},
			{
				name: "Using 'Respond to Webhook' Node",
				value: 'responseNode',
				description:
					"Answer from a node in the workflow: the Alexa node's Smart Home Response with Respond to Alexa Now switched on",
			},
		],
		default: 'lastNode',
		description:
			'When and how to answer Alexa. The relay waits 7 seconds for n8n, then tells Alexa the device is unreachable.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Bearer Token',
				name: 'includeBearerToken',
				type: 'boolean',
				default: false,
				description:
					"Whether to put the customer's account-linking access token (endpoint.scope.token) in the item as bearerToken and in raw. It grants access to the customer's account: leave off unless a node needs it.",
			},
		],
	},
];
