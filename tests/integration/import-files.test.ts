import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FileRead } from '../../src/lib/domain/import/types.ts';
import { MAX_IMPORT_BYTES, readImportFile } from '../../src/lib/server/import/read-file.ts';
import { isRefusal } from '../../src/lib/server/refusal.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const MIB = 1024 * 1024;

/** The refusal `read` ends in: its status and the message a person reads. */
async function refusal(read: Promise<FileRead>): Promise<{ status: number; message: string }> {
	try {
		await read;
	} catch (e) {
		if (isRefusal(e)) return { status: e.status, message: e.message };
		throw e;
	}
	throw new Error('expected a refusal');
}

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	build(wb);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip written by hand: each entry deflated (or its data given as is), sizes as declared. */
function zip(entries: { name: string; data: Buffer; size: number; method?: number }[]): Uint8Array {
	const locals: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(e.method ?? 8, 8);
		local.writeUInt32LE(e.data.length, 18);
		local.writeUInt32LE(e.size, 22);
		local.writeUInt16LE(name.length, 26);
		const dir = Buffer.alloc(46);
		dir.writeUInt32LE(0x02014b50, 0);
		dir.writeUInt16LE(20, 4);
		dir.writeUInt16LE(20, 6);
		dir.writeUInt16LE(e.method ?? 8, 10);
		dir.writeUInt32LE(e.data.length, 20);
		dir.writeUInt32LE(e.size, 24);
		dir.writeUInt16LE(name.length, 28);
		dir.writeUInt32LE(offset, 42);
		locals.push(local, name, e.data);
		central.push(dir, name);
		offset += 30 + name.length + e.data.length;
	}
	const dirSize = central.reduce((n, b) => n + b.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(dirSize, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, ...central, end]));
}

const deflated = (text: string) => ({ data: deflateRawSync(text), size: Buffer.byteLength(text) });

describe('CSV', () => {
	it('reads UTF-8 with and without a byte-order mark', async () => {
		const plain = await readImportFile(bytes('sku,name\nB-1,Café\n'), 'items.csv');
		expect(plain).toMatchObject({ kind: 'csv', encoding: 'utf-8', delimiter: ',' });
		expect(plain.rows).toEqual([
			{ line: 1, cells: ['sku', 'name'] },
			{ line: 2, cells: ['B-1', 'Café'] }
		]);
		const withBom = await readImportFile(bytes('\uFEFFsku,name\nB-1,Café'), 'items.csv');
		expect(withBom.rows[0].cells).toEqual(['sku', 'name']);
		expect(withBom.rows[1].cells).toEqual(['B-1', 'Café']);
	});

	it('reads what Excel saves in Europe as Windows-1252', async () => {
		// 'Café;€ 5' in Windows-1252: é is 0xE9, € is 0x80.
		const file = new Uint8Array([
			...bytes('name;price\r\nCaf'),
			0xe9,
			...bytes(';'),
			0x80,
			...bytes(' 5\r\n')
		]);
		const read = await readImportFile(file, 'prices.csv');
		expect(read).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
		expect(read.rows[1]).toEqual({ line: 2, cells: ['Café', '€ 5'] });
	});

	it('finds the separator: comma, semicolon or tab', async () => {
		for (const delimiter of [',', ';', '\t'] as const) {
			const text =
				['sku', 'month', 'value'].join(delimiter) +
				'\nB-1' +
				delimiter +
				'2027-01' +
				delimiter +
				'5,5';
			const read = await readImportFile(bytes(text), 'values.csv');
			expect(read.delimiter).toBe(delimiter);
			expect(read.rows[0].cells).toEqual(['sku', 'month', 'value']);
		}
	});

	it('numbers lines as a text editor does, counting line breaks inside quotes', async () => {
		const text = 'sku,note\r\nB-1,"two\r\nlines"\r\n\r\nB-2,  spaced  \r\n';
		const read = await readImportFile(bytes(text), 'notes.csv');
		expect(read.rows).toEqual([
			{ line: 1, cells: ['sku', 'note'] },
			{ line: 2, cells: ['B-1', 'two\nlines'] },
			// Line 4 is blank and left out; spaces stay for the interpreter to judge.
			{ line: 5, cells: ['B-2', '  spaced  '] }
		]);
	});

	it('keeps empty cells as null and drops those at the end of a row', async () => {
		const read = await readImportFile(bytes('a,,c,,\n'), 'gaps.csv');
		expect(read.rows[0].cells).toEqual(['a', null, 'c']);
	});

	it('refuses an empty file and a file of blank lines', async () => {
		expect(await refusal(readImportFile(new Uint8Array(), 'empty.csv'))).toEqual({
			status: 400,
			message: '“empty.csv” is empty'
		});
		expect((await refusal(readImportFile(bytes('\r\n,,\r\n\r\n'), 'blank.csv'))).message).toBe(
			'“blank.csv” is empty'
		);
	});

	it('refuses more filled cells than one import reads', async () => {
		const line = Array.from({ length: 1000 }, () => '1').join(',') + '\n';
		const { status, message } = await refusal(readImportFile(bytes(line.repeat(301)), 'big.csv'));
		expect(status).toBe(413);
		expect(message).toBe(
			'The sheet has more than 300,000 filled cells; split it into smaller files'
		);
	});
});

describe('files that are not sheets', () => {
	it('says what an old Excel file, a PDF, an image or other binary is', async () => {
		const cases: [Uint8Array, string][] = [
			[
				new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
				'This is an old Excel file (.xls); save it as .xlsx or CSV and upload that'
			],
			[bytes('%PDF-1.7\n%âãÏÓ\n'), 'This is a PDF; upload a CSV or Excel (.xlsx) file'],
			[
				new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
				'This is an image; upload a CSV or Excel (.xlsx) file'
			],
			[new Uint8Array([1, 2, 0, 4, 5]), '“data.bin” is not a CSV or Excel (.xlsx) file']
		];
		for (const [file, message] of cases) {
			expect(await refusal(readImportFile(file, 'data.bin'))).toEqual({ status: 400, message });
		}
	});

	it('refuses a file over the size limit, naming it', async () => {
		expect(MAX_IMPORT_BYTES).toBe(20 * MIB);
		const { status, message } = await refusal(
			readImportFile(new Uint8Array(MAX_IMPORT_BYTES + 1), 'huge.csv')
		);
		expect(status).toBe(413);
		expect(message).toMatch(/^The file is larger than 20 MB/);
	});
});

describe('XLSX', () => {
	const twoSheets = () =>
		xlsx((wb) => {
			const items = wb.addWorksheet('Items');
			items.addRow(['Family', 'SKU', 'Name']);
			items.addRow([
				'Bikes',
				'B-1',
				{ richText: [{ text: 'Road ' }, { text: 'bike', font: { bold: true } }] }
			]);
			const values = wb.addWorksheet('Values & more');
			values.addRow(['SKU', 'Month', 'Forecast', 'Double', 'Flag']);
			values.addRow([
				'B-1',
				new Date(Date.UTC(2027, 0, 1)),
				120.5,
				{ formula: 'C2*2', result: 241 },
				true
			]);
			values.getCell('B2').numFmt = 'mmm yyyy';
			values.addRow(['B-2', new Date(Date.UTC(2027, 11, 31)), 80, { formula: 'C3*2' }, false]);
			values.getCell('B3').numFmt = 'dd/mm/yyyy';
			values.addRow([
				'B-3',
				null,
				{ error: '#DIV/0!' },
				{ formula: '1/0', result: { error: '#DIV/0!' } }
			]);
		});

	it('lists the sheets and reads the first by default', async () => {
		const read = await readImportFile(await twoSheets(), 'plan.xlsx');
		expect(read).toMatchObject({
			kind: 'xlsx',
			sheets: ['Items', 'Values & more'],
			sheet: 'Items',
			encoding: null,
			delimiter: null,
			problems: []
		});
		// Rich text is read as its plain text.
		expect(read.rows).toEqual([
			{ line: 1, cells: ['Family', 'SKU', 'Name'] },
			{ line: 2, cells: ['Bikes', 'B-1', 'Road bike'] }
		]);
	});

	it('reads the chosen sheet: numbers, dates as days, formulas by their saved value', async () => {
		const read = await readImportFile(await twoSheets(), 'plan.xlsx', { sheet: 'Values & more' });
		expect(read.sheet).toBe('Values & more');
		expect(read.rows).toEqual([
			{ line: 1, cells: ['SKU', 'Month', 'Forecast', 'Double', 'Flag'] },
			{ line: 2, cells: ['B-1', '2027-01-01', 120.5, 241, 'TRUE'] },
			{ line: 3, cells: ['B-2', '2027-12-31', 80, null, 'FALSE'] },
			// Cells without a value at the end of a row are left out.
			{ line: 4, cells: ['B-3'] }
		]);
		expect(read.problems).toEqual([
			{
				line: 3,
				column: 'D',
				message: 'formula =C3*2 has no saved value; open the file in Excel and save it'
			},
			{ line: 4, column: 'C', message: 'the cell shows an error (#DIV/0!)' },
			{ line: 4, column: 'D', message: 'formula =1/0 gives an error' }
		]);
	});

	it('reads a formula whose saved value is an error, as Excel writes it', async () => {
		const sheet =
			'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
			'<row r="2"><c r="B2" t="inlineStr"><is><t>B-1</t></is></c><c r="C2"><v>7</v></c>' +
			'<c r="D2" t="e"><f>C2/0</f><v>#DIV/0!</v></c><c r="E2"><f>C2-C2</f><v>0</v></c>' +
			'<c r="F2" t="str"><f>""</f><v></v></c></row></sheetData></worksheet>';
		const file = zip(
			[
				['[Content_Types].xml', '<Types/>'],
				[
					'xl/workbook.xml',
					'<workbook xmlns:r="r"><sheets><sheet name="Q&amp;A" sheetId="1" r:id="rId1"/></sheets></workbook>'
				],
				[
					'xl/_rels/workbook.xml.rels',
					'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
				],
				['xl/worksheets/sheet1.xml', sheet]
			].map(([name, text]) => ({ name, ...deflated(text) }))
		);
		const read = await readImportFile(file, 'excel.xlsx');
		expect(read.sheets).toEqual(['Q&A']);
		// A formula's saved 0 is a value.
		expect(read.rows).toEqual([{ line: 2, cells: [null, 'B-1', 7, null, 0] }]);
		expect(read.problems).toEqual([
			{ line: 2, column: 'D', message: 'formula =C2/0 gives an error' }
		]);
	});

	it('reads any sheet of a workbook whose sheets come before its text, as our export saves it', async () => {
		// A streaming writer stores each sheet before the shared strings and the sheet names. Read in
		// that order, a sheet now and then went missing, or a skipped sheet's temporary file vanished
		// under an open stream and took the process down; only repetition shows it.
		const out = new PassThrough();
		const chunks: Buffer[] = [];
		out.on('data', (chunk: Buffer) => chunks.push(chunk));
		const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
		for (const name of ['Plan', 'Legend', 'Notes']) {
			const sheet = wb.addWorksheet(name);
			for (let r = 1; r <= 20; r++) sheet.addRow([`${name} ${r}`, r]).commit();
			sheet.commit();
		}
		await wb.commit();
		const file = new Uint8Array(Buffer.concat(chunks));
		for (let i = 0; i < 150; i++) {
			const read = await readImportFile(file, 'export.xlsx', { sheet: 'Legend' });
			expect(read.rows[0]).toEqual({ line: 1, cells: ['Legend 1', 1] });
			expect(read.rows).toHaveLength(20);
		}
	});

	it('refuses a sheet the workbook does not have, listing those it has', async () => {
		expect(
			await refusal(readImportFile(await twoSheets(), 'plan.xlsx', { sheet: 'Sheet1' }))
		).toEqual({
			status: 400,
			message: 'The workbook has no sheet “Sheet1”; its sheets are “Items”, “Values & more”'
		});
	});

	it('refuses a truncated workbook and a zip that is no workbook', async () => {
		const whole = await twoSheets();
		const damaged = { status: 400, message: 'The file is damaged or not an Excel workbook' };
		expect(await refusal(readImportFile(whole.subarray(0, whole.length >> 1), 'cut.xlsx'))).toEqual(
			damaged
		);
		const broken = zip(
			[
				['xl/workbook.xml', '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'],
				['xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row>']
			].map(([name, text]) => ({ name, ...deflated(text) }))
		);
		expect(await refusal(readImportFile(broken, 'broken.xlsx'))).toEqual(damaged);
		const other = zip([{ name: 'notes.txt', ...deflated('hello') }]);
		expect(await refusal(readImportFile(other, 'notes.zip'))).toEqual({
			status: 400,
			message: 'The file is a zip archive but not an Excel workbook (.xlsx)'
		});
	});

	it('refuses a sheet wider than 1,000 columns', async () => {
		const wide = await xlsx((wb) =>
			wb.addWorksheet('Wide').addRow(Array.from({ length: 1001 }, (_, i) => i))
		);
		expect(await refusal(readImportFile(wide, 'wide.xlsx'))).toEqual({
			status: 413,
			message: 'The sheet has more than 1,000 columns; leave out the columns the plan does not need'
		});
	});
});

describe('zip bombs', () => {
	const bomb = 'The workbook is too large once unpacked';

	it('refuses a workbook that declares more than 200 MB unpacked', async () => {
		const parts = [0, 1].map((i) => ({
			name: `xl/worksheets/sheet${i + 1}.xml`,
			data: deflateRawSync(Buffer.alloc(MIB)),
			size: 110 * MIB
		}));
		const { status, message } = await refusal(readImportFile(zip(parts), 'bomb.xlsx'));
		expect(status).toBe(413);
		expect(message).toMatch(new RegExp(`^${bomb} \\(over 200 MB\\)`));
	});

	it('refuses a part packed more tightly than any workbook is', async () => {
		const { data, size } = deflated('<x/>'.repeat(MIB));
		expect(size / data.length).toBeGreaterThan(200);
		const { status, message } = await refusal(
			readImportFile(zip([{ name: 'xl/workbook.xml', data, size }]), 'tight.xlsx')
		);
		expect(status).toBe(413);
		expect(message).toBe(
			`${bomb} (a part unpacks to more than 200 times its size); save the sheet you need as CSV`
		);
	});

	it('refuses a part that unpacks to more than it declares', async () => {
		const data = deflateRawSync(Buffer.alloc(50 * MIB));
		const { status, message } = await refusal(
			readImportFile(zip([{ name: 'xl/workbook.xml', data, size: 100_000 }]), 'liar.xlsx')
		);
		expect(status).toBe(413);
		expect(message).toBe(
			`${bomb} (a part unpacks to more than it declares); save the sheet you need as CSV`
		);
	});
});
