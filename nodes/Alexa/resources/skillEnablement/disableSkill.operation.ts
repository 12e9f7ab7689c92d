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

/** Disable a stage of the skill for its developer: `DELETE /v1/skills/{skillId}/stages/{stage}/enablement`. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['disableSkill'] } };

const properties: INodeProperties[] = [skillIdProperty, stageProperty];

export const description = updateDisplayOptions(displayOptions, properties);

function plan(context: IExecuteSingleFunctions, request: IHttpRequestOptions): ItemPlan {
	return developerPlan(request, { skillId: requireSkillId(context), stage: requireStage(context) });
}

export const option: INodePropertyOptions = {
	name: 'Disable Skill',
	value: 'disableSkill',
	action: 'Disable a skill stage for the developer',
	description: 'As the skill\'s developer, disable a stage of the skill',
	routing: plannedRouting('DELETE', STAGE_ENABLEMENT_PATH, plan, [mapAlexaErrors, reportDone]),
};
