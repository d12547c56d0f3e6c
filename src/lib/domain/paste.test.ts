import { describe, expect, it } from 'vitest';
import { gridRows } from './grid-rows';
import { pasteTargets } from './paste';

const families = [
	{ id: 'f1', name: 'Bikes' },
	{ id: 'f2', name: 'Parts' }
];
const items = [
	{ id: 'b1', family_id: 'f1', sku: 'B1', name: 'Road' },
	{ id: 'b2', family_id: 'f1', sku: 'B2', name: 'Gravel' },
	{ id: 'p1', family_id: 'f2', sku: 'P1', name: 'Chain' },
	{ id: 'p2', family_id: 'f2', sku: 'P2', name: 'Tyre' }
];
// Total, Bikes, B1, B2, Parts, P1, P2: the sales forecast only.
const rows = gridRows(families, items, { shown: new Set(['forecast']) });
const at = (row: number, col = 0) => ({ top: row, bottom: row, left: col, right: col });
const names = (targets: { pos: { row: number } }[]) =>
	targets.map(({ pos }) => {
		const s = rows[pos.row].scope;
		return s.kind === 'item' ? s.item.sku : s.kind === 'family' ? s.family.name : 'Total';
	});

describe('pasteTargets', () => {
	it('sends four lines pasted at the first item of a two-item family to the next item rows, skipping the next family total', () => {
		const plan = pasteTargets(rows, 6, at(2), [['1'], ['2'], ['3'], ['4']]);
		expect(plan.ok).toBe(true);
		if (!plan.ok) return;
		expect(names(plan.targets)).toEqual(['B1', 'B2', 'P1', 'P2']);
		expect(plan.targets.map((t) => t.text)).toEqual(['1', '2', '3', '4']);
		expect(plan.last).toEqual({ row: 6, col: 0 });
	});

	it('keeps a block pasted on a family total on the totals', () => {
		const plan = pasteTargets(rows, 6, at(1, 2), [
			['10', '11'],
			['20', '21']
		]);
		expect(plan.ok && names(plan.targets)).toEqual(['Bikes', 'Bikes', 'Parts', 'Parts']);
		expect(plan.ok && plan.targets.map((t) => t.pos.col)).toEqual([2, 3, 2, 3]);
	});

	it('refuses, saying why, when there are not enough item rows or months left', () => {
		expect(pasteTargets(rows, 6, at(5), [['1'], ['2'], ['3']])).toEqual({
			ok: false,
			error:
				'The pasted block (3 × 1) does not fit from here: not enough item rows below (pasted on an item, it skips the family and plan totals).'
		});
		expect(pasteTargets(rows, 6, at(2, 5), [['1', '2']])).toMatchObject({ ok: false });
	});

	it('fills a selection with one value, leaving out totals inside an item selection', () => {
		const plan = pasteTargets(rows, 6, { top: 3, bottom: 5, left: 0, right: 1 }, [['7']]);
		expect(plan.ok && names(plan.targets)).toEqual(['B2', 'B2', 'P1', 'P1']);
		expect(plan.ok && plan.targets.every((t) => t.text === '7')).toBe(true);
	});

	it('fills short lines with blanks up to the widest line', () => {
		const plan = pasteTargets(rows, 6, at(2), [['1', '2'], ['3']]);
		expect(plan.ok && plan.targets.map((t) => t.text)).toEqual(['1', '2', '3', '']);
	});
});
