import * as authorization from './authorization';
import * as event from './event';
import * as notification from './notification';
import * as skillEnablement from './skillEnablement';
import * as skillMessage from './skillMessage';
import * as skillResponse from './skillResponse';

/** The node's resources, each in its folder: its Resource option, API, credential and operations. Alphabetical. */
export const resources = [authorization, event, notification, skillEnablement, skillMessage, skillResponse];

type Resource = (typeof resources)[number];

/** Resources that send nothing (no API, so no credential): their operations run in the node (shared/local/localOperations.ts), not through the runner. */
export const localResources = resources.filter((resource): resource is Extract<Resource, typeof skillResponse> => !('api' in resource.resource));
