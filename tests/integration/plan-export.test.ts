import { isHttpError } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { planWithMembers, seedSeries, signedInUser, type TestUser } from '../helpers/fixtures.ts';
import { KPI_DEFINITIONS } from '../../src/lib/domain/kpis.ts';
import { MEASURES } from '../../src/lib/domain/measures.ts';
import { periods as monthsOf } from '../../src/lib/domain/periods.ts';
import { setDb } from '../../src/lib/server/db/index.ts';
import { readImportFile } from '../../src/lib/server/import/read-file.ts';
import { planCsvRecords } from '../../src/lib/server/export/plan-csv.ts';
import { writePlanXlsx } from '../../src/lib/server/export/plan-xlsx.ts';
import { getHierarchy } from '../../src/lib/server/plans.ts';
import {
	buildVersionContent,
	saveApprovedVersion,
	type VersionContent
} from '../../src/lib/server/plan-versions.ts';

import { GET as liveXlsx } from '../../src/routes/plans/[plan]/export.xlsx/+server.ts';
import { GET as liveCsv } from '../../src/routes/plans/[plan]/export.csv/+server.ts';
import { GET as versionXlsx } from '../../src/routes/plans/[plan]/versions/[version]/export.xlsx/+server.ts';
import { thrown } from '../helpers/thrown.ts';

const MONTHS = monthsOf('2027-01', 3);
const ITEM_MEASURES = MEASURES.filter((m) => m.level === 'item');
const label = (id: string) => MEASURES.find((m) => m.id === id)!.label;

let db: Awaited<ReturnType<typeof openTestDb>>;
let leader: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let planId: string;
let content: VersionContent;

beforeAll(async () => {
	db = await openTestDb();
	setDb(db);
	leader = await signedInUser(db, 'Lee Leader');
	viewer = await signedInUser(db, 'Vic Viewer');
	stranger = await signedInUser(db, 'Stranger');
	({ planId } = await planWithMembers(db, leader, [{ user: viewer, fn: null, role: 'viewer' }], {
		name: 'Q3 Plan — Europe',
		horizon: 3,
		currency: 'CHF',
		families: [
			{
				name: 'Bikes',
				items: [
					{ sku: 'B-1', name: 'Road bike' },
					{ sku: 'B-2', name: 'Gravel bike' }
				]
			},
			{ name: '+Helmets', items: [{ sku: '@H-1', name: 'Lid' }] }
		]
	}));
	const { families, items } = await getHierarchy(db, planId);
	const [road, gravel, lid] = items.map((i) => i.id);
	await seedSeries(db, planId, MONTHS, {
		// Road bikes run short in March: 50 + 90 − 100 = 40, 40 + 100 − 110 = 30, 30 + 0 − 120 < 0.
		[road]: {
			forecast: [100, 110, 100],
			consensus: [100, 110, 120],
			price: [19.99, 19.99, 19.99],
			cost: [12, 12, 12],
			production: [90, 100, 0],
			opening: [50]
		},
		[gravel]: { consensus: [50, 60, 70], production: [60, 60, 70], price: [300, 300, 310] },
		[lid]: { consensus: [10, 20, 30], price: [25.5, 25.5, 25.5] },
		// Bikes produce 150 against 100 in January: over capacity.
		[families[0].id]: { capacity: [100, 400, 400] }
	});
	content = await buildVersionContent(db, planId);
});
afterAll(() => db.dispose());

async function xlsxBuffer(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise((resolve) => out.on('end', resolve));
	await write(out);
	await ended;
	return Buffer.concat(chunks);
}

async function workbookOf(buffer: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(buffer as ArrayBuffer);
	return wb;
}

/** The Plan sheet's rows as the importer sees them: the four text columns, then the months. */
function planRows(sheet: ExcelJS.Worksheet) {
	const rows: { number: number; cells: unknown[]; outline: number }[] = [];
	sheet.eachRow((row, number) => {
		const values = row.values as unknown[];
		rows.push({
			number,
			cells: Array.from({ length: 4 + MONTHS.length }, (_, i) => values[i + 1] ?? null),
			outline: row.outlineLevel ?? 0
		});
	});
	return rows;
}

describe('plan workbook', () => {
	let buffer: Buffer;
	let wb: ExcelJS.Workbook;
	let sheet: ExcelJS.Worksheet;
	const find = (family: string, sku: string, measureId: string) =>
		planRows(sheet).find(
			(r) => r.cells[0] === family && (r.cells[1] ?? '') === sku && r.cells[3] === label(measureId)
		)!;

	beforeAll(async () => {
		buffer = await xlsxBuffer((out) =>
			writePlanXlsx(content, { currency: 'CHF', title: 'Q3 Plan — Europe' }, out)
		);
		wb = await workbookOf(buffer);
		sheet = wb.getWorksheet('Plan')!;
	});

	it('has the Plan, KPIs and Legend sheets and the plan as its title', () => {
		expect(wb.worksheets.map((s) => s.name)).toEqual(['Plan', 'KPIs', 'Legend']);
		expect(wb.title).toBe('Q3 Plan — Europe');
		expect(wb.creator).toBe('Concord');
	});

	it('lays the plan out as the importer reads it: total, then each family over its items', () => {
		const rows = planRows(sheet);
		expect(rows[0].cells).toEqual(['Family', 'SKU', 'Item', 'Measure', ...MONTHS]);
		expect(rows).toHaveLength(1 + 3 * MEASURES.length + 3 * ITEM_MEASURES.length);
		const blocks = rows
			.slice(1)
			.filter(
				(_, i, all) =>
					i === 0 || all[i - 1].cells.slice(0, 2).join() !== all[i].cells.slice(0, 2).join()
			)
			.map((r) => [r.cells[0], r.cells[1], r.cells[2], r.outline]);
		expect(blocks).toEqual([
			['Plan total', null, null, 0],
			['Bikes', null, null, 0],
			['Bikes', 'B-1', 'Road bike', 1],
			['Bikes', 'B-2', 'Gravel bike', 1],
			// Text is text in a workbook: nothing to guard against formulas.
			['+Helmets', null, null, 0],
			['+Helmets', '@H-1', 'Lid', 1]
		]);
		expect(sheet.properties.outlineLevelRow).toBe(1);
		expect(sheet.properties.outlineProperties).toMatchObject({ summaryBelow: false });
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 1 });
	});

	it('holds every value of the plan, typed and derived', () => {
		const { families, items } = content;
		const owners = [
			{ id: 'total', family: 'Plan total', sku: '' },
			...families.map((f) => ({ id: f.id, family: f.name, sku: '' })),
			...items.map((i) => ({
				id: i.id,
				family: families.find((f) => f.id === i.family_id)!.name,
				sku: i.sku
			}))
		];
		let compared = 0;
		for (const owner of owners) {
			for (const [measureId, values] of Object.entries(content.rows[owner.id])) {
				const row = find(owner.family, owner.sku, measureId);
				expect(row.cells.slice(4), `${owner.family} ${owner.sku} ${measureId}`).toEqual(values);
				compared++;
			}
		}
		expect(compared).toBe(3 * MEASURES.length + 3 * ITEM_MEASURES.length);
		expect(find('Bikes', 'B-1', 'inventory').cells.slice(4)).toEqual([40, 30, -90]);
	});

	it('reads back through the import reader, months as text and empty cells as null', async () => {
		const read = await readImportFile(buffer, 'q3-plan-europe.xlsx');
		expect(read.sheets).toEqual(['Plan', 'KPIs', 'Legend']);
		expect(read.problems).toEqual([]);
		expect(read.rows[0]).toEqual({
			line: 1,
			cells: ['Family', 'SKU', 'Item', 'Measure', ...MONTHS]
		});
		const line = find('Bikes', 'B-1', 'price').number;
		expect(read.rows.find((r) => r.line === line)?.cells).toEqual([
			'Bikes',
			'B-1',
			'Road bike',
			'Price',
			19.99,
			19.99,
			19.99
		]);
	});

	it('formats each measure and sets derived rows apart', () => {
		const cell = (family: string, sku: string, measureId: string) =>
			sheet.getRow(find(family, sku, measureId).number).getCell(5);
		expect(cell('Bikes', 'B-1', 'consensus').numFmt).toBe('#,##0');
		expect(cell('Bikes', 'B-1', 'price').numFmt).toBe('#,##0.00 "CHF"');
		expect(cell('Bikes', 'B-1', 'marginPct').numFmt).toBe('0.0%');
		expect(cell('Bikes', 'B-1', 'cover').numFmt).toBe('0.0');
		expect(cell('Bikes', 'B-1', 'revenue').font).toMatchObject({ italic: true });
		expect(cell('Bikes', 'B-1', 'consensus').font?.italic).toBeFalsy();
	});

	it('colours the cells the grid flags', () => {
		const fill = (family: string, sku: string, measureId: string, t: number) =>
			(
				sheet.getRow(find(family, sku, measureId).number).getCell(5 + t).fill as
					ExcelJS.FillPattern | undefined
			)?.fgColor?.argb;
		// Road bikes' stock-out in March, on the item, its family and the plan.
		expect(fill('Bikes', 'B-1', 'inventory', 2)).toBe('FFFECACA');
		expect(fill('Bikes', '', 'inventory', 2)).toBe('FFFECACA');
		expect(fill('Plan total', '', 'inventory', 2)).toBe('FFFECACA');
		expect(fill('Bikes', 'B-1', 'inventory', 1)).toBeUndefined();
		// Over capacity in January; consensus above forecast in March.
		expect(fill('Bikes', '', 'utilisation', 0)).toBe('FFFECACA');
		expect(fill('Bikes', '', 'utilisation', 1)).toBeUndefined();
		expect(fill('Bikes', 'B-1', 'consensus', 2)).toBe('FFFEF3C7');
		const legend = wb.getWorksheet('Legend')!;
		expect(legend.getCell('A2').value).toBe('Red');
		expect((legend.getCell('A2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFECACA');
	});

	it('has the KPIs with their definitions', () => {
		const kpis = wb.getWorksheet('KPIs')!;
		const byLabel = new Map<string, unknown[]>();
		kpis.eachRow((row) => {
			const values = row.values as unknown[];
			byLabel.set(String(values[1]), values.slice(2));
		});
		expect(byLabel.get('Consensus demand')?.[0]).toBe(100 + 110 + 120 + 50 + 60 + 70 + 60);
		expect(byLabel.get('Consensus demand')?.[2]).toBe(KPI_DEFINITIONS.demand);
		// Helmets are never made: short every month.
		expect(byLabel.get('Months at stock-out risk')?.[0]).toBe(3);
		expect(byLabel.get('Peak capacity use')?.[0]).toBeCloseTo(1.5, 9);
		expect(byLabel.get('Peak capacity use')?.[1]).toMatch(/^Bikes, 2027-01/);
		expect(kpis.getCell('B2').numFmt).toBe('#,##0');
	});
});

describe('long CSV', () => {
	it('has one line a value, with the measure by id and label, and no formulas', () => {
		const rows = [...planCsvRecords(content)];
		expect(rows[0]).toEqual([
			'family',
			'sku',
			'item',
			'month',
			'measure',
			'measure_label',
			'value'
		]);
		expect(rows).toContainEqual([
			'Bikes',
			'B-1',
			'Road bike',
			'2027-03',
			'consensus',
			'Consensus demand',
			'120'
		]);
		expect(rows).toContainEqual([
			'Bikes',
			'B-1',
			'Road bike',
			'2027-02',
			'revenue',
			'Revenue',
			'2198.9'
		]);
		expect(rows).toContainEqual([
			'Plan total',
			'',
			'',
			'2027-01',
			'consensus',
			'Consensus demand',
			'160'
		]);
		expect(rows).toContainEqual(["'+Helmets", "'@H-1", 'Lid', '2027-01', 'price', 'Price', '25.5']);
		// Empty cells make no line: nobody typed actual sales.
		expect(rows.some((r) => r[4] === 'actual')).toBe(false);
		expect(rows.filter((r) => r[1] === 'B-1' && r[4] === 'opening')).toHaveLength(1);
	});
});

/** A request to an export route, as SvelteKit would hand it to the handler. */
function event(user: TestUser | null, path: string, params: Record<string, string> = {}) {
	return {
		locals: {
			user: user && { id: user.id, name: user.name, email: 'x@example.test', color: '#000' },
			session: null
		},
		url: new URL(`http://localhost/plans/${planId}/${path}`),
		params: { plan: planId, ...params }
	} as unknown as Parameters<typeof liveXlsx>[0] & Parameters<typeof versionXlsx>[0];
}

describe('export routes', () => {
	it('gives any member the live plan as a workbook to download', async () => {
		const response = await liveXlsx(event(viewer, 'export.xlsx'));
		expect(response.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="q3-plan-europe.xlsx"'
		);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		const wb = await workbookOf(await response.arrayBuffer());
		expect(planRows(wb.getWorksheet('Plan')!)[1].cells.slice(0, 4)).toEqual([
			'Plan total',
			null,
			null,
			'Statistical baseline'
		]);
	});

	it('gives the live plan as long CSV, readable by Excel as UTF-8', async () => {
		const response = await liveCsv(event(viewer, 'export.csv'));
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="q3-plan-europe.csv"'
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		expect(text.startsWith('\uFEFFfamily,sku,item,month,measure,measure_label,value\r\n')).toBe(
			true
		);
		const { data } = Papa.parse<string[]>(text.slice(1).trimEnd());
		expect(data).toEqual([...planCsvRecords(content)]);
	});

	it('gives an approved version as a workbook named after it', async () => {
		const number = await db.transaction(async (tx) =>
			saveApprovedVersion(tx, planId, leader.id, await buildVersionContent(tx, planId))
		);
		const response = await versionXlsx(
			event(viewer, `versions/${number}/export.xlsx`, { version: String(number) })
		);
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="q3-plan-europe-v${number}.xlsx"`
		);
		const wb = await workbookOf(await response.arrayBuffer());
		expect(wb.title).toBe(`Q3 Plan — Europe — version ${number}`);
		const missing = await thrown(
			versionXlsx(event(viewer, 'versions/99/export.xlsx', { version: '99' }))
		);
		expect(isHttpError(missing) && missing.status).toBe(404);
	});

	it('refuses someone who is not a member of the plan', async () => {
		for (const handler of [liveXlsx, liveCsv]) {
			const e = await thrown(handler(event(stranger, 'export.xlsx')));
			expect(isHttpError(e) && e.status).toBe(404);
		}
	});
});
