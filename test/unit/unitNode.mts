import type { INode } from 'n8n-workflow';

/** The node an error is built for in the unit tables: an Alexa node as a workflow holds it, with no parameters. */
export const UNIT_NODE: INode = {
	id: 'unit',
	name: 'Alexa',
	type: 'n8n-nodes-alexa.alexa',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
