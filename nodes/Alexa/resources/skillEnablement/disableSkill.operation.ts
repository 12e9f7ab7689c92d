import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { reportDone } from './output';
import { developerOperation } from './requests';

/** Disable a stage of the skill for its developer (`DELETE`). */
export const operation = developerOperation({
	value: 'disableSkill',
	name: 'Disable Skill',
	action: 'Disable a skill stage for the developer',
	description: "As the skill's developer, disable a stage of the skill",
	method: 'DELETE',
	output: [mapAlexaErrors, reportDone],
});
