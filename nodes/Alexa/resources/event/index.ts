import { tokenSourceProperties } from '../../shared/input/accessTokenSource';
import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa/tokens';
import { sendingResource } from '../defineResource';
import * as addOrUpdateReport from './addOrUpdateReport.operation';
import * as changeReport from './changeReport.operation';
import * as customEvent from './customEvent.operation';
import * as deleteReport from './deleteReport.operation';
import * as doorbellPress from './doorbellPress.operation';
import * as errorResponse from './errorResponse.operation';
import * as response from './response.operation';
import * as stateReport from './stateReport.operation';

/**
 * Smart home events to the Alexa Event Gateway, one file per operation (its fields, checks and
 * messages, through `eventOperation` in message.ts). There is no Deferred Response: Alexa takes
 * it only as a skill's synchronous answer to a directive, never on the gateway (docs/decisions/0005).
 */
export const resource = sendingResource({
	option: {
		name: 'Event',
		value: 'event',
		description: 'Smart home events to the Alexa Event Gateway',
	},
	api: 'eventGateway',
	credential: REFRESH_TOKEN_CREDENTIAL,
	operations: [
		addOrUpdateReport.operation,
		changeReport.operation,
		customEvent.operation,
		deleteReport.operation,
		doorbellPress.operation,
		errorResponse.operation,
		response.operation,
		stateReport.operation,
	],
	defaultOperation: 'changeReport',
	sharedFields: tokenSourceProperties,
});
