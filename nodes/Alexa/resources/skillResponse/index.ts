import type { INodeProperties } from 'n8n-workflow';

import { localResourceProperties, type LocalOperationModule, type LocalResourceSpec } from '../resourceProperties';
import * as build from './build.operation';

/** The answer a custom skill returns to Alexa, built in the node: nothing is sent, no credential is needed. */
export const resource: LocalResourceSpec = {
	option: {
		name: 'Skill Response',
		value: 'skillResponse',
		description: 'The answer your custom skill returns to Alexa, for the Alexa Trigger',
	},
};

export const operations: LocalOperationModule[] = [build];

export const description: INodeProperties[] = localResourceProperties(resource, operations, 'build');
