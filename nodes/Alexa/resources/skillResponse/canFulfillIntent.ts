import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputProblem } from '../../shared/input/validate';

/**
 * The answer to a CanFulfillIntentRequest: `response.canFulfillIntent = { canFulfill, slots? }`,
 * each slot `{ canUnderstand, canFulfill? }`, as "Implement CanFulfillIntentRequest for
 * Name-free Interactions"
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/implement-canfulfillintentrequest-for-name-free-interaction.html)
 * and Amazon's generated model of it (ask-sdk-model, `canfulfill.CanFulfillIntent`,
 * `CanFulfillSlot`) give it: the intent and a slot's understanding are YES, NO or MAYBE; a slot's
 * fulfilment only YES or NO, and may be left out; `slots` may be left out. The skill must have no
 * observable effect while answering, so this answer carries no speech, card or directive.
 */

/** The values Amazon allows, with what each means (ask-sdk-model's descriptions, shortened). */
const CAN_FULFILL_INTENT_VALUES = [
	{
		name: 'Yes',
		value: 'YES',
		description: 'The skill understands every slot and can fulfil the whole request',
	},
	{
		name: 'No',
		value: 'NO',
		description: 'The skill cannot understand the intent or a slot, or cannot fulfil a slot',
	},
	{
		name: 'Maybe',
		value: 'MAYBE',
		description:
			'The skill understands the intent and could fulfil the request with more information from the user',
	},
];
const CAN_UNDERSTAND_SLOT_VALUES = [
	{
		name: 'Yes',
		value: 'YES',
		description:
			"A perfect or high-confidence match (a synonym, for example) in the skill's catalog",
	},
	{ name: 'No', value: 'NO', description: 'The skill does not recognise the value' },
	{ name: 'Maybe', value: 'MAYBE', description: 'A partial or fuzzy match' },
];
const LEAVE_OUT = '';
const CAN_FULFILL_SLOT_VALUES = [
	{ name: 'Yes', value: 'YES', description: 'The skill can certainly act on this value' },
	{ name: 'No', value: 'NO', description: 'The skill cannot act on this value' },
];
const CAN_FULFILL_SLOT_CHOICES = [
	{ name: 'Leave Out', value: LEAVE_OUT, description: 'Send no canFulfill for this slot' },
	...CAN_FULFILL_SLOT_VALUES,
];

const allowed = (values: Array<{ value: string }>) => values.map(({ value }) => value);

/** The fields shown when Response Type is Can Fulfill Intent. */
export const canFulfillIntentProperties: INodeProperties[] = [
	{
		displayName:
			"Answer Alexa's CanFulfillIntentRequest (the trigger's Can Fulfill Intent event): can the skill handle the request the user made without naming it? Alexa says nothing to the user; the skill must change nothing while answering.",
		name: 'canFulfillIntentNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Can Fulfill',
		name: 'canFulfill',
		type: 'options',
		options: CAN_FULFILL_INTENT_VALUES,
		default: 'YES',
		description:
			'Whether the skill can understand and fulfil the intent with the slots Alexa detected',
	},
	{
		displayName: 'Slots',
		name: 'canFulfillSlots',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Slot',
		default: {},
		description:
			"For each slot of the request (the trigger item's slots), whether the skill understands its value and can act on it",
		options: [
			{
				displayName: 'Slot',
				name: 'slot',
				values: [
					{
						displayName: 'Slot Name',
						name: 'name',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'city',
						description: 'The slot as your interaction model names it',
					},
					{
						displayName: 'Can Understand',
						name: 'canUnderstand',
						type: 'options',
						options: CAN_UNDERSTAND_SLOT_VALUES,
						default: 'YES',
					},
					{
						displayName: 'Can Fulfill',
						name: 'canFulfill',
						type: 'options',
						options: CAN_FULFILL_SLOT_CHOICES,
						default: 'YES',
					},
				],
			},
		],
	},
];

function requireOneOf(field: string, value: unknown, values: string[]): string {
	if (typeof value === 'string' && values.includes(value)) return value;
	throw new InputProblem(
		field,
		`is ${JSON.stringify(value)}; Alexa accepts ${values.join(', ').replace(/, (?=[^,]*$)/, ' or ')}`,
		`Choose one of the listed values, or map an expression that gives exactly ${values.join(', ')} (upper case).`,
	);
}

/** One item's canFulfillIntent object, checked against the values Amazon allows. */
export function canFulfillIntent(n8n: IExecuteFunctions, itemIndex: number): IDataObject {
	const canFulfill = requireOneOf(
		'Can Fulfill',
		n8n.getNodeParameter('canFulfill', itemIndex, 'YES'),
		allowed(CAN_FULFILL_INTENT_VALUES),
	);
	const entries = (n8n.getNodeParameter('canFulfillSlots.slot', itemIndex, []) ??
		[]) as IDataObject[];
	const slots = new Map<string, IDataObject>();
	entries.forEach((entry, index) => {
		const where = `Slots entry ${index + 1}`;
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		if (name === '')
			throw new InputProblem(
				`${where} Slot Name`,
				'is empty; it is required',
				"Give the slot's name as your interaction model has it, or remove the entry.",
			);
		if (slots.has(name))
			throw new InputProblem(
				`${where} Slot Name`,
				`"${name}" is already given by an earlier entry`,
				'Give each slot once.',
			);
		const slot: IDataObject = {
			canUnderstand: requireOneOf(
				`${where} (${name}) Can Understand`,
				entry.canUnderstand,
				allowed(CAN_UNDERSTAND_SLOT_VALUES),
			),
		};
		if (entry.canFulfill !== undefined && entry.canFulfill !== LEAVE_OUT) {
			slot.canFulfill = requireOneOf(
				`${where} (${name}) Can Fulfill`,
				entry.canFulfill,
				allowed(CAN_FULFILL_SLOT_VALUES),
			);
		}
		slots.set(name, slot);
	});
	return slots.size > 0 ? { canFulfill, slots: Object.fromEntries(slots) } : { canFulfill };
}
