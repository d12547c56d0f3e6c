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
		text = new TextDecoder('windows-1252').decode(bytes);
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
