import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { mapAlexaErrors } from '../../shared/errors';
import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa';
import { useFallbackAnswer, type HostRule } from '../../shared/requestPlan';
import { credentialSelector } from '../credentialSelector';
import * as disableSkill from './disableSkill.operation';
import * as disableSkillAndUnlinkAccount from './disableSkillAndUnlinkAccount.operation';
import * as enableSkill from './enableSkill.operation';
import * as enableSkillAndLinkAccount from './enableSkillAndLinkAccount.operation';
import {
	checkSkillAndStage,
	CUSTOMER_ENABLEMENT_PATH,
	customerHost,
	enablementRequest,
	forCustomer,
	globalHost,
	requireSkillId,
	STAGE_ENABLEMENT_PATH,
} from './fields';
import * as getAccountLinkingAndSkillStatus from './getAccountLinkingAndSkillStatus.operation';
import * as getApiEndpoint from './getApiEndpoint.operation';
import * as getSkillEnablementStatus from './getSkillEnablementStatus.operation';
import {
	apiEndpointFallback,
	reportApiEndpoints,
	reportCustomerStatus,
	reportDone,
	reportLinkResult,
	reportStageStatus,
} from './output';

type OutputHook = typeof reportDone;

function enablement(
	method: 'GET' | 'PUT' | 'POST' | 'DELETE',
	url: string,
	hostRule: (context: IExecuteSingleFunctions) => HostRule,
	build: (context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => void,
	output: OutputHook,
) {
	return {
		request: { method, url },
		send: { preSend: [enablementRequest(hostRule, build)] },
		output: { postReceive: [mapAlexaErrors, output] },
	};
}

const checkSkill = (context: IExecuteSingleFunctions) => {
	requireSkillId(context);
};

/** Get API Endpoint still failing with 5xx after its resends answers the three customer hosts. */
const planApiEndpointFallback = (_context: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => {
	useFallbackAnswer(requestOptions, apiEndpointFallback);
};

export const description: INodeProperties[] = [
	credentialSelector('skillEnablement', REFRESH_TOKEN_CREDENTIAL),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['skillEnablement'] } },
		options: [
			{
				name: 'Disable Skill',
				value: 'disableSkill',
				action: 'Disable a skill stage for the developer',
				description: 'As the skill\'s developer, disable a stage of the skill',
				routing: enablement('DELETE', STAGE_ENABLEMENT_PATH, globalHost, checkSkillAndStage, reportDone),
			},
			{
				name: 'Disable Skill and Unlink Account',
				value: 'disableSkillAndUnlinkAccount',
				action: 'Disable a skill and unlink the account for a customer',
				description: 'For a customer, disable the skill and unlink their accounts',
				routing: enablement('DELETE', CUSTOMER_ENABLEMENT_PATH, customerHost, forCustomer(checkSkill), reportDone),
			},
			{
				name: 'Enable Skill',
				value: 'enableSkill',
				action: 'Enable a skill stage for the developer',
				description: 'As the skill\'s developer, enable a stage of the skill (the other stage is disabled)',
				routing: enablement('PUT', STAGE_ENABLEMENT_PATH, globalHost, checkSkillAndStage, reportDone),
			},
			{
				name: 'Enable Skill and Link Account',
				value: 'enableSkillAndLinkAccount',
				action: 'Enable a skill and link the account for a customer',
				description: 'For a customer, enable the skill and link their account in your system (app-to-app linking)',
				routing: enablement(
					'POST',
					CUSTOMER_ENABLEMENT_PATH,
					customerHost,
					forCustomer(enableSkillAndLinkAccount.build),
					reportLinkResult,
				),
			},
			{
				name: 'Get Account Linking and Skill Status',
				value: 'getAccountLinkingAndSkillStatus',
				action: 'Get the skill and account linking status for a customer',
				description: 'For a customer, whether the skill is enabled and the accounts linked',
				routing: enablement('GET', CUSTOMER_ENABLEMENT_PATH, customerHost, forCustomer(checkSkill), reportCustomerStatus),
			},
			{
				name: 'Get API Endpoint',
				value: 'getApiEndpoint',
				action: 'Get the hosts that serve a customer',
				description: 'For a customer, the Alexa hosts to call Skill Enablement on',
				routing: enablement(
					'GET',
					'/v1/alexaApiEndpoint',
					globalHost,
					forCustomer(planApiEndpointFallback),
					reportApiEndpoints,
				),
			},
			{
				name: 'Get Skill Enablement Status',
				value: 'getSkillEnablementStatus',
				action: 'Get the enablement status of a skill stage for the developer',
				description: 'As the skill\'s developer, whether a stage of the skill is enabled',
				routing: enablement('GET', STAGE_ENABLEMENT_PATH, globalHost, checkSkillAndStage, reportStageStatus),
			},
		],
		default: 'getSkillEnablementStatus',
	},
	...enableSkill.description,
	...disableSkill.description,
	...getSkillEnablementStatus.description,
	...enableSkillAndLinkAccount.description,
	...disableSkillAndUnlinkAccount.description,
	...getAccountLinkingAndSkillStatus.description,
	...getApiEndpoint.description,
];
