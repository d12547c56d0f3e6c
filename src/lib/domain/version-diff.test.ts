import { describe, expect, it } from 'vitest';
import { compareVersions } from './scenario/compare.ts';
import {
	alignToVersion,
	compareQuery,
	compareTable,
	formatSignedValue,
	parseComparePair
} from './version-diff.ts';
import type { VersionTableContent } from './version-table.ts';

const version = (
	periods: string[],
	items: { id: string; family_id: string; sku: string; name: string }[],
	rows: VersionTableContent['rows'],
	families = [
		{ id: 'f1', name: 'Bikes' },
		{ id: 'f2', name: 'Helmets' }
	]
): VersionTableContent => ({ plan: { name: 'Plan' }, periods, families, items, rows });

const road = { id: 'r', family_id: 'f1', sku: 'B-1', name: 'Road' };
const lid = { id: 'l', family_id: 'f2', sku: 'H-1', name: 'Lid' };
const gravel = { id: 'g', family_id: 'f1', sku: 'B-2', name: 'Gravel' };

describe('parseComparePair', () => {
	it('reads two version numbers, or the previous cycle for A', () => {
		expect(parseComparePair('1', '2')).toEqual({ ok: true, a: 1, b: 2 });
		expect(parseComparePair('previous', '1')).toEqual({ ok: true, a: 'previous', b: 1 });
	});

	it('says why a pair cannot be compared', () => {
		expect(parseComparePair(null, '2')).toMatchObject({ ok: false, status: 400 });
		expect(parseComparePair('1', '')).toMatchObject({ ok: false, status: 400 });
		expect(parseComparePair('x', '2')).toMatchObject({ message: '“x” is not a version number.' });
		expect(parseComparePair('1', 'previous')).toMatchObject({
			message: '“previous” is not a version number.'
		});
		expect(parseComparePair('2', '2')).toMatchObject({
			message: expect.stringContaining('compared with itself')
		});
	});

	it('writes the query the page reads', () => {
		expect(compareQuery('previous', 3)).toBe('?a=previous&b=3');
	});
});

describe('alignToVersion', () => {
	it('gives the previous cycle’s items and families this plan’s ids, by SKU and family name', () => {
		const previous = version(
			['2027-01'],
			[
				{ id: 'old-r', family_id: 'old-f1', sku: 'B-1', name: 'Road' },
				{ id: 'old-x', family_id: 'old-f9', sku: 'X-1', name: 'Gone' }
			],
			{ 'old-r': { consensus: [5] }, 'old-x': { consensus: [1] }, 'old-f1': { capacity: [9] } },
			[
				{ id: 'old-f1', name: 'Bikes' },
				{ id: 'old-f9', name: 'Retired' }
			]
		);
		const aligned = alignToVersion(previous, version(['2027-02'], [road, lid], {}));
		expect(aligned.items).toEqual([
			{ id: 'r', family_id: 'f1', sku: 'B-1', name: 'Road' },
			{ id: 'old-x', family_id: 'old-f9', sku: 'X-1', name: 'Gone' }
		]);
		expect(aligned.families.map((f) => f.id)).toEqual(['f1', 'old-f9']);
		expect(aligned.rows).toEqual({
			r: { consensus: [5] },
			'old-x': { consensus: [1] },
			f1: { capacity: [9] }
		});
	});
});

describe('compareTable', () => {
	// A rolled horizon: A covers Jan–Feb, B Feb–Mar; only February is compared.
	const a = version(['2027-01', '2027-02'], [road, lid, gravel], {
		r: { consensus: [1, 120], price: [10, 10] },
		l: { consensus: [0, 7] },
		g: { consensus: [3, 3] }
	});
	const b = version(['2027-02', '2027-03'], [lid, road, { ...road, id: 'n', sku: 'B-9' }], {
		r: { consensus: [150, 99], price: [10, 10] },
		l: { consensus: [7, 7] }
	});
	const comparison = compareVersions(a, b);
	const table = (familyId = '', onlyDiffering = true, limit = 100) =>
		compareTable(a, b, comparison, { familyId, onlyDiffering, limit });

	it('lists only differing rows by default, family by family, with both values and B − A', () => {
		const t = table();
		// Family by family: Bikes' road first though B lists the lid first, A's gravel bike after it.
		expect([...new Set(t.lines.map((l) => l.sku))]).toEqual(['B-1', 'B-2']);
		expect(t.lines.map((l) => `${l.sku} ${l.measureId}`)).toEqual(
			expect.arrayContaining(['B-1 consensus', 'B-2 consensus'])
		);
		expect(t.lines.every((l) => l.differs)).toBe(true);
		const consensus = t.lines.find((l) => l.sku === 'B-1' && l.measureId === 'consensus')!;
		expect(consensus).toMatchObject({ family: 'Bikes', name: 'Road' });
		expect(consensus.cells).toEqual([{ a: 120, b: 150, difference: 30 }]);
		expect(t.total).toBe(t.lines.length);
		expect(t.differing).toBe(t.total);
	});

	it('shows unchanged rows plainly when asked, and narrows to a family', () => {
		const t = table('f2', false);
		expect(t.familyId).toBe('f2');
		expect(t.lines.every((l) => l.sku === 'H-1' && !l.differs)).toBe(true);
		expect(t.lines.find((l) => l.measureId === 'consensus')!.cells).toEqual([{ same: 7 }]);
		expect(t.differing).toBe(0);
		expect(table('nope').familyId).toBe('');
	});

	it('sends at most `limit` rows and counts the rest', () => {
		const t = table('', false, 3);
		expect(t.lines).toHaveLength(3);
		expect(t.total).toBeGreaterThan(3);
	});

	it('names the items only in one version', () => {
		const t = table();
		expect(t.onlyInA.map((i) => i.sku)).toEqual(['B-2']);
		expect(t.onlyInB.map((i) => i.sku)).toEqual(['B-9']);
	});
});

describe('formatting differences', () => {
	it('signs a cell’s difference as its measure shows values', () => {
		expect(formatSignedValue(30, 'units')).toBe('+30');
		expect(formatSignedValue(-1250, 'units')).toBe('−1,250');
		expect(formatSignedValue(0.2, 'units')).toBe('0');
		expect(formatSignedValue(-0.5, 'currency')).toBe('−0.50');
	});
});

describe('formatSignedValue in the reader’s locale', () => {
	it('keeps the sign and writes the figure as the locale does', () => {
		expect(formatSignedValue(-1250, 'units', 'nb-NO')).toBe('−1\u00a0250');
		expect(formatSignedValue(1250, 'units', 'de-DE')).toBe('+1.250');
		expect(formatSignedValue(1250, 'units', 'en-US')).toBe('+1,250');
	});
});
