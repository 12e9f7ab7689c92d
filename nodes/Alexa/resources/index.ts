import type { LocalResource, SendingResource } from './defineResource';
import { resource as authorization } from './authorization';
import { resource as customerProfile } from './customerProfile';
import { resource as deviceAddress } from './deviceAddress';
import { resource as deviceSettings } from './deviceSettings';
import { resource as event } from './event';
import { resource as notification } from './notification';
import { resource as progressiveResponse } from './progressiveResponse';
import { resource as reminder } from './reminder';
import { resource as skillEnablement } from './skillEnablement';
import { resource as skillMessage } from './skillMessage';
import { resource as skillResponse } from './skillResponse';
import { resource as smartHomeResponse } from './smartHomeResponse';

/** The node's resources, each in its folder (its `index.ts` lists its operations). Alphabetical. */
export const resources: Array<SendingResource | LocalResource> = [
	authorization,
	customerProfile,
	deviceAddress,
	deviceSettings,
	event,
	notification,
	progressiveResponse,
	reminder,
	skillEnablement,
	skillMessage,
	skillResponse,
	smartHomeResponse,
];

/** Resources that send to an API: their operations run through the runner (shared/delivery/runner.ts). */
export const sendingResources = resources.filter(
	(resource): resource is SendingResource => 'api' in resource,
);

/** Resources that send nothing (no API, so no credential): their operations run in the node (shared/local/localOperations.ts). */
export const localResources = resources.filter(
	(resource): resource is LocalResource => !('api' in resource),
);
