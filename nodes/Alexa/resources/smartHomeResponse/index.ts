import { localResource } from '../defineResource';
import * as answerAcceptGrant from './answerAcceptGrant.operation';
import * as answerDiscovery from './answerDiscovery.operation';
import * as confirmDirective from './confirmDirective.operation';
import * as deferAnswer from './deferAnswer.operation';
import * as reportError from './reportError.operation';
import * as reportState from './reportState.operation';

/**
 * The answers a smart home skill returns to Alexa's directives, for the Alexa Smart Home Trigger,
 * built in the node and checked against the rules of Amazon's schema: nothing is sent, no
 * credential is needed (docs/decisions/0011-smart-home-answers.md).
 */
export const resource = localResource({
	option: {
		name: 'Smart Home Response',
		value: 'smartHomeResponse',
		description:
			'The answer your smart home skill returns to Alexa, for the Alexa Smart Home Trigger',
	},
	operations: [
		confirmDirective.operation,
		reportState.operation,
		reportError.operation,
		deferAnswer.operation,
		answerDiscovery.operation,
		answerAcceptGrant.operation,
	],
	defaultOperation: 'confirmDirective',
});
