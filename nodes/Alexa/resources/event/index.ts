import type { INodeProperties } from 'n8n-workflow';

import { tokenSourceProperties } from '../../shared/accessTokenSource';
import { credentialSelector } from '../credentialSelector';
import { mapAlexaErrors } from '../../shared/errors';
import { REFRESH_TOKEN_CREDENTIAL } from '../../shared/lwa';
import * as addOrUpdateReport from './addOrUpdateReport.operation';
import * as changeReport from './changeReport.operation';
import { eventRequest } from './common';
import * as customEvent from './customEvent.operation';
import * as deleteReport from './deleteReport.operation';
import * as doorbellPress from './doorbellPress.operation';
import * as errorResponse from './errorResponse.operation';
import { reportEventAccepted } from './output';
import * as response from './response.operation';
import * as stateReport from './stateReport.operation';

const showOnlyForEvent = { resource: ['event'] };

/**
 * Every event is a POST to /v3/events; the operations differ only in the message they build.
 * There is no Deferred Response: Alexa takes it only as a skill's synchronous answer to a
 * directive, never on the gateway (docs/decisions/0005).
 */
function sendsEvent(build: typeof changeReport.build) {
	return {
		request: { method: 'POST' as const, url: '/v3/events' },
		send: { preSend: [eventRequest(build)] },
		output: { postReceive: [mapAlexaErrors, reportEventAccepted] },
	};
}

export const description: INodeProperties[] = [
	credentialSelector('event', REFRESH_TOKEN_CREDENTIAL),
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForEvent },
		options: [
			{
				name: 'Send Add or Update Report',
				value: 'addOrUpdateReport',
				action: 'Send an add or update report',
				description: 'Tell Alexa about new or changed endpoints (proactive discovery)',
				routing: sendsEvent(addOrUpdateReport.build),
			},
			{
				name: 'Send Change Report',
				value: 'changeReport',
				action: 'Send a change report',
				description: 'Tell Alexa that properties of an endpoint changed',
				routing: sendsEvent(changeReport.build),
			},
			{
				name: 'Send Custom Event',
				value: 'customEvent',
				action: 'Send a custom event',
				description: 'Send any event, written as JSON',
				routing: sendsEvent(customEvent.build),
			},
			{
				name: 'Send Delete Report',
				value: 'deleteReport',
				action: 'Send a delete report',
				description: 'Tell Alexa that endpoints were removed',
				routing: sendsEvent(deleteReport.build),
			},
			{
				name: 'Send Doorbell Press',
				value: 'doorbellPress',
				action: 'Send a doorbell press',
				description: 'Tell Alexa someone pressed a doorbell',
				routing: sendsEvent(doorbellPress.build),
			},
			{
				name: 'Send Error Response',
				value: 'errorResponse',
				action: 'Send an error response',
				description: 'Answer a directive asynchronously with an error',
				routing: sendsEvent(errorResponse.build),
			},
			{
				name: 'Send Response',
				value: 'response',
				action: 'Send a response',
				description: 'Answer a directive asynchronously with success',
				routing: sendsEvent(response.build),
			},
			{
				name: 'Send State Report',
				value: 'stateReport',
				action: 'Send a state report',
				description: 'Answer a ReportState directive asynchronously',
				routing: sendsEvent(stateReport.build),
			},
		],
		default: 'changeReport',
	},
	...tokenSourceProperties.map((property) => ({
		...property,
		displayOptions: {
			show: { ...showOnlyForEvent, ...(property.displayOptions?.show ?? {}) },
		},
	})),
	...changeReport.description,
	...addOrUpdateReport.description,
	...deleteReport.description,
	...response.description,
	...errorResponse.description,
	...stateReport.description,
	...doorbellPress.description,
	...customEvent.description,
];
