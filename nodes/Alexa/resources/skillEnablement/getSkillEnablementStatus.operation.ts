import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { skillIdProperty, stageProperty } from './fields';

/** Whether the skill stage is enabled for the developer: `/v1/skills/{skillId}/stages/{stage}/enablement`. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['getSkillEnablementStatus'] } };

const properties: INodeProperties[] = [skillIdProperty, stageProperty];

export const description = updateDisplayOptions(displayOptions, properties);
