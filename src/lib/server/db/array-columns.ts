/**
 * Rows as one array parameter per column (added to `params`), cast to `types`: the parameters'
 * list for `unnest`, the same text for any number of rows.
 */
export function arrayColumns(
	types: readonly string[],
	rows: readonly (readonly unknown[])[],
	params: unknown[]
): string {
	return types.map((type, i) => `$${params.push(rows.map((row) => row[i]))}::${type}[]`).join(', ');
}
