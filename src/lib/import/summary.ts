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

type Verbs = { change: string; rename: string; add: string };

/** The clauses of a change, e.g. ['change 1,234 cells in 3 measures', 'add 12 items']. */
function clauses(preview: ImportPreview, verb: Verbs): string[] {
	const { summary } = preview;
	if (preview.target === 'history' && summary.history) {
		const h = summary.history;
		const parts = [];
		if (h.changed) parts.push(`${verb.change} ${count(h.changed, 'month')}`);
		if (h.added) parts.push(`${verb.add} ${count(h.added, 'month')}`);
		if (parts.length) parts[parts.length - 1] += ' of sales history';
		return parts;
	}
	const parts = [];
	const changing = summary.measures.filter((m) => m.changed > 0 && !m.refused);
	const cells = changing.reduce((sum, m) => sum + m.changed, 0);
	if (cells) {
		parts.push(`${verb.change} ${count(cells, 'cell')} in ${count(changing.length, 'measure')}`);
	}
	if (summary.itemsRenamed) parts.push(`${verb.rename} ${count(summary.itemsRenamed, 'item')}`);
	const added = [];
	if (summary.familiesAdded.length) {
		added.push(count(summary.familiesAdded.length, 'family', 'families'));
	}
	if (summary.itemsAdded.count) added.push(count(summary.itemsAdded.count, 'item'));
	if (added.length) parts.push(`${verb.add} ${added.join(' and ')}`);
	return parts;
}

const LIST = new Intl.ListFormat('en', { type: 'conjunction' });

function sentence(preview: ImportPreview, verb: Verbs): string | null {
	const text = LIST.format(clauses(preview, verb));
	return text ? text[0].toUpperCase() + text.slice(1) : null;
}

/** What applying would do: 'Change 1,234 cells in 3 measures and add 12 items'; null for nothing. */
export function applySentence(preview: ImportPreview): string | null {
	return sentence(preview, { change: 'change', rename: 'rename', add: 'add' });
}

/** What applying did: 'Changed 1,234 cells in 3 measures and added 12 items'. */
export function appliedSentence(preview: ImportPreview): string {
	return (
		sentence(preview, { change: 'changed', rename: 'renamed', add: 'added' }) ??
		'Nothing needed to change'
	);
}
