import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputProblem, requireJsonArray, utf8Bytes } from '../../shared/input/validate';
import {
	AUDIO_STREAM_TOKEN_MAX_CHARACTERS,
	AUDIO_STREAM_URL_MAX_CHARACTERS,
	GADGET_PAYLOAD_MAX_BYTES,
} from './limits';
import { SPEECH_AND_CARD } from './responseType';

/**
 * The directives of a speech answer (`response.directives`), given as JSON: the node checks
 * that each is an object with a type, and the few limits Amazon gives for them; what a
 * directive means is the interface's to say (Dialog, AudioPlayer, VideoApp, APL…).
 */

const DIRECTIVES_EXAMPLE = '[{"type": "Dialog.Delegate"}]';

/** An entry of Build's Options collection (build.operation.ts), for Speech and Card only. */
export const directivesOption: INodeProperties = {
	displayName: 'Directives (JSON)',
	name: 'directives',
	type: 'json',
	default: '[]',
	displayOptions: { show: { '/responseType': [SPEECH_AND_CARD] } },
	description:
		'A JSON array of directives, each an object with its "type", for example [{"type": "Dialog.ElicitSlot", "slotToElicit": "city"}]',
};

/** Directives: objects with a type, and the limits Amazon gives for the audio player's stream and a gadget's payload. */
export function directives(value: unknown): IDataObject[] | undefined {
	const list = requireJsonArray('Directives', value ?? '[]', DIRECTIVES_EXAMPLE);
	list.forEach((directive, index) => {
		const where = `Directives (JSON) entry ${index}`;
		if (
			!directive ||
			typeof directive !== 'object' ||
			Array.isArray(directive) ||
			typeof (directive as IDataObject).type !== 'string'
		) {
			throw new InputProblem(
				where,
				'is not an object with a "type"',
				`Write each directive as an object, for example ${DIRECTIVES_EXAMPLE}.`,
			);
		}
		const { type, audioItem, payload } = directive as {
			type: string;
			audioItem?: { stream?: { token?: unknown; url?: unknown } };
			payload?: unknown;
		};
		if (type === 'AudioPlayer.Play') {
			requireAtMost(
				where,
				'audioItem.stream.token',
				audioItem?.stream?.token,
				AUDIO_STREAM_TOKEN_MAX_CHARACTERS,
			);
			requireAtMost(
				where,
				'audioItem.stream.url',
				audioItem?.stream?.url,
				AUDIO_STREAM_URL_MAX_CHARACTERS,
			);
		}
		if (type === 'CustomInterfaceController.SendDirective' && payload !== undefined) {
			const bytes = utf8Bytes(JSON.stringify(payload));
			if (bytes > GADGET_PAYLOAD_MAX_BYTES) {
				throw new InputProblem(
					where,
					`has a payload of ${bytes} bytes as JSON; Alexa accepts at most ${GADGET_PAYLOAD_MAX_BYTES}`,
					'Send the gadget less data.',
				);
			}
		}
	});
	return list.length > 0 ? (list as IDataObject[]) : undefined;
}

function requireAtMost(where: string, path: string, value: unknown, max: number): void {
	if (typeof value === 'string' && value.length > max) {
		throw new InputProblem(
			where,
			`has ${path} of ${value.length} characters; Alexa accepts at most ${max}`,
			`Shorten ${path}.`,
		);
	}
}
