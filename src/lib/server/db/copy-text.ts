/** A value COPY's text format can carry: text, a number, or null (SQL NULL). */
export type CopyValue = string | number | null;

/** The characters COPY's text format reads as syntax inside a value, and how each is written. */
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Rows in COPY's text format (tab between values, a newline after each row, `\N` for null),
 * backslash, tab, newline and carriage return escaped: what `COPY … FROM` reads back as the same
 * values on either database.
 */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
	let text = '';
	for (const row of rows) {
		for (let i = 0; i < row.length; i++) {
			if (i > 0) text += '\t';
			text += copyValue(row[i]);
		}
		text += '\n';
	}
	return text;
}

function copyValue(value: CopyValue): string {
	if (value === null) return '\\N';
	if (typeof value === 'number') return String(value);
	return value.replace(SPECIAL, (c) => ESCAPES[c]);
}
