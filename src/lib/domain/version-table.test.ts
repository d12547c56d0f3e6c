import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MEASURES } from './measures';
import {
	itemsByFamily,
	measuresOf,
	parseVersionNumber,
	plainNumber,
	safeText,
	sliceVersion,
	slugify,
	versionBlocks,
	versionCsv,
	versionCsvChunks,
	versionCsvRows,
	versionFileName,
	type VersionTableContent
} from './version-table';

const ITEM_MEASURES = MEASURES.filter((m) => m.level === 'item');

/** A version of two families (three items) over three months; every row filled with `seed`. */
function sample(): VersionTableContent {
	const periods = ['2027-01', '2027-02', '2027-03'];
	const families = [
		{ id: 'f1', name: 'Bikes' },
		{ id: 'f2', name: '=Helmets' }
	];
	const items = [
		{ id: 'i1', family_id: 'f1', sku: 'B-1', name: 'Road bike' },
		{ id: 'i3', family_id: 'f2', sku: '@H-1', name: '+Lid, "classic"' },
		{ id: 'i2', family_id: 'f1', sku: 'B-2', name: '-Gravel bike' }
	];
	const row = (level: 'item' | 'family', base: number) =>
		Object.fromEntries(
			MEASURES.filter((m) => level === 'family' || m.level === 'item').map((m, k) => [
				m.id,
				[base + k, null, base + k + 0.5]
			])
		);
	return {
		plan: { name: 'Q3 Plan — Europe', startMonth: '2027-01', horizon: 3 },
		periods,
		families,
		items,
		rows: {
			total: row('family', 1000),
			f1: row('family', 100),
			f2: row('family', 200),
			i1: row('item', 10),
			i2: row('item', 20),
			i3: row('item', 30)
		}
	};
}

describe('measuresOf', () => {
	it('gives plan and family rows every measure, items the item-level ones', () => {
		expect(measuresOf('plan')).toEqual(MEASURES);
		expect(measuresOf('family')).toEqual(MEASURES);
		expect(measuresOf('item').map((m) => m.id)).not.toContain('capacity');
		expect(measuresOf('item')).toEqual(ITEM_MEASURES);
	});
});

describe('versionBlocks', () => {
	it('shows the plan total then every family, and no items, without a family', () => {
		const blocks = versionBlocks(sample());
		expect(blocks.map((b) => [b.level, b.id, b.title])).toEqual([
			['plan', 'total', 'Plan total'],
			['family', 'f1', 'Bikes'],
			['family', 'f2', '=Helmets']
		]);
		expect(blocks[1].lines.map((l) => l.measure.id)).toEqual(MEASURES.map((m) => m.id));
		expect(blocks[1].lines[0].values).toEqual([100, null, 100.5]);
	});

	it("shows a chosen family's totals followed by its items, in the version's order", () => {
		const blocks = versionBlocks(sample(), 'f1');
		expect(blocks.map((b) => [b.level, b.title])).toEqual([
			['family', 'Bikes'],
			['item', 'B-1 · Road bike'],
			['item', 'B-2 · -Gravel bike']
		]);
		expect(blocks[1].lines.map((l) => l.measure.id)).toEqual(ITEM_MEASURES.map((m) => m.id));
	});

	it('treats an unknown family as none', () => {
		expect(versionBlocks(sample(), 'nope').map((b) => b.id)).toEqual(['total', 'f1', 'f2']);
	});

	it('shows empty values for a row the version lacks', () => {
		const content = sample();
		delete (content.rows as Record<string, unknown>).f2;
		const f2 = versionBlocks(content).find((b) => b.id === 'f2')!;
		expect(f2.lines.every((l) => l.values.length === 3 && l.values.every((v) => v === null))).toBe(
			true
		);
	});
});

describe('sliceVersion', () => {
	it('keeps every family and only the chosen family’s items and rows', () => {
		const slice = sliceVersion(sample(), 'f1');
		expect(slice.familyId).toBe('f1');
		expect(slice.content.items.map((i) => i.id)).toEqual(['i1', 'i2']);
		expect(Object.keys(slice.content.rows).sort()).toEqual(['f1', 'f2', 'i1', 'i2', 'total']);
		expect(slice.itemCount).toBe(3);
		expect(slice.itemCounts).toEqual({ f1: 2, f2: 1 });
		expect(slice.content.plan.horizon).toBe(3);
		expect(versionBlocks(slice.content, slice.familyId)).toEqual(versionBlocks(sample(), 'f1'));
	});

	it('has no items without a family, or with one the version does not have', () => {
		for (const id of ['', 'nope']) {
			const slice = sliceVersion(sample(), id);
			expect(slice.familyId).toBe('');
			expect(slice.content.items).toEqual([]);
			expect(Object.keys(slice.content.rows).sort()).toEqual(['f1', 'f2', 'total']);
		}
	});

	it('groups items by family', () => {
		expect(Object.keys(itemsByFamily(sample()))).toEqual(['f1', 'f2']);
		expect(itemsByFamily(sample()).f2.map((i) => i.id)).toEqual(['i3']);
	});
});

describe('parseVersionNumber', () => {
	it('takes positive whole numbers a version could have', () => {
		expect(parseVersionNumber('1')).toBe(1);
		expect(parseVersionNumber('42')).toBe(42);
		expect(parseVersionNumber('2147483647')).toBe(2147483647);
	});

	it('refuses anything else', () => {
		for (const raw of ['', '0', '-1', '01', '1.5', '1e3', 'abc', ' 1', '2147483648', '99999999999'])
			expect(parseVersionNumber(raw), raw).toBeNull();
	});
});

describe('file names', () => {
	it('slugs plan names', () => {
		expect(slugify('Q3 Plan — Europe')).toBe('q3-plan-europe');
		expect(slugify('  Crème Brûlée / 2027  ')).toBe('creme-brulee-2027');
		expect(slugify('计划')).toBe('plan');
		expect(slugify('"; rm -rf /')).toBe('rm-rf');
		expect(slugify('x'.repeat(100))).toHaveLength(60);
	});

	it('names the export after the plan and version', () => {
		expect(versionFileName('Q3 Plan — Europe', 7)).toBe('q3-plan-europe-v7.csv');
		expect(versionFileName('Q3 Plan — Europe', 7, 'xlsx')).toBe('q3-plan-europe-v7.xlsx');
		expect(versionFileName('Q3 Plan — Europe', null, 'xlsx')).toBe('q3-plan-europe.xlsx');
	});
});

describe('plainNumber', () => {
	it('writes plain decimals without separators, exponents or float noise', () => {
		expect(plainNumber(1234567)).toBe('1234567');
		expect(plainNumber(-42)).toBe('-42');
		expect(plainNumber(0)).toBe('0');
		expect(plainNumber(-0)).toBe('0');
		expect(plainNumber(120 * 19.99)).toBe('2398.8');
		expect(plainNumber(0.1 + 0.2)).toBe('0.3');
		expect(plainNumber(1 / 3)).toBe('0.333333');
		expect(plainNumber(1234567.891)).toBe('1234567.891');
		expect(plainNumber(1e21)).toBe('1000000000000000000000');
		expect(plainNumber(1e-9)).toBe('0');
	});

	it('leaves no value empty', () => {
		expect(plainNumber(null)).toBe('');
		expect(plainNumber(undefined)).toBe('');
		expect(plainNumber(NaN)).toBe('');
		expect(plainNumber(Infinity)).toBe('');
	});
});

describe('safeText', () => {
	it('defuses text a spreadsheet would run as a formula', () => {
		expect(safeText('=SUM(A1)')).toBe("'=SUM(A1)");
		expect(safeText('+1')).toBe("'+1");
		expect(safeText('-2')).toBe("'-2");
		expect(safeText('@cmd')).toBe("'@cmd");
		expect(safeText('\tx')).toBe("'\tx");
		expect(safeText('Road bike')).toBe('Road bike');
		expect(safeText('a=b')).toBe('a=b');
		expect(safeText('')).toBe('');
	});
});

describe('versionCsvRows', () => {
	it('has the fixed columns then one per month', () => {
		expect(versionCsvRows(sample())[0]).toEqual([
			'Level',
			'Family',
			'SKU',
			'Item',
			'Measure',
			'2027-01',
			'2027-02',
			'2027-03'
		]);
	});

	it('lists the plan total, then each family followed by its items, every measure of the level', () => {
		const rows = versionCsvRows(sample()).slice(1);
		const owners = rows.map((r) => r.slice(0, 4).join('|'));
		const order = [...new Set(owners)];
		expect(order).toEqual([
			'Plan|||',
			'Family|Bikes||',
			'Item|Bikes|B-1|Road bike',
			"Item|Bikes|B-2|'-Gravel bike",
			"Family|'=Helmets||",
			`Item|'=Helmets|'@H-1|'+Lid, "classic"`
		]);
		expect(rows).toHaveLength(3 * MEASURES.length + 3 * ITEM_MEASURES.length);
		expect(owners.filter((o) => o === 'Plan|||')).toHaveLength(MEASURES.length);
		expect(owners.filter((o) => o.startsWith('Item|Bikes|B-1'))).toHaveLength(ITEM_MEASURES.length);
	});

	it('writes numbers plainly and leaves empty values empty', () => {
		const rows = versionCsvRows(sample());
		const consensus = MEASURES.findIndex((m) => m.id === 'consensus');
		const row = rows.find((r) => r[3] === 'Road bike' && r[4] === 'Consensus demand')!;
		const itemIndex = ITEM_MEASURES.findIndex((m) => m.id === 'consensus');
		expect(row.slice(5)).toEqual([String(10 + itemIndex), '', `${10 + itemIndex}.5`]);
		const total = rows.find((r) => r[0] === 'Plan' && r[4] === 'Consensus demand')!;
		expect(total.slice(5)).toEqual([String(1000 + consensus), '', `${1000 + consensus}.5`]);
	});

	it('writes every month of a row the version lacks as empty', () => {
		const content = sample();
		delete (content.rows as Record<string, unknown>).i3;
		const rows = versionCsvRows(content).filter((r) => r[2] === "'@H-1");
		expect(rows).toHaveLength(ITEM_MEASURES.length);
		expect(rows.every((r) => r.slice(5).every((c) => c === ''))).toBe(true);
	});
});

describe('versionCsv', () => {
	it('quotes where needed, ends lines with CRLF and reads back to the same rows', () => {
		const csv = versionCsv(sample());
		expect(csv.startsWith('Level,Family,SKU,Item,Measure,2027-01,2027-02,2027-03\r\n')).toBe(true);
		expect(csv).toContain(`Item,'=Helmets,'@H-1,"'+Lid, ""classic""",`);
		expect(csv.endsWith('\r\n')).toBe(true);
		const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' });
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toEqual(versionCsvRows(sample()));
	});

	it('streams the same text in chunks of whole records', () => {
		const chunks = [...versionCsvChunks(sample(), 7)];
		const records = versionCsvRows(sample()).length;
		expect(chunks).toHaveLength(Math.ceil(records / 7));
		expect(chunks.every((c) => c.endsWith('\r\n'))).toBe(true);
		expect(chunks.join('')).toBe(versionCsv(sample()));
	});
});
