/**
 * The locales an Alexa skill can have, as Amazon writes them (language-REGION): a
 * notification's localizedAttributes entry and a reminder's spoken text name one of these
 * ("Develop Skills in Multiple Languages", https://developer.amazon.com/en-US/docs/alexa/custom-skills/develop-skills-in-multiple-languages.html).
 */
export const ALEXA_LOCALES = [
	'ar-SA',
	'de-DE',
	'en-AU',
	'en-CA',
	'en-GB',
	'en-IN',
	'en-US',
	'es-ES',
	'es-MX',
	'es-US',
	'fr-CA',
	'fr-FR',
	'hi-IN',
	'it-IT',
	'ja-JP',
	'nl-NL',
	'pt-BR',
];
