import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { tokenSourceProperties } from '../../shared/accessTokenSource';
import { endpointProperty, skillIdProperty } from './fields';

/** The customer's skill and account linking status: `/v1/users/~current/skills/{skillId}/enablement`, on the customer's host. */
const displayOptions = { show: { resource: ['skillEnablement'], operation: ['getAccountLinkingAndSkillStatus'] } };

const properties: INodeProperties[] = [skillIdProperty, endpointProperty, ...tokenSourceProperties];

export const description = updateDisplayOptions(displayOptions, properties);
