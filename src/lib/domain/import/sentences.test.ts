import { describe, expect, it } from 'vitest';
import type { ImportPreview, ImportSummary, MeasureChange } from './preview.ts';
import { appliedSentence, applySentence, problemText } from './sentences.ts';

const measure = (id: string, changed: number, refused: string | null = null): MeasureChange => ({
	step: 1,
	measure: id,
	label: id,
	changed,
	unchanged: 0,
	refused
});

function preview(summary: Partial<ImportSummary>, target: 'plan' | 'history' = 'plan') {
	const empty: ImportSummary = {
		valuesRead: 0,
		measures: [],
		familiesAdded: [],
		itemsAdded: { count: 0, examples: [] },
		itemsRenamed: 0,
		unknownSkus: { count: 0, examples: [] },
		outsideHorizon: { count: 0, months: [] },
		skipped: [],
		history: null
	};
	return { target, summary: { ...empty, ...summary } } as ImportPreview;
}

describe('problemText', () => {
	it('names the line and column a person finds the problem at', () => {
		expect(problemText({ line: 12, column: 'Month', message: 'not a month' })).toBe(
			'Line 12, column Month: not a month'
		);
		expect(problemText({ line: 3, column: null, message: 'no SKU' })).toBe('Line 3: no SKU');
		expect(problemText({ line: 0, column: null, message: 'No header row' })).toBe('No header row');
	});
});

describe('applySentence and appliedSentence', () => {
	it('counts the cells that change in the measures not refused, and what is added', () => {
		const p = preview({
			measures: [
				measure('forecast', 1000),
				measure('consensus', 234),
				measure('price', 9, 'Locked')
			],
			familiesAdded: ['Bikes'],
			itemsAdded: { count: 12, examples: [] }
		});
		expect(applySentence(p)).toBe('Change 1,234 cells in 2 measures and add 1 family and 12 items');
		expect(appliedSentence(p)).toBe(
			'Changed 1,234 cells in 2 measures and added 1 family and 12 items'
		);
	});

	it('names renamed items in a clause of their own', () => {
		const p = preview({
			measures: [measure('forecast', 6)],
			itemsRenamed: 1,
			itemsAdded: { count: 2, examples: [] }
		});
		expect(appliedSentence(p)).toBe(
			'Changed 6 cells in 1 measure, renamed 1 item, and added 2 items'
		);
	});

	it('says only what happens, and nothing when nothing would', () => {
		expect(applySentence(preview({ itemsAdded: { count: 3, examples: [] } }))).toBe('Add 3 items');
		expect(applySentence(preview({ measures: [measure('forecast', 1)] }))).toBe(
			'Change 1 cell in 1 measure'
		);
		expect(applySentence(preview({ measures: [measure('forecast', 0)] }))).toBeNull();
		expect(appliedSentence(preview({}))).toBe('Nothing needed to change');
	});

	it('speaks of sales history for a history import', () => {
		const history = { added: 120, changed: 4, unchanged: 0, skus: 3, first: null, last: null };
		expect(applySentence(preview({ history }, 'history'))).toBe(
			'Change 4 months and add 120 months of sales history'
		);
	});

	it('adds the sales history a plan import keeps for the workspace', () => {
		const history = { added: 2, changed: 1, unchanged: 5, skus: 1, first: null, last: null };
		expect(appliedSentence(preview({ measures: [measure('actual', 1)], history }))).toBe(
			'Changed 1 cell in 1 measure and recorded 3 months of sales history'
		);
	});
});
