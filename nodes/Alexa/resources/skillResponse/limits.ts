/**
 * Alexa's limits on a custom skill's response, from the "Request and Response JSON Reference",
 * section "Response format"
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html#response-format),
 * and "Include a Card in Your Skill's Response"
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/include-a-card-in-your-skills-response.html).
 * How each is counted, and what the pages leave open: docs/alexa-facts.md, "Custom skill responses".
 */

/**
 * "The outputSpeech response can't exceed 8000 characters." Counted on the text or SSML as the
 * node returns it (the <speak> tags included), in UTF-16 code units: what Java's and
 * JavaScript's string length count, never fewer than the characters a reader sees. The
 * reprompt is an outputSpeech too.
 */
export const SPEECH_MAX_CHARACTERS = 8000;

/** "All of the text included in a card can't exceed 8000 characters", title, content, text and image URLs together. */
export const CARD_TEXT_MAX_CHARACTERS = 8000;

/** "An image URL (smallImageUrl or largeImageUrl) can't exceed 2000 characters." The card page asks for HTTPS. */
export const IMAGE_URL_MAX_CHARACTERS = 2000;

/** AudioPlayer.Play: the stream's token at most 1024 characters, its url at most 8000. */
export const AUDIO_STREAM_TOKEN_MAX_CHARACTERS = 1024;
export const AUDIO_STREAM_URL_MAX_CHARACTERS = 8000;

/** "The payload of a CustomInterfaceController.SendDirective directive can't exceed 1000 bytes." */
export const GADGET_PAYLOAD_MAX_BYTES = 1000;

/**
 * "The total size of your response can't exceed 120 kilobytes." The page does not say whether a
 * kilobyte is 1000 or 1024 bytes; the package takes the stricter reading, 120,000 bytes, so that
 * no response it builds can be over Alexa's limit under either. Measured as the UTF-8 bytes of
 * the compact JSON the node outputs, session attributes included: Amazon gives them no limit of
 * their own.
 */
export const RESPONSE_MAX_BYTES = 120_000;
