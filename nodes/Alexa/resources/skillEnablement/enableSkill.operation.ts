import {
	updateDisplayOptions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { plannedRouting, type ItemPlan } from '../../shared/delivery/plan';
import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { requireSkillId, requireStage, skillIdProperty, stageProperty } from './fields';
import { reportDone } from './output';
import { STAGE_ENABLEMENT_PATH } from './paths';
import { developerPlan } from './requests';

/** Enable a stage of the skill for its developer: `PUT /v1/skills/{skillId}/stages/{stage}/enablement` on api.amazonalexa.com (the other stage is disabled). */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['enableSkill'] } };

const properties: INodeProperties[] = [skillIdProperty, stageProperty];

export const description = updateDisplayOptions(displayOptions, properties);

function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return developerPlan(request, { skillId: requireSkillId(context), stage: requireStage(context) });
}

export const option: INodePropertyOptions = {
	name: 'Enable Skill',
	value: 'enableSkill',
	action: 'Enable a skill stage for the developer',
	description: 'As the skill\'s developer, enable a stage of the skill (the other stage is disabled)',
	routing: plannedRouting('PUT', STAGE_ENABLEMENT_PATH, plan, [mapAlexaErrors, reportDone]),
};
