/**
 * The sentences said about an import's preview: what would change, what did, what is wrong. The
 * Import page shows them; the plan's log records what an import did in the same words.
 */
import { count } from '../format.ts';
import type { ImportPreview } from './preview.ts';
import type { ImportProblem } from './types.ts';

/** 'Line 12, column Month: not a month'; 'Line 12: …' for a whole line, the message for the file. */
export function problemText(p: ImportProblem): string {
	if (p.line <= 0) return p.column ? `Column ${p.column}: ${p.message}` : p.message;
	return `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`;
}

type Verbs = { change: string; rename: string; add: string; record: string };

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
	// Actual sales in a plan's file are also kept for the workspace, whatever months they cover.
	const kept = (summary.history?.added ?? 0) + (summary.history?.changed ?? 0);
	if (kept) parts.push(`${verb.record} ${count(kept, 'month')} of sales history`);
	return parts;
}

const LIST = new Intl.ListFormat('en', { type: 'conjunction' });

function sentence(preview: ImportPreview, verb: Verbs): string | null {
	const text = LIST.format(clauses(preview, verb));
	return text ? text[0].toUpperCase() + text.slice(1) : null;
}

/** What applying would do: 'Change 1,234 cells in 3 measures and add 12 items'; null for nothing. */
export function applySentence(preview: ImportPreview): string | null {
	return sentence(preview, { change: 'change', rename: 'rename', add: 'add', record: 'record' });
}

/** What applying did: 'Changed 1,234 cells in 3 measures and added 12 items'. */
export function appliedSentence(preview: ImportPreview): string {
	return (
		sentence(preview, { change: 'changed', rename: 'renamed', add: 'added', record: 'recorded' }) ??
		'Nothing needed to change'
	);
}
