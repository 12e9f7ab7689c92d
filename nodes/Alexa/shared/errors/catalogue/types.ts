/**
 * One API's error answers as data: where its answers carry Alexa's own code and text, and what
 * each answer means and what the user should do next. `code` is Alexa's own error code where
 * the API sends one; an entry without one matches any code. What the node itself did about an
 * answer (resends, a fresh token, or none for a token from the input) is added by the delivery
 * step, which knows it.
 */
export interface ApiErrorCatalogue {
	bodyFields: { code: string[]; text: string[] };
	entries: AlexaErrorEntry[];
}

export interface AlexaErrorEntry {
	status: number;
	code?: string;
	message: string;
	action: string;
}
