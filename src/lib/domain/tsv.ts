import Papa from 'papaparse';

/**
 * Tab-separated text as spreadsheets put it on the clipboard (Excel, Google Sheets, LibreOffice):
 * rows of cells, with quoting where a cell holds a tab or a line break.
 */
export function parseTsv(text: string): string[][] {
	const trimmed = text.replace(/\r?\n$/, '');
	if (trimmed === '') return [];
	const { data } = Papa.parse<string[]>(trimmed, { delimiter: '\t', newline: undefined });
	return data;
}

export function toTsv(rows: readonly (readonly string[])[]): string {
	return Papa.unparse(rows as string[][], { delimiter: '\t', newline: '\n' });
}
