import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { cellValue, demoLeaderPlan, giveRoles, showOnly, signIn } from './helpers';

const MONTHS = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A wide forecast workbook whose SKU column has a header the importer does not know, behind a
 * first sheet of notes.
 */
async function wideWorkbook(): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	book.addWorksheet('Notes').addRow(['Forecast 2027, from the sales team']);
	const sheet = book.addWorksheet('Forecast');
	sheet.addRow(['Family', 'Artikel', ...MONTHS]);
	sheet.addRow(['Road bikes', 'RB-1', 120, 130, 140, 150, 160]);
	sheet.addRow(['Road bikes', 'RB-2', 80, 85, 90, 95, 99]);
	return Buffer.from(await book.xlsx.writeBuffer());
}

async function openImport(page: Page, planUrl: string) {
	await page.goto(planUrl + '/import');
	await expect(page.getByRole('heading', { name: /^Import into/ })).toBeVisible();
}

test('a leader imports a wide workbook after fixing a column, and a viewer sees the cells change live', async ({
	browser
}) => {
	const lead = await browser.newContext();
	const viewer = await browser.newContext();
	const a = await lead.newPage();
	const b = await viewer.newPage();
	const planUrl = await demoLeaderPlan(
		a,
		'Import run',
		'Road bikes, RB-1, Aero 56\nRoad bikes, RB-2, Aero 58',
		6
	);
	await giveRoles(a, planUrl, { 'Vic Viewer': 'viewer' });

	// The viewer watches the plan; importing is not for them.
	await signIn(b, 'vic@demo.concord', 'concord-demo');
	const refused = await b.goto(planUrl + '/import');
	expect(refused?.status()).toBe(403);
	await expect(b.getByRole('alert')).toHaveText(
		'Only leaders and editors can import into this plan'
	);
	await b.goto(planUrl);
	await expect(b.getByText('Live (read-only)')).toBeVisible();
	await showOnly(b, ['Sales forecast']);
	await expect(await cellValue(b, 'RB-1', 'forecast', '2027-01')).toHaveText('');

	// The leader uploads the workbook: the unknown header is not read, so nothing can be applied.
	await openImport(a, planUrl);
	await expect(a.getByRole('link', { name: 'Download the plan as XLSX' })).toBeVisible();
	// A slow line, so the upload takes long enough for its progress to show.
	const network = await lead.newCDPSession(a);
	await network.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: 2 * 1024
	});
	await a.getByLabel('Choose a file').setInputFiles({
		name: 'forecast.xlsx',
		mimeType: XLSX,
		buffer: await wideWorkbook()
	});
	const bar = a.getByRole('progressbar', { name: /^(Uploading|Reading|Checking) the file$/ });
	await expect(bar).toBeVisible();
	await expect(bar).toHaveCount(0);
	await network.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: -1
	});
	await expect(a.getByText('forecast.xlsx')).toBeVisible();
	// The first sheet is read first; the person picks the one with the figures.
	const sheet = a.getByRole('combobox', { name: 'Sheet' });
	await expect(sheet).toHaveValue('Notes');
	await sheet.selectOption('Forecast');
	const artikel = a.getByRole('combobox', { name: 'Column Artikel' });
	await expect(artikel).toHaveValue('ignore');
	await expect(a.getByRole('combobox', { name: 'Column 2027-01' })).toHaveValue('months');
	const applyButton = a.getByRole('button', { name: 'Apply' });
	await expect(applyButton).toBeDisabled();
	await expect(a.getByRole('alert')).toContainText('These 2 problems must be fixed');
	await expect(a.getByRole('list', { name: 'Problems' })).toContainText(
		'Choose the column that holds the SKU'
	);

	// The person says what the column is, and which measure the values are.
	await artikel.selectOption('sku');
	const measure = a.getByRole('combobox', { name: 'Measure of every value' });
	if ((await measure.inputValue()) !== 'forecast') await measure.selectOption('forecast');
	await expect(a.locator('li[data-measure="forecast"]')).toContainText('10 cells change');
	await expect(a.getByText('Change 10 cells in 1 measure.')).toBeVisible();
	await expect(a.getByRole('heading', { name: 'No problems' })).toBeVisible();
	// The first lines as read, with their line numbers.
	await expect(a.getByRole('row', { name: /^3 Road bikes RB-2 80/ })).toBeVisible();

	await expect(applyButton).toBeEnabled();
	await applyButton.click();
	await expect(a.getByRole('status')).toContainText('Imported: Changed 10 cells in 1 measure');
	await expect(a.getByRole('link', { name: 'Back to the plan' })).toBeVisible();

	// The viewer's grid changes without a reload.
	await expect(await cellValue(b, 'RB-1', 'forecast', '2027-01')).toHaveText('120');
	await expect(await cellValue(b, 'RB-2', 'forecast', '2027-05')).toHaveText('99');

	await lead.close();
	await viewer.close();
});

test('a file that is not a spreadsheet, or too large, or with another function’s measure, is refused where the person looks', async ({
	page,
	browser
}) => {
	const planUrl = await demoLeaderPlan(page, 'Import refusals', 'Road bikes, RB-1, Aero 56', 3);
	await openImport(page, planUrl);
	const picker = page.getByLabel('Choose a file');

	// A PNG renamed to .csv.
	const png = Buffer.from(
		'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
			'1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082',
		'hex'
	);
	await picker.setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: png });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('This is an image');
	await expect(alert).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);

	// Over the limit: refused before it is read, with the limit named.
	const big = Buffer.alloc(21 * 1024 * 1024, 'a,1\n');
	await page.getByLabel('Choose another file').setInputFiles({
		name: 'big.csv',
		mimeType: 'text/csv',
		buffer: big
	});
	await expect(page.getByText('big.csv')).toBeVisible();
	await expect(alert).toContainText('20 MB');
	await expect(alert).toBeInViewport();

	// A sales editor may import the forecast, not the production plan: told which and why.
	await giveRoles(page, planUrl, { 'Sam Sales': 'editor' });
	const sales = await browser.newContext();
	const sam = await sales.newPage();
	await signIn(sam, 'sam@demo.concord', 'concord-demo');
	await openImport(sam, planUrl);
	await sam.getByLabel('Choose a file').setInputFiles({
		name: 'mixed.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'sku,month,measure,value\nRB-1,2027-01,forecast,100\nRB-1,2027-01,production,90\n'
		)
	});
	await expect(sam.locator('li[data-measure="forecast"]')).toContainText('1 cell changes');
	await expect(sam.locator('li[data-measure="production"]')).toContainText(
		'1 cell refused: Production plan belongs to step 2 (Supply review)'
	);
	await expect(sam.getByText('Some values are refused')).toBeVisible();
	await expect(sam.getByRole('button', { name: 'Apply' })).toBeDisabled();
	await sales.close();
});
