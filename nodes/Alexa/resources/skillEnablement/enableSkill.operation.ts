import { mapAlexaErrors } from '../../shared/errors/alexaApiError';
import { reportDone } from './output';
import { developerOperation } from './requests';

/** Enable a stage of the skill for its developer (`PUT`); the other stage is disabled. */
export const operation = developerOperation({
	value: 'enableSkill',
	name: 'Enable Skill',
	action: 'Enable a skill stage for the developer',
	description:
		"As the skill's developer, enable a stage of the skill (the other stage is disabled)",
	method: 'PUT',
	output: [mapAlexaErrors, reportDone],
});
