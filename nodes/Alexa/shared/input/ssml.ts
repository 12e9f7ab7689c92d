/**
 * SSML as Alexa takes it: one well-formed XML document whose root is <speak>
 * (https://developer.amazon.com/en-US/docs/alexa/custom-skills/speech-synthesis-markup-language-ssml-reference.html).
 * Alexa answers a malformed one with a failed response the user only hears as "There was a
 * problem with the requested skill's response", so the node checks before answering.
 *
 * A small checker of XML 1.0 well-formedness (https://www.w3.org/TR/xml/), not a parser: n8n's
 * verification allows no XML library. It knows elements, attributes, the five predefined
 * entities and character references, and comments. It does not know which tags and attributes
 * Alexa supports: that is Alexa's to say, and it changes by locale and voice.
 */

/** SSML whose root is not <speak> yet: it is wrapped, as the ASK SDK's `speak()` does. */
export function withSpeakRoot(ssml: string): string {
	const text = ssml.trim();
	return /^<speak[\s/>]/.test(text) ? text : `<speak>${text}</speak>`;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));/y;

/** Why `ssml` is not a well-formed document with a <speak> root, or undefined when it is. */
export function ssmlFault(ssml: string): string | undefined {
	try {
		new SsmlChecker(ssml).check();
		return undefined;
	} catch (error) {
		return error instanceof SsmlFault
			? error.message
			: `could not be checked (${(error as Error).message})`;
	}
}

class SsmlFault extends Error {
	constructor(position: number, problem: string) {
		super(`at character ${position + 1}: ${problem}`);
	}
}

class SsmlChecker {
	private position = 0;
	private readonly open: Array<{ name: string; at: number }> = [];
	private rootSeen = false;
	private rootClosed = false;

	constructor(private readonly text: string) {}

	check(): void {
		const disallowed = disallowedCharacter(this.text);
		if (disallowed) {
			throw new SsmlFault(
				disallowed.index,
				`the character ${disallowed.name} is not allowed in XML, not even as an entity`,
			);
		}
		while (this.position < this.text.length) {
			const character = this.text[this.position];
			if (character === '<') this.markup();
			else if (character === '&') this.entity();
			else this.characterData();
		}
		const unclosed = this.open.at(-1);
		if (unclosed) throw new SsmlFault(unclosed.at, `<${unclosed.name}> is never closed`);
		if (!this.rootSeen) throw new SsmlFault(0, 'there is no <speak> element');
	}

	private markup(): void {
		const at = this.position;
		if (this.text.startsWith('<!--', at)) return this.comment();
		if (this.text.startsWith('<!', at) || this.text.startsWith('<?', at)) {
			throw new SsmlFault(
				at,
				'declarations, CDATA sections and processing instructions are not SSML; write text, tags and entities only',
			);
		}
		if (this.text[at + 1] === '/') return this.closingTag();
		this.openingTag();
	}

	private comment(): void {
		const end = this.text.indexOf('-->', this.position + 4);
		if (end === -1)
			throw new SsmlFault(this.position, 'the comment "<!--" is never closed with "-->"');
		if (this.text.slice(this.position + 4, end).includes('--')) {
			throw new SsmlFault(this.position, 'a comment may not contain "--"');
		}
		this.position = end + 3;
	}

	private openingTag(): void {
		const at = this.position;
		this.position++;
		const name = this.name('a tag name after "<" (write &lt; for a literal "<")', at);
		if (this.rootClosed)
			throw new SsmlFault(
				at,
				`<${name}> comes after </speak>; everything must be inside <speak>…</speak>`,
			);
		if (!this.rootSeen) {
			if (name !== 'speak')
				throw new SsmlFault(at, `the document starts with <${name}>; it must start with <speak>`);
			this.rootSeen = true;
		} else if (name === 'speak') {
			throw new SsmlFault(at, '<speak> inside <speak>; it may only be the outermost tag');
		}
		const attributes = new Set<string>();
		for (;;) {
			const hadSpace = this.space();
			if (this.text.startsWith('/>', this.position)) {
				this.position += 2;
				if (this.open.length === 0) this.rootClosed = true;
				return;
			}
			if (this.text[this.position] === '>') {
				this.position++;
				this.open.push({ name, at });
				return;
			}
			if (this.position >= this.text.length)
				throw new SsmlFault(at, `the tag <${name} is never ended with ">"`);
			if (!hadSpace)
				throw new SsmlFault(this.position, `expected a space, ">" or "/>" in the tag <${name}>`);
			this.attribute(name, attributes);
		}
	}

	private attribute(tag: string, seen: Set<string>): void {
		const at = this.position;
		const name = this.name(`an attribute name in <${tag}>`);
		if (seen.has(name)) throw new SsmlFault(at, `<${tag}> has the attribute ${name} twice`);
		seen.add(name);
		this.space();
		if (this.text[this.position] !== '=')
			throw new SsmlFault(this.position, `the attribute ${name} of <${tag}> has no ="value"`);
		this.position++;
		this.space();
		const quote = this.text[this.position];
		if (quote !== '"' && quote !== "'") {
			throw new SsmlFault(this.position, `the value of ${name} in <${tag}> must be in quotes`);
		}
		const end = this.text.indexOf(quote, this.position + 1);
		if (end === -1)
			throw new SsmlFault(this.position, `the value of ${name} in <${tag}> has no closing quote`);
		for (let index = this.position + 1; index < end; index++) {
			if (this.text[index] === '<')
				throw new SsmlFault(index, `"<" in the value of ${name}; write &lt;`);
			if (this.text[index] === '&') {
				this.position = index;
				this.entity();
				index = this.position - 1;
			}
		}
		this.position = end + 1;
	}

	private closingTag(): void {
		const at = this.position;
		this.position += 2;
		const name = this.name('a tag name after "</"', at);
		this.space();
		if (this.text[this.position] !== '>')
			throw new SsmlFault(this.position, `</${name} must end with ">"`);
		this.position++;
		const current = this.open.pop();
		if (!current) throw new SsmlFault(at, `</${name}> closes a tag that is not open`);
		if (current.name !== name) {
			throw new SsmlFault(
				at,
				`</${name}> closes <${current.name}>, opened at character ${current.at + 1}; tags must nest`,
			);
		}
		if (this.open.length === 0) this.rootClosed = true;
	}

	private entity(): void {
		ENTITY.lastIndex = this.position;
		const match = ENTITY.exec(this.text);
		if (!match)
			throw new SsmlFault(this.position, 'an "&" that starts no entity; write &amp; for "&"');
		const code =
			match[2] !== undefined
				? Number(match[2])
				: match[3] !== undefined
					? parseInt(match[3], 16)
					: undefined;
		if (code !== undefined && !isXmlCharacter(code)) {
			throw new SsmlFault(this.position, `${match[0]} names a character XML does not allow`);
		}
		this.position = ENTITY.lastIndex;
	}

	private characterData(): void {
		const start = this.position;
		while (
			this.position < this.text.length &&
			this.text[this.position] !== '<' &&
			this.text[this.position] !== '&'
		) {
			this.position++;
		}
		const data = this.text.slice(start, this.position);
		if (this.open.length === 0 && data.trim() !== '') {
			const where = this.rootClosed ? 'after </speak>' : 'before <speak>';
			throw new SsmlFault(
				start + data.search(/\S/),
				`text ${where}; everything must be inside <speak>…</speak>`,
			);
		}
		const end = data.indexOf(']]>');
		if (end !== -1) throw new SsmlFault(start + end, '"]]>" is not allowed in text; write ]]&gt;');
	}

	private name(what: string, faultAt = this.position): string {
		NAME.lastIndex = this.position;
		const match = NAME.exec(this.text);
		if (!match) throw new SsmlFault(faultAt, `expected ${what}`);
		this.position = NAME.lastIndex;
		return match[0];
	}

	/** Skips white space; true when there was some. */
	private space(): boolean {
		SPACE.lastIndex = this.position;
		SPACE.exec(this.text);
		const moved = SPACE.lastIndex > this.position;
		this.position = SPACE.lastIndex;
		return moved;
	}
}

/**
 * The first character of `text` that XML cannot carry (a control character other than tab, line
 * feed and carriage return, U+FFFE, U+FFFF), with its index and its name as U+XXXX.
 */
export function disallowedCharacter(text: string): { index: number; name: string } | undefined {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		// Surrogates pair up into characters XML allows; every other code unit stands for itself.
		if (code >= 0xd800 && code <= 0xdfff) continue;
		if (!isXmlCharacter(code))
			return { index, name: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
	}
	return undefined;
}

/** Plain text as SSML text: the three characters XML gives a meaning written as entities. */
export function escapeSsmlText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** XML 1.0 §2.2 Char. */
function isXmlCharacter(code: number): boolean {
	return (
		code === 0x9 ||
		code === 0xa ||
		code === 0xd ||
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}
