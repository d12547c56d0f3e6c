import { csvRows, detectDelimiter } from '../../domain/csv-rows.ts';
import type { FileRead, SheetRow } from '../../domain/import/types.ts';
import { checkSize } from './sheet-limits.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * A CSV file's rows. Text with a byte-order mark, or valid as UTF-8, is UTF-8; anything else is
 * Windows-1252, as Excel saves "CSV" in Western Europe. The separator is the one that splits the
 * first lines alike. Rows with no text at all are left out, and a row's empty cells at its end; empty
 * cells are null, others keep their text as it is (spaces included).
 */
export function readCsv(bytes: Uint8Array): FileRead {
	const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
	let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
	} catch {
		encoding = 'windows-1252';
		text = windows1252(bytes);
	}
	text = text.replace(/\r\n?/g, '\n');
	const delimiter = detectDelimiter(text);
	const rows: SheetRow[] = [];
	for (const row of csvRows(text, delimiter)) {
		let width = row.cells.length;
		while (width > 0 && row.cells[width - 1] === '') width--;
		if (width === 0) continue;
		rows.push({
			line: row.line,
			cells: row.cells.slice(0, width).map((c) => (c === '' ? null : c))
		});
	}
	checkSize(rows);
	return { kind: 'csv', sheets: [], sheet: null, encoding, delimiter, rows, problems: [] };
}

/** Where Windows-1252 differs from Latin-1: bytes 0x80–0x9F (five are unassigned and stay). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Node decodes the 'windows-1252' label as Latin-1, so the 0x80–0x9F range is mapped here. */
function windows1252(bytes: Uint8Array): string {
	return new TextDecoder('latin1')
		.decode(bytes)
		.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}
