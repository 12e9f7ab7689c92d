import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Credential fields that must never reach an output, an error or a log line. */
const SECRET_FIELDS = ['clientSecret', 'refreshToken', 'accessToken'];

/**
 * LWA token shapes (access `Atza|`, refresh `Atzr|`, client credentials `Atc|`). Anything
 * that looks like one is removed even when we did not know the value in advance, for
 * example a token an upstream proxy echoed back in an error body.
 */
const LWA_TOKEN_PATTERN = /Atz[ar]\|[^\s"',;]+|Atc\|[^\s"',;]+/g;

export function redactText(text: string, secrets: Array<string | undefined> = []): string {
	let result = text.replace(LWA_TOKEN_PATTERN, REDACTED);
	for (const secret of secrets) {
		// Very short values would redact ordinary words; real secrets are long.
		if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
	}
	return result;
}

export function credentialSecrets(credentials?: ICredentialDataDecryptedObject): string[] {
	if (!credentials) return [];
	return SECRET_FIELDS.map((field) => credentials[field]).filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
}

/**
 * A copy of a JSON value without secret fields: any field named in `names`, wherever it is, and a
 * field named in `byParent` under its parent's name (`code` under `grant`). Object.fromEntries
 * keeps a "__proto__" key a plain field.
 */
export function copyWithout(
	value: unknown,
	names: ReadonlySet<string>,
	byParent: ReadonlyMap<string, string>,
	parentKey = '',
): unknown {
	if (Array.isArray(value)) return value.map((entry) => copyWithout(entry, names, byParent));
	if (typeof value !== 'object' || value === null) return value;
	const secretChild = byParent.get(parentKey);
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !names.has(key) && key !== secretChild)
			.map(([key, entry]) => [key, copyWithout(entry, names, byParent, key)]),
	);
}
