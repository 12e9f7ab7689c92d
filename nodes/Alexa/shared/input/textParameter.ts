import { InputProblem } from './validate';

/** A text parameter as text: an expression may give a number or a boolean, which is spoken as written. */
export function textParameter(field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new InputProblem(
		field,
		`is ${Array.isArray(value) ? 'an array' : 'an object'}; it must be text`,
		`Map ${field} to a text value, or JSON.stringify() it.`,
	);
}
