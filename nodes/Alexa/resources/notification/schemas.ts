/**
 * Amazon's proactive event schemas, as data: what each event's payload holds, which fields are
 * required, their types and the values Amazon lists for them. From "Proactive Events Schemas"
 * (https://developer.amazon.com/docs/alexa/smapi/schemas-for-proactive-events.html; see
 * docs/alexa-facts.md). The editor's fields and the checks before sending both come from this
 * one table: `fields.ts` shows a field per entry, `payload.ts` builds and checks the payload.
 *
 * A `localized` field is text the user gives per locale: the payload carries
 * `localizedattribute:<key>` and each entry of `localizedAttributes` the text for its locale.
 */

export type FieldKind = 'text' | 'localized' | 'integer' | 'enum' | 'enumList' | 'dateTime';

export interface SchemaField {
	/** Where the value goes in `event.payload`, dot-separated. */
	path: string;
	/** The editor's parameter (unique across schemas); for a localized field, its key in localizedAttributes. */
	name: string;
	displayName: string;
	kind: FieldKind;
	/** Required whenever the event is sent; a field `togetherWith` a group is required once any field of that group is given. */
	required: boolean;
	togetherWith?: string;
	/** The values Amazon lists, in its order. */
	values?: string[];
	/** The smallest whole number allowed (a count of messages is at least one). */
	min?: number;
	description: string;
}

export interface NotificationSchema {
	name: string;
	label: string;
	/** Amazon's example of what Alexa says. */
	example: string;
	fields: SchemaField[];
}

const ORDER_STATUSES = [
	'PREORDER_RECEIVED',
	'ORDER_RECEIVED',
	'ORDER_PREPARING',
	'ORDER_SHIPPED',
	'ORDER_OUT_FOR_DELIVERY',
	'ORDER_DELIVERED',
];
const GARBAGE_TYPES = [
	'BOTTLES',
	'BULKY',
	'BURNABLE',
	'CANS',
	'CLOTHING',
	'COMPOSTABLE',
	'CRUSHABLE',
	'GARDEN_WASTE',
	'GLASS',
	'HAZARDOUS',
	'HOME_APPLIANCES',
	'KITCHEN_WASTE',
	'LANDFILL',
	'PET_BOTTLES',
	'RECYCLABLE_PLASTICS',
	'WASTE_PAPER',
];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export const NOTIFICATION_SCHEMAS: NotificationSchema[] = [
	{
		name: 'AMAZON.WeatherAlert.Activated',
		label: 'Weather Alert',
		example: 'There is a tornado alert for your area. Provided by Example Weather Corp.',
		fields: [
			{
				path: 'weatherAlert.alertType',
				name: 'weatherAlertType',
				displayName: 'Alert Type',
				kind: 'enum',
				required: true,
				values: ['TORNADO', 'HURRICANE', 'SNOW_STORM', 'THUNDER_STORM'],
				description: 'The kind of weather the alert is about',
			},
			{
				path: 'weatherAlert.source',
				name: 'source',
				displayName: 'Source',
				kind: 'localized',
				required: true,
				description: 'Who issued the alert, per locale',
			},
		],
	},
	{
		name: 'AMAZON.SportsEvent.Updated',
		label: 'Sports Event Update',
		example: 'TreeFruit League match update, Oranges 1, Apples 2.',
		fields: [
			{
				path: 'sportsEvent.eventLeague.name',
				name: 'eventLeagueName',
				displayName: 'League Name',
				kind: 'localized',
				required: true,
				description: 'The league, per locale',
			},
			{
				path: 'sportsEvent.homeTeamStatistic.team.name',
				name: 'sportsHomeTeam',
				displayName: 'Home Team',
				kind: 'text',
				required: true,
				description: "The home team's name",
			},
			{
				path: 'sportsEvent.homeTeamStatistic.score',
				name: 'sportsHomeScore',
				displayName: 'Home Team Score',
				kind: 'integer',
				required: true,
				min: 0,
				description: "The home team's score",
			},
			{
				path: 'sportsEvent.awayTeamStatistic.team.name',
				name: 'sportsAwayTeam',
				displayName: 'Away Team',
				kind: 'text',
				required: true,
				description: "The away team's name",
			},
			{
				path: 'sportsEvent.awayTeamStatistic.score',
				name: 'sportsAwayScore',
				displayName: 'Away Team Score',
				kind: 'integer',
				required: true,
				min: 0,
				description: "The away team's score",
			},
			{
				path: 'update.teamName',
				name: 'sportsUpdateTeam',
				displayName: 'Scoring Team',
				kind: 'text',
				required: false,
				togetherWith: 'update',
				description: 'Optional: the team that just scored (then Score Earned too)',
			},
			{
				path: 'update.scoreEarned',
				name: 'sportsScoreEarned',
				displayName: 'Score Earned',
				kind: 'integer',
				required: false,
				togetherWith: 'update',
				min: 0,
				description: 'Optional: how much that team scored (then Scoring Team too)',
			},
		],
	},
	{
		name: 'AMAZON.MessageAlert.Activated',
		label: 'Message Alert',
		example: 'You have three new messages from Jane Doe.',
		fields: [
			{
				path: 'state.status',
				name: 'messageStatus',
				displayName: 'Message Status',
				kind: 'enum',
				required: true,
				values: ['UNREAD', 'FLAGGED'],
				description: 'The state of the messages',
			},
			{
				path: 'state.freshness',
				name: 'messageFreshness',
				displayName: 'Freshness',
				kind: 'enum',
				required: false,
				values: ['NEW', 'OVERDUE'],
				description: 'Optional: how recent the messages are',
			},
			{
				path: 'messageGroup.creator.name',
				name: 'messageCreator',
				displayName: 'Sender',
				kind: 'text',
				required: true,
				description: 'Who the messages are from',
			},
			{
				path: 'messageGroup.count',
				name: 'messageCount',
				displayName: 'Message Count',
				kind: 'integer',
				required: true,
				min: 1,
				description: 'How many messages',
			},
			{
				path: 'messageGroup.urgency',
				name: 'messageUrgency',
				displayName: 'Urgency',
				kind: 'enum',
				required: false,
				values: ['URGENT'],
				description: 'Optional: mark the messages urgent',
			},
		],
	},
	{
		name: 'AMAZON.OrderStatus.Updated',
		label: 'Order Status Update',
		example: 'Your order from Amazon has been shipped and will arrive by May 18, 2019.',
		fields: [
			{
				path: 'state.status',
				name: 'orderStatus',
				displayName: 'Order Status',
				kind: 'enum',
				required: true,
				values: ORDER_STATUSES,
				description: 'Where the order is now',
			},
			{
				path: 'state.enterTimestamp',
				name: 'orderEnterTimestamp',
				displayName: 'Status Since',
				kind: 'dateTime',
				required: false,
				description: 'Optional: when the order entered this status (ISO 8601)',
			},
			{
				path: 'state.deliveryDetails.expectedArrival',
				name: 'orderExpectedArrival',
				displayName: 'Expected Arrival',
				kind: 'dateTime',
				required: false,
				description: 'Optional: when the order should arrive (ISO 8601)',
			},
			{
				path: 'order.seller.name',
				name: 'sellerName',
				displayName: 'Seller Name',
				kind: 'localized',
				required: true,
				description: 'Who sold the order, per locale',
			},
		],
	},
	{
		name: 'AMAZON.Occasion.Updated',
		label: 'Occasion Update',
		example:
			'Your appointment at Example Dentist for a dental cleaning on March 3 has been confirmed.',
		fields: [
			{
				path: 'state.confirmationStatus',
				name: 'occasionConfirmationStatus',
				displayName: 'Confirmation Status',
				kind: 'enum',
				required: true,
				values: ['CONFIRMED', 'CANCELED', 'RESCHEDULED', 'REQUESTED', 'CREATED', 'UPDATED'],
				description: 'What happened to the booking',
			},
			{
				path: 'occasion.occasionType',
				name: 'occasionType',
				displayName: 'Occasion Type',
				kind: 'enum',
				required: true,
				values: ['RESERVATION_REQUEST', 'RESERVATION', 'APPOINTMENT_REQUEST', 'APPOINTMENT'],
				description: 'The kind of booking',
			},
			{
				path: 'occasion.subject',
				name: 'subject',
				displayName: 'Subject',
				kind: 'localized',
				required: true,
				description: 'What the booking is for, per locale',
			},
			{
				path: 'occasion.provider.name',
				name: 'providerName',
				displayName: 'Provider Name',
				kind: 'localized',
				required: true,
				description: 'Who provides it, per locale',
			},
			{
				path: 'occasion.bookingTime',
				name: 'occasionBookingTime',
				displayName: 'Booking Time',
				kind: 'dateTime',
				required: true,
				description: 'When the occasion takes place (ISO 8601)',
			},
			{
				path: 'occasion.broker.name',
				name: 'brokerName',
				displayName: 'Broker Name',
				kind: 'localized',
				required: false,
				description: 'Optional: who made the booking, per locale',
			},
		],
	},
	{
		name: 'AMAZON.TrashCollectionAlert.Activated',
		label: 'Trash Collection Alert',
		example: 'The coming Tuesday is compostable and recyclable plastics garbage collection day.',
		fields: [
			{
				path: 'alert.garbageTypes',
				name: 'garbageTypes',
				displayName: 'Garbage Types',
				kind: 'enumList',
				required: true,
				values: GARBAGE_TYPES,
				description: 'What is collected',
			},
			{
				path: 'alert.collectionDayOfWeek',
				name: 'collectionDayOfWeek',
				displayName: 'Collection Day',
				kind: 'enum',
				required: true,
				values: DAYS,
				description: 'The day of the week it is collected',
			},
		],
	},
	{
		name: 'AMAZON.MediaContent.Available',
		label: 'Media Content Available',
		example: 'The new season of Example Show will premiere on March 3 on Example Channel.',
		fields: [
			{
				path: 'availability.startTime',
				name: 'mediaStartTime',
				displayName: 'Start Time',
				kind: 'dateTime',
				required: true,
				description: 'When the content becomes available (ISO 8601)',
			},
			{
				path: 'availability.provider.name',
				name: 'providerName',
				displayName: 'Provider Name',
				kind: 'localized',
				required: false,
				description: 'Optional: who provides it, per locale',
			},
			{
				path: 'availability.method',
				name: 'mediaMethod',
				displayName: 'Method',
				kind: 'enum',
				required: true,
				values: ['STREAM', 'AIR', 'RELEASE', 'PREMIERE', 'DROP'],
				description: 'How the content becomes available',
			},
			{
				path: 'content.name',
				name: 'contentName',
				displayName: 'Content Name',
				kind: 'localized',
				required: true,
				description: "The content's name, per locale",
			},
			{
				path: 'content.contentType',
				name: 'mediaContentType',
				displayName: 'Content Type',
				kind: 'enum',
				required: true,
				values: ['BOOK', 'EPISODE', 'ALBUM', 'SINGLE', 'MOVIE', 'GAME'],
				description: 'What kind of content',
			},
		],
	},
	{
		name: 'AMAZON.SocialGameInvite.Available',
		label: 'Social Game Invite',
		example: 'Your friend Max has challenged you to a match of Example Game.',
		fields: [
			{
				path: 'invite.inviter.name',
				name: 'inviterName',
				displayName: 'Inviter Name',
				kind: 'text',
				required: true,
				description: 'Who sent the invite',
			},
			// relationshipToInvitee sits in invite, beside inviter, as in the example payloads of
			// Alexa.NET.ProactiveEvents, Voxa and ask-utils (Jovo's documentation nests it in
			// inviter): Amazon's "Proactive Events Schemas" page,
			// https://developer.amazon.com/docs/alexa/smapi/schemas-for-proactive-events.html#social-game-invite
			// (see docs/alexa-facts.md, Proactive Events, for what could be read of it).
			{
				path: 'invite.relationshipToInvitee',
				name: 'inviterRelationship',
				displayName: 'Relationship',
				kind: 'enum',
				required: true,
				values: ['FRIEND', 'CONTACT'],
				description: 'How the inviter knows the user',
			},
			{
				path: 'invite.inviteType',
				name: 'inviteType',
				displayName: 'Invite Type',
				kind: 'enum',
				required: true,
				values: ['CHALLENGE', 'INVITE'],
				description: 'The kind of invite',
			},
			{
				path: 'game.offer',
				name: 'gameOffer',
				displayName: 'Game Offer',
				kind: 'enum',
				required: true,
				values: ['MATCH', 'REMATCH', 'GAME'],
				description: 'What is offered',
			},
			{
				path: 'game.name',
				name: 'gameName',
				displayName: 'Game Name',
				kind: 'localized',
				required: true,
				description: 'The game, per locale',
			},
		],
	},
];

export function schemaNamed(name: string): NotificationSchema | undefined {
	return NOTIFICATION_SCHEMAS.find((schema) => schema.name === name);
}

/** What Amazon's payloads put in place of localized text: `localizedattribute:<key>`. */
export const LOCALIZED_PREFIX = 'localizedattribute:';

/** Every localized key the schemas use, once each (the editor shows one text field per key). */
export const LOCALIZED_KEYS = [
	...new Set(
		NOTIFICATION_SCHEMAS.flatMap((schema) =>
			schema.fields.filter((field) => field.kind === 'localized').map((field) => field.name),
		),
	),
];
