import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { skillIdProperty, stageProperty } from './fields';

/** Disable the skill stage for the developer: `/v1/skills/{skillId}/stages/{stage}/enablement`. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['disableSkill'] } };

const properties: INodeProperties[] = [skillIdProperty, stageProperty];

export const description = updateDisplayOptions(displayOptions, properties);
