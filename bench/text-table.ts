/**
 * Rows as a plain-text table under a header and a rule: the first `labelColumns` columns
 * left-aligned (labels), the rest right-aligned (figures).
 */
export function textTable(headers: string[], rows: string[][], labelColumns = 1): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => (i < labelColumns ? c.padEnd(widths[i]) : c.padStart(widths[i])))
			.join('  ');
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
