import * as authorization from './authorization';
import * as event from './event';
import * as notification from './notification';
import * as skillEnablement from './skillEnablement';
import * as skillMessage from './skillMessage';

/** The node's resources, each in its folder: its Resource option, API, credential and operations. Alphabetical. */
export const resources = [authorization, event, notification, skillEnablement, skillMessage];
