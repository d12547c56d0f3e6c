import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { cellValue, demoLeaderPlan, showOnly } from './helpers';

const MONTHS = ['2027-01', '2027-02', '2027-03', '2027-04'];
const SKUS = ['RB-1', 'RB-2', 'H-1'];
const INPUTS = ['Sales forecast', 'Production plan', 'Price'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cells = Map<string, number | null>;

/** The typed values of the exported workbook's item rows: `SKU|Measure|month` → value. */
async function typedCells(buffer: Buffer): Promise<{ book: ExcelJS.Workbook; cells: Cells }> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(buffer as unknown as ArrayBuffer);
	const sheet = book.getWorksheet('Plan')!;
	const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
	const cells: Cells = new Map();
	sheet.eachRow((row, n) => {
		if (n === 1) return;
		const sku = String(row.getCell(2).value ?? '');
		const measure = String(row.getCell(4).value ?? '');
		if (!SKUS.includes(sku) || !INPUTS.includes(measure)) return;
		for (const month of MONTHS) {
			const value = row.getCell(header.indexOf(month)).value;
			cells.set(`${sku}|${measure}|${month}`, typeof value === 'number' ? value : null);
		}
	});
	return { book, cells };
}

test('a plan exported to XLSX, changed in ten cells and imported back changes exactly those ten cells', async ({
	page
}) => {
	const planUrl = await demoLeaderPlan(
		page,
		'Round trip',
		'Road bikes, RB-1, Aero 56\nRoad bikes, RB-2, Aero 58\nHelmets, H-1, Lid',
		4
	);
	const planId = new URL(planUrl).pathname.split('/')[2];
	// The plan gets numbers as a nightly load would bring them.
	const lines = ['SKU,Measure,Month,Value'];
	SKUS.forEach((sku, i) =>
		MONTHS.forEach((month, t) => {
			lines.push(`${sku},forecast,${month},${100 + 10 * i + t}`);
			lines.push(`${sku},production,${month},${90 + 10 * i + t}`);
			lines.push(`${sku},price,${month},${(19.99 + i).toFixed(2)}`);
		})
	);
	const seeded = await page.request.post(`/plans/${planId}/import/file?name=seed.csv&apply=1`, {
		data: lines.join('\n'),
		headers: { 'content-type': 'text/csv' }
	});
	expect(seeded.status()).toBe(200);
	expect((await seeded.json()).applied).toBe(true);

	// Export from the board, as a planner would.
	await page.goto(planUrl);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Export XLSX' }).click()
	]);
	expect(download.suggestedFilename()).toBe('round-trip.xlsx');
	const exported = await typedCells(await streamToBuffer(await download.createReadStream()));
	expect(exported.cells.size).toBe(SKUS.length * INPUTS.length * MONTHS.length);
	expect(exported.cells.get('RB-2|Sales forecast|2027-03')).toBe(112);

	// Ten cells change in Excel: forecasts, production and a price, over all three items.
	const changes: [string, number][] = [
		['RB-1|Sales forecast|2027-01', 150],
		['RB-1|Sales forecast|2027-04', 151],
		['RB-1|Production plan|2027-02', 152],
		['RB-2|Sales forecast|2027-02', 153],
		['RB-2|Production plan|2027-03', 154],
		['RB-2|Price|2027-04', 24.5],
		['H-1|Sales forecast|2027-01', 155],
		['H-1|Sales forecast|2027-03', 156],
		['H-1|Production plan|2027-04', 157],
		['H-1|Price|2027-01', 29.99]
	];
	const sheet = exported.book.getWorksheet('Plan')!;
	const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
	for (const [key, value] of changes) {
		const [sku, measure, month] = key.split('|');
		let done = false;
		sheet.eachRow((row) => {
			if (row.getCell(2).value === sku && row.getCell(4).value === measure) {
				row.getCell(header.indexOf(month)).value = value;
				done = true;
			}
		});
		expect(done, key).toBe(true);
	}
	const changed = Buffer.from(await exported.book.xlsx.writeBuffer());

	await page.getByRole('link', { name: 'Import' }).click();
	await page.getByLabel('Choose a file').setInputFiles({
		name: 'round-trip.xlsx',
		mimeType: XLSX,
		buffer: changed
	});
	await expect(page.getByRole('heading', { name: 'No problems' })).toBeVisible();
	await expect(page.getByText('Change 10 cells in 3 measures.')).toBeVisible();
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page.getByRole('status')).toContainText('Imported: Changed 10 cells in 3 measures');

	// Exactly those ten cells differ in a fresh export; everything else is as it was.
	const again = await page.request.get(`/plans/${planId}/export.xlsx`);
	const after = (await typedCells(Buffer.from(await again.body()))).cells;
	const expected = new Map(exported.cells);
	for (const [key, value] of changes) expected.set(key, value);
	expect([...after]).toEqual([...expected]);
	const differing = [...after].filter(([key, value]) => exported.cells.get(key) !== value);
	expect(differing.map(([key]) => key).sort()).toEqual(changes.map(([key]) => key).sort());

	// And the grid shows them.
	await page.getByRole('link', { name: 'Back to the plan' }).click();
	await showOnly(page, ['Sales forecast']);
	await expect(await cellValue(page, 'H-1', 'forecast', '2027-03')).toHaveText('156');
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}
