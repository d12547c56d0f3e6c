/**
 * Reads newline-delimited JSON as it arrives: an XMLHttpRequest's `responseText` grows while the
 * answer streams, so each call parses the complete lines after `offset` and says where to go on.
 */
export interface NdjsonRead<T> {
	values: T[];
	/** Where the next call starts: just after the last complete line read. */
	offset: number;
}

/**
 * Parses the complete lines of `text` from `offset`. A last line without its newline is still
 * arriving and is left for the next call, unless `done` says the answer is complete. Blank lines
 * are skipped; a line that is not JSON throws.
 */
export function readNdjson<T>(text: string, offset: number, done = false): NdjsonRead<T> {
	const values: T[] = [];
	let start = offset;
	for (;;) {
		const end = text.indexOf('\n', start);
		if (end === -1) break;
		pushLine(values, text.slice(start, end));
		start = end + 1;
	}
	if (done && start < text.length) {
		pushLine(values, text.slice(start));
		start = text.length;
	}
	return { values, offset: start };
}

function pushLine<T>(values: T[], line: string) {
	const trimmed = line.trim();
	if (trimmed) values.push(JSON.parse(trimmed) as T);
}
