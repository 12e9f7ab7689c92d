/**
 * The requests Alexa sends a custom skill, as the trigger's Events choice offers them (data).
 * Request types from Amazon's "Request Types Reference" and "Skill Events" pages:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-types-reference.html
 * https://developer.amazon.com/en-US/docs/alexa/smapi/skill-events-in-alexa-skills.html
 * https://developer.amazon.com/en-US/docs/alexa/smapi/send-a-message-request-to-a-skill.html (Messaging.MessageReceived)
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/implement-canfulfillintentrequest-for-name-free-interaction.html
 */
export interface AlexaEvent {
	value: string;
	name: string;
	description: string;
	requestType?: string;
}

export const ALEXA_EVENTS: readonly AlexaEvent[] = [
	{
		value: 'launch',
		name: 'Launch',
		requestType: 'LaunchRequest',
		description: 'The user opened the skill without asking for anything',
	},
	{
		value: 'intent',
		name: 'Intent',
		requestType: 'IntentRequest',
		description: 'The user asked for something (all intents, or the ones named below)',
	},
	{
		value: 'sessionEnded',
		name: 'Session Ended',
		requestType: 'SessionEndedRequest',
		description: 'The session closed: the user left, did not answer, or an error happened',
	},
	{
		value: 'messageReceived',
		name: 'Message Received',
		requestType: 'Messaging.MessageReceived',
		description:
			"A skill message sent with the Skill Messaging API (the Alexa node's Send Skill Message) arrived",
	},
	{
		value: 'skillEnabled',
		name: 'Skill Enabled',
		requestType: 'AlexaSkillEvent.SkillEnabled',
		description: 'A user enabled the skill',
	},
	{
		value: 'skillDisabled',
		name: 'Skill Disabled',
		requestType: 'AlexaSkillEvent.SkillDisabled',
		description: 'A user disabled the skill',
	},
	{
		value: 'skillAccountLinked',
		name: 'Skill Account Linked',
		requestType: 'AlexaSkillEvent.SkillAccountLinked',
		description: 'A user linked their account',
	},
	{
		value: 'skillPermissionAccepted',
		name: 'Skill Permission Accepted',
		requestType: 'AlexaSkillEvent.SkillPermissionAccepted',
		description: 'A user granted permissions to the skill',
	},
	{
		value: 'skillPermissionChanged',
		name: 'Skill Permission Changed',
		requestType: 'AlexaSkillEvent.SkillPermissionChanged',
		description: 'A user changed the permissions granted to the skill',
	},
	{
		value: 'proactiveSubscriptionChanged',
		name: 'Proactive Subscription Changed',
		requestType: 'AlexaSkillEvent.ProactiveSubscriptionChanged',
		description: "A user subscribed to or unsubscribed from the skill's notifications",
	},
	{
		value: 'canFulfillIntent',
		name: 'Can Fulfill Intent',
		requestType: 'CanFulfillIntentRequest',
		description: 'Alexa asks whether the skill can handle a request without its name',
	},
	{
		value: 'other',
		name: 'Other',
		description:
			'Any other request type (for example Alexa.Presentation.APL.UserEvent, Connections.Response)',
	},
];

const EVENT_BY_REQUEST_TYPE = new Map(
	ALEXA_EVENTS.filter((event) => event.requestType).map((event) => [
		event.requestType!,
		event.value,
	]),
);

/** The Events option a request type belongs to. */
export function eventOf(requestType: string): string {
	return EVENT_BY_REQUEST_TYPE.get(requestType) ?? 'other';
}

/**
 * What the trigger answers without running the workflow (a request of a type not chosen, and
 * every request in Respond Immediately mode): an empty response, which Alexa accepts for every
 * request type and for which it says nothing and ends the session. Skill events and
 * Messaging.MessageReceived only need the HTTP 200. Response format:
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html#response-format
 */
export const ACKNOWLEDGEMENT = { version: '1.0', response: {} } as const;

/**
 * A CanFulfillIntentRequest asks for an answer, `response.canFulfillIntent`, whose `canFulfill`
 * is required and whose `slots` are optional ("Implement CanFulfillIntentRequest for Name-free
 * Interactions",
 * https://developer.amazon.com/en-US/docs/alexa/custom-skills/implement-canfulfillintentrequest-for-name-free-interaction.html;
 * ask-sdk-model's `canfulfill.CanFulfillIntent`). Without the workflow nothing can say yes, so
 * the trigger says NO: the skill does not offer to handle a request it never looked at.
 */
export const CANNOT_FULFILL = {
	version: '1.0',
	response: { canFulfillIntent: { canFulfill: 'NO' } },
} as const;

/** The answer the trigger gives by itself to a request of this type. */
export function acknowledgementFor(
	requestType: string,
): typeof ACKNOWLEDGEMENT | typeof CANNOT_FULFILL {
	return requestType === 'CanFulfillIntentRequest' ? CANNOT_FULFILL : ACKNOWLEDGEMENT;
}
