import Papa from 'papaparse';

/** The separators CSV text is read with: what Excel writes by locale, and a spreadsheet's paste. */
export type Delimiter = ',' | ';' | '\t';

export interface CsvRow {
	/** 1-based line of the text the row starts on. */
	line: number;
	cells: string[];
}

/**
 * CSV text (line ends already '\n') as rows, each with the line it starts on: a row takes one
 * line plus the line breaks quoted inside its cells.
 */
export function csvRows(text: string, delimiter: Delimiter): CsvRow[] {
	const { data } = Papa.parse<string[]>(text, { delimiter, newline: '\n' });
	let line = 1;
	return data.map((cells) => {
		const row = { line, cells };
		line += 1 + cells.reduce((n, c) => n + c.split('\n').length - 1, 0);
		return row;
	});
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/**
 * The separator of a file's first lines (line ends already '\n'): the one that splits most of
 * them into the same number of columns, two or more; on a tie tab, then semicolon (a European
 * file's decimal commas split too), then comma. Comma when nothing splits.
 */
export function detectDelimiter(text: string, sampleLines = 20): Delimiter {
	const sample = text.split('\n', sampleLines).join('\n');
	let best: Delimiter = ',';
	let bestScore = 0;
	for (const d of [...DELIMITERS].reverse()) {
		const widths = csvRows(sample, d)
			.filter((r) => r.cells.some((c) => c !== ''))
			.map((r) => r.cells.length);
		const counts = new Map<number, number>();
		for (const w of widths) if (w > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
		const score = Math.max(0, ...counts.values());
		if (score > bestScore) [best, bestScore] = [d, score];
	}
	return best;
}
