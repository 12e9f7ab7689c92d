import {
	updateDisplayOptions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { plannedRouting, type ItemPlan } from '../../shared/delivery/plan';
import { alexaErrors } from '../../shared/errors/alexaApiError';
import { requireSkillId, requireStage, skillIdProperty, stageProperty } from './fields';
import { reportStageStatus } from './output';
import { STAGE_ENABLEMENT_PATH } from './paths';
import { developerPlan } from './requests';

/** Whether the skill stage is enabled for the developer: 204 enabled, 404 not (an answer, not an error). */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['getSkillEnablementStatus'] } };

const properties: INodeProperties[] = [skillIdProperty, stageProperty];

export const description = updateDisplayOptions(displayOptions, properties);

function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return developerPlan(request, { skillId: requireSkillId(context), stage: requireStage(context) });
}

export const option: INodePropertyOptions = {
	name: 'Get Skill Enablement Status',
	value: 'getSkillEnablementStatus',
	action: 'Get the enablement status of a skill stage for the developer',
	description: 'As the skill\'s developer, whether a stage of the skill is enabled',
	routing: plannedRouting('GET', STAGE_ENABLEMENT_PATH, plan, [alexaErrors({ notErrors: [404] }), reportStageStatus]),
};
