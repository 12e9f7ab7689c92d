import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { tokenSourceProperties } from '../../shared/accessTokenSource';
import { endpointProperty, skillIdProperty } from './fields';

/** Disable the skill for the customer and unlink the accounts: `/v1/users/~current/skills/{skillId}/enablement`, on the customer's host. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['disableSkillAndUnlinkAccount'] } };

const properties: INodeProperties[] = [skillIdProperty, endpointProperty, ...tokenSourceProperties];

export const description = updateDisplayOptions(displayOptions, properties);
