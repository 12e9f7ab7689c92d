import { alexaErrors } from '../../shared/errors/alexaApiError';
import { reportStageStatus } from './output';
import { developerOperation } from './requests';

/** Whether a stage of the skill is enabled for its developer (`GET`): 204 enabled, 404 not (an answer, not an error). */
export const operation = developerOperation({
	value: 'getSkillEnablementStatus',
	name: 'Get Skill Enablement Status',
	action: 'Get the enablement status of a skill stage for the developer',
	description: "As the skill's developer, whether a stage of the skill is enabled",
	method: 'GET',
	output: [alexaErrors({ notErrors: [404] }), reportStageStatus],
});
