/**
 * Test certificates without a dependency: a small DER writer and an X.509 v3 issuer on top of
 * node:crypto. It makes what the tests need and nothing else: a root, an intermediate and a
 * signing certificate for the Alexa request signer (with any validity dates and SANs, so that
 * expired, not-yet-valid and wrong-SAN certificates are one option away), and a TLS
 * certificate for the stand-in that serves the chain as s3.amazonaws.com.
 *
 * The layout follows RFC 5280 §4.1 (Certificate, TBSCertificate) and §4.2 (extensions).
 */
import crypto from 'node:crypto';

function length(n: number): Buffer {
	if (n < 0x80) return Buffer.from([n]);
	const bytes: number[] = [];
	for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer) =>
	Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]));
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));

function integer(bytes: Buffer): Buffer {
	const positive = bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
	return tlv(0x02, positive);
}

/** A positive serial whose first byte is neither 0 nor over 0x7f, so its DER form is minimal without padding. */
function serialNumber(): Buffer {
	const bytes = crypto.randomBytes(12);
	bytes[0] = 1 + (bytes[0]! % 0x7f);
	return integer(bytes);
}

function oid(dotted: string): Buffer {
	const [first, second, ...rest] = dotted.split('.').map(Number);
	const bytes = [first! * 40 + second!];
	for (const arc of rest) {
		const chunk: number[] = [];
		let value = arc;
		do {
			chunk.unshift((value & 0x7f) | (chunk.length ? 0x80 : 0));
			value = Math.floor(value / 128);
		} while (value > 0);
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
	const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
	return date.getUTCFullYear() < 2050
		? tlv(0x17, Buffer.from(iso.slice(2)))
		: tlv(0x18, Buffer.from(iso));
}

const name = (commonName: string) =>
	sequence(
		set(sequence(oid('2.5.4.10'), utf8('n8n-nodes-alexa tests'))),
		set(sequence(oid('2.5.4.3'), utf8(commonName))),
	);

const extension = (id: string, critical: boolean, value: Buffer) =>
	sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));

export interface TestCertificate {
	pem: string;
	privateKey: crypto.KeyObject;
	commonName: string;
}

export interface IssueOptions {
	commonName: string;
	/** The issuing certificate; none for a self-signed root. */
	issuer?: TestCertificate;
	notBefore?: Date;
	notAfter?: Date;
	isCertificateAuthority?: boolean;
	/** DNS names for the subject alternative names extension. */
	dnsNames?: string[];
	/** Write this text as the notAfter UTCTime instead of a date (a malformed date, signed all the same). */
	notAfterText?: string;
	/** Reuse a key (the same key under another certificate). */
	privateKey?: crypto.KeyObject;
}

const DAY = 24 * 60 * 60 * 1000;

export function issueCertificate(options: IssueOptions): TestCertificate {
	const privateKey =
		options.privateKey ?? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
	const publicKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
	const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
	const notAfter = options.notAfter ?? new Date(Date.now() + 365 * DAY);
	const extensions: Buffer[] = [];
	if (options.isCertificateAuthority) {
		extensions.push(extension('2.5.29.19', true, sequence(boolean(true))));
		// keyCertSign and cRLSign
		extensions.push(extension('2.5.29.15', true, tlv(0x03, Buffer.from([1, 0x06]))));
	} else {
		extensions.push(extension('2.5.29.19', true, sequence()));
		// digitalSignature and keyEncipherment
		extensions.push(extension('2.5.29.15', true, tlv(0x03, Buffer.from([5, 0xa0]))));
	}
	if (options.dnsNames?.length) {
		const names = options.dnsNames.map((dns) => tlv(0x82, Buffer.from(dns, 'ascii')));
		extensions.push(extension('2.5.29.17', false, sequence(...names)));
	}
	const tbs = sequence(
		explicit(0, integer(Buffer.from([2]))),
		serialNumber(),
		SHA256_WITH_RSA,
		name(options.issuer?.commonName ?? options.commonName),
		sequence(
			time(notBefore),
			options.notAfterText === undefined
				? time(notAfter)
				: tlv(0x17, Buffer.from(options.notAfterText, 'ascii')),
		),
		name(options.commonName),
		publicKey,
		explicit(3, sequence(...extensions)),
	);
	const signature = crypto.sign('sha256', tbs, options.issuer?.privateKey ?? privateKey);
	const der = sequence(tbs, SHA256_WITH_RSA, bitString(signature));
	// 64 characters a line, and no empty line before the footer (OpenSSL refuses one).
	const lines = der
		.toString('base64')
		.match(/.{1,64}/g)!
		.join('\n');
	return {
		pem: `-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`,
		privateKey,
		commonName: options.commonName,
	};
}

export const days = (n: number) => new Date(Date.now() + n * DAY);
