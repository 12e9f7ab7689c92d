import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { skillIdProperty, stageProperty } from './fields';

/** Enable the skill stage for the developer; enabling one stage disables the other: `/v1/skills/{skillId}/stages/{stage}/enablement`. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['enableSkill'] } };

const properties: INodeProperties[] = [skillIdProperty, stageProperty];

export const description = updateDisplayOptions(displayOptions, properties);
