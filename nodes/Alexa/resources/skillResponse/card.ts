import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { commaSeparated, InputProblem } from '../../shared/input/validate';
import { CARD_TEXT_MAX_CHARACTERS, IMAGE_URL_MAX_CHARACTERS } from './limits';
import { textParameter } from '../../shared/input/textParameter';

/**
 * The card the Alexa app shows with the answer (`response.card`), as "Include a Card in Your
 * Skill's Response" gives it
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/include-a-card-in-your-skills-response.html):
 * Simple, Standard (with images), LinkAccount or AskForPermissionsConsent.
 */

export const cardFields: INodeProperties[] = [
	{
		displayName: 'Card',
		name: 'cardType',
		type: 'options',
		options: [
			{
				name: 'Ask for Permissions Consent',
				value: 'askForPermissionsConsent',
				description: 'Asks the user in the Alexa app to grant permissions to the skill',
			},
			{
				name: 'Link Account',
				value: 'linkAccount',
				description: 'Asks the user in the Alexa app to link their account',
			},
			{ name: 'None', value: 'none' },
			{ name: 'Simple', value: 'simple', description: 'A title and text in the Alexa app' },
			{
				name: 'Standard',
				value: 'standard',
				description: 'A title, text and an image in the Alexa app',
			},
		],
		default: 'none',
	},
	{
		displayName: 'Card Title',
		name: 'cardTitle',
		type: 'string',
		default: '',
		displayOptions: { show: { cardType: ['simple', 'standard'] } },
	},
	{
		displayName: 'Card Content',
		name: 'cardContent',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		displayOptions: { show: { cardType: ['simple'] } },
		description:
			'Plain text; a line break is a new line. Title and content together: at most 8000 characters.',
	},
	{
		displayName: 'Card Text',
		name: 'cardText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		displayOptions: { show: { cardType: ['standard'] } },
		description:
			'Plain text; a line break is a new line. Title, text and image URLs together: at most 8000 characters.',
	},
	{
		displayName: 'Small Image URL',
		name: 'smallImageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/card-720x480.png',
		displayOptions: { show: { cardType: ['standard'] } },
		description:
			'HTTPS, at most 2000 characters; Amazon recommends 720 × 480 pixels, PNG or JPEG, at most 2 MB',
	},
	{
		displayName: 'Large Image URL',
		name: 'largeImageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/card-1200x800.png',
		displayOptions: { show: { cardType: ['standard'] } },
		description:
			'HTTPS, at most 2000 characters; Amazon recommends 1200 × 800 pixels, PNG or JPEG, at most 2 MB',
	},
	{
		displayName: 'Permissions',
		name: 'permissions',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'read::alexa:device:all:address, alexa::profile:email:read',
		displayOptions: { show: { cardType: ['askForPermissionsConsent'] } },
		description: 'The permission scopes to ask for, separated by commas',
	},
];

function imageUrl(field: string, value: unknown): string | undefined {
	const text = textParameter(field, value);
	if (text === '') return undefined;
	const hint = `Give ${field} as an https:// address of at most ${IMAGE_URL_MAX_CHARACTERS} characters, on a server that allows CORS.`;
	if (text.length > IMAGE_URL_MAX_CHARACTERS) {
		throw new InputProblem(
			field,
			`is ${text.length} characters; Alexa accepts at most ${IMAGE_URL_MAX_CHARACTERS}`,
			hint,
		);
	}
	let protocol: string | undefined;
	try {
		protocol = new URL(text).protocol;
	} catch {
		protocol = undefined;
	}
	if (protocol !== 'https:') {
		throw new InputProblem(
			field,
			`"${text}" is not an https:// URL; Alexa shows card images only from HTTPS`,
			hint,
		);
	}
	return text;
}

/** One item's card, or undefined for none, checked against Alexa's limits. */
export function card(n8n: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const type = n8n.getNodeParameter('cardType', itemIndex, 'none');
	if (type === 'none') return undefined;
	if (type === 'linkAccount') return { type: 'LinkAccount' };
	if (type === 'askForPermissionsConsent') {
		const permissions = commaSeparated(
			textParameter('Permissions', n8n.getNodeParameter('permissions', itemIndex, '')),
		);
		const hint =
			'List the scopes your skill asks for in the developer console (Build → Permissions), separated by commas.';
		if (permissions.length === 0)
			throw new InputProblem('Permissions', 'is empty; the card needs at least one scope', hint);
		const spaced = permissions.find((scope) => /\s/.test(scope));
		if (spaced)
			throw new InputProblem('Permissions', `has "${spaced}", a scope with a space in it`, hint);
		return { type: 'AskForPermissionsConsent', permissions };
	}
	const title = textParameter('Card Title', n8n.getNodeParameter('cardTitle', itemIndex, ''));
	let result: IDataObject;
	let texts: string[];
	if (type === 'simple') {
		const content = textParameter(
			'Card Content',
			n8n.getNodeParameter('cardContent', itemIndex, ''),
		);
		result = { type: 'Simple', title, content };
		texts = [title, content];
	} else {
		const text = textParameter('Card Text', n8n.getNodeParameter('cardText', itemIndex, ''));
		const smallImageUrl = imageUrl(
			'Small Image URL',
			n8n.getNodeParameter('smallImageUrl', itemIndex, ''),
		);
		const largeImageUrl = imageUrl(
			'Large Image URL',
			n8n.getNodeParameter('largeImageUrl', itemIndex, ''),
		);
		result = { type: 'Standard', title, text };
		if (smallImageUrl || largeImageUrl) {
			result.image = {
				...(smallImageUrl ? { smallImageUrl } : {}),
				...(largeImageUrl ? { largeImageUrl } : {}),
			};
		}
		texts = [title, text, smallImageUrl ?? '', largeImageUrl ?? ''];
	}
	const characters = texts.reduce((sum, text) => sum + text.length, 0);
	if (characters > CARD_TEXT_MAX_CHARACTERS) {
		throw new InputProblem(
			'Card',
			`has ${characters} characters of ${type === 'simple' ? 'title and content' : 'title, text and image URLs'}; Alexa accepts at most ${CARD_TEXT_MAX_CHARACTERS} in all`,
			"Shorten the card's text.",
		);
	}
	return result;
}
