/** The sentences the Import page says about a preview: what would change, what did, what is wrong. */
import type { ImportPreview } from '../domain/import/preview.ts';
import type { ImportProblem } from '../domain/import/types.ts';
import type { ImportPhase } from './upload.ts';

const NUMBER = new Intl.NumberFormat('en');

/** '1 cell', '1,234 cells'. */
export function count(n: number, one: string, many = `${one}s`): string {
	return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}

export const PHASE_LABELS: Record<ImportPhase, string> = {
	upload: 'Uploading',
	read: 'Reading',
	check: 'Checking',
	apply: 'Applying'
};

/** 'Line 12, column Month: not a month'; 'Line 12: …' for a whole line, the message for the file. */
export function problemText(p: ImportProblem): string {
	if (p.line <= 0) return p.column ? `Column ${p.column}: ${p.message}` : p.message;
	return `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`;
}

/** The parts of a change, e.g. ['1,234 cells in 3 measures', '12 items']. */
function changes(preview: ImportPreview): { change: string[]; add: string[]; of?: string } {
	const { summary } = preview;
	if (preview.target === 'history' && summary.history) {
		const h = summary.history;
		return {
			change: h.changed ? [count(h.changed, 'month')] : [],
			add: h.added ? [count(h.added, 'month')] : [],
			of: ' of sales history'
		};
	}
	const changing = summary.measures.filter((m) => m.changed > 0 && !m.refused);
	const cells = changing.reduce((sum, m) => sum + m.changed, 0);
	const change = cells ? [`${count(cells, 'cell')} in ${count(changing.length, 'measure')}`] : [];
	if (summary.itemsRenamed) change.push(`the names of ${count(summary.itemsRenamed, 'item')}`);
	const add = [];
	if (summary.familiesAdded.length)
		add.push(count(summary.familiesAdded.length, 'family', 'families'));
	if (summary.itemsAdded.count) add.push(count(summary.itemsAdded.count, 'item'));
	return { change, add };
}

function sentence(preview: ImportPreview, [change, add]: [string, string]): string | null {
	const parts = changes(preview);
	const clauses = [];
	if (parts.change.length) clauses.push(`${change} ${join(parts.change)}`);
	if (parts.add.length)
		clauses.push(`${clauses.length ? add.toLowerCase() : add} ${join(parts.add)}`);
	return clauses.length ? clauses.join(' and ') + (parts.of ?? '') : null;
}

const LIST = new Intl.ListFormat('en', { type: 'conjunction' });
const join = (parts: string[]) => LIST.format(parts);

/** What applying would do: 'Change 1,234 cells in 3 measures and add 12 items'; null for nothing. */
export function applySentence(preview: ImportPreview): string | null {
	return sentence(preview, ['Change', 'Add']);
}

/** What applying did: 'Changed 1,234 cells in 3 measures and added 12 items'. */
export function appliedSentence(preview: ImportPreview): string {
	return sentence(preview, ['Changed', 'Added']) ?? 'Nothing needed to change';
}
