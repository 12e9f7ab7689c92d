import type { INodeProperties } from 'n8n-workflow';

import { SKILL_MESSAGING_CREDENTIAL } from '../../shared/lwa/tokens';
import { resourceProperties } from '../resourceProperties';
import * as send from './send.operation';

/** Messages to a skill for one user (Skill Messaging API). */
export const description: INodeProperties[] = resourceProperties('skillMessage', SKILL_MESSAGING_CREDENTIAL, [send], 'send');
