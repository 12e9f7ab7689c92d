import type { IHookFunctions } from 'n8n-workflow';

/**
 * `webhookMethods` for a trigger whose URL the user pastes somewhere by hand (a custom skill's
 * endpoint in the developer console, the relay's stack): there is no API to register it with, so
 * there is nothing to create, check or delete when the workflow is published or unpublished.
 */
export const webhookWithoutRegistration = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
