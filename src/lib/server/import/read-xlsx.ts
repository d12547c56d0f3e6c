/**
 * An XLSX file's sheet, read as a stream after the zip passed its checks: the workbook's sheet
 * names (in workbook order) and one sheet's rows, values as a person saw them in Excel.
 */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import type { FileRead, ImportProblem, SheetCell, SheetRow } from '../../domain/import/types.ts';
import { isRefusal, Refusal } from '../refusal.ts';
import { MAX_CELLS, MAX_COLUMNS } from './limits.ts';
import { tooManyCells, tooManyColumns } from './sheet-limits.ts';
import { checkZip, DAMAGED, type ZipEntry } from './zip-guard.ts';

export async function readXlsx(bytes: Uint8Array, sheet: string | null): Promise<FileRead> {
	const entries = await checkZip(bytes);
	const sheets = sheetNames(bytes, entries);
	const wanted = sheet ?? sheets[0];
	if (!sheets.includes(wanted)) {
		throw new Refusal(
			`The workbook has no sheet “${wanted}”; its sheets are ${sheets.map((s) => `“${s}”`).join(', ')}`,
			400
		);
	}
	try {
		const { rows, problems } = await readSheet(sheetsLast(bytes, entries), wanted);
		return { kind: 'xlsx', sheets, sheet: wanted, encoding: null, delimiter: null, rows, problems };
	} catch (e) {
		if (isRefusal(e)) throw e;
		throw new Refusal(DAMAGED, 400);
	}
}

/** The names in xl/workbook.xml, in order (its `<sheet name="…">` elements). */
function sheetNames(bytes: Uint8Array, entries: ZipEntry[]): string[] {
	const entry = entries.find((e) => e.name === 'xl/workbook.xml');
	if (!entry) {
		throw new Refusal('The file is a zip archive but not an Excel workbook (.xlsx)', 400);
	}
	const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
	const xml = (entry.method === 0 ? Buffer.from(data) : inflateRawSync(data)).toString('utf8');
	const names = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) =>
		xmlText(m[1])
	);
	if (!names.length) throw new Refusal(DAMAGED, 400);
	return names;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(raw: string): string {
	return raw.replace(/&(#x[0-9a-f]+|#[0-9]+|\w+);/gi, (whole, ref: string) => {
		if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
		return String.fromCodePoint(
			parseInt(ref.slice(ref[1] === 'x' ? 2 : 1), ref[1] === 'x' ? 16 : 10)
		);
	});
}

/**
 * The zip's records with the worksheets after every other part, then its directory. ExcelJS's
 * streaming reader parks a sheet that comes before the shared strings (as streaming writers, ours
 * included, save them) in a temporary file, and on that path it now and then stops before the parts
 * that name the sheets and hold their text: the sheet is "not found", or its text unreadable.
 * Ordered so, each sheet is read as it comes, with everything it refers to already known.
 */
function sheetsLast(bytes: Uint8Array, entries: ZipEntry[]): Buffer[] {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const isSheet = (e: ZipEntry) => e.name.startsWith('xl/worksheets/');
	const ordered = [...entries.filter((e) => !isSheet(e)), ...entries.filter(isSheet)];
	const directory = Math.max(...entries.map((e) => e.record.end));
	return [
		...ordered.map((e) => buf.subarray(e.record.start, e.record.end)),
		buf.subarray(directory)
	];
}

async function readSheet(records: Buffer[], name: string) {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(records), {
		sharedStrings: 'cache',
		// Cached styles are what tells a date from a number: a date is a number with a date format.
		styles: 'cache',
		hyperlinks: 'ignore',
		worksheets: 'emit',
		entries: 'ignore'
	});
	const rows: SheetRow[] = [];
	const problems: ImportProblem[] = [];
	let cells = 0;
	let found = false;
	for await (const worksheet of reader) {
		if ((worksheet as { name?: string }).name !== name) {
			await drain(worksheet);
			continue;
		}
		found = true;
		for await (const row of worksheet) {
			if (row.cellCount > MAX_COLUMNS) throw tooManyColumns();
			const out: SheetCell[] = new Array<SheetCell>(row.cellCount).fill(null);
			row.eachCell((cell, c) => {
				// A formula's value drops a saved result that is falsy (0, ''); its model keeps it.
				const raw = cell.type === ExcelJS.ValueType.Formula ? cell.model : cell.value;
				out[c - 1] = cellValue(raw, row.number, c, problems);
				if (out[c - 1] !== null && ++cells > MAX_CELLS) throw tooManyCells();
			});
			while (out.length && out[out.length - 1] === null) out.pop();
			if (out.length) rows.push({ line: row.number, cells: out });
		}
	}
	if (!found) throw new Refusal(DAMAGED, 400);
	return { rows, problems };
}

/**
 * Reads a worksheet the import does not want to its end. A sheet stored before the shared strings
 * (as streaming writers, ours included, save them) waits in a temporary file that the reader
 * deletes as soon as the next sheet is asked for; left unread, its open file stream then fails on
 * a missing file, with nobody listening, and takes the process down.
 */
async function drain(worksheet: AsyncIterable<unknown>): Promise<void> {
	for await (const row of worksheet) void row;
}

/** A cell's value as SheetCell; what cannot be read is null with a problem that says why. */
function cellValue(
	value: unknown,
	line: number,
	column: number,
	problems: ImportProblem[]
): SheetCell {
	const problem = (message: string) => {
		problems.push({ line, column: columnLetter(column), message });
		return null;
	};
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? value : problem(ERROR('#NUM!'));
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? problem('the date cannot be read') : isoDate(value);
	}
	const v = value as {
		richText?: { text: string }[];
		formula?: string;
		sharedFormula?: string;
		result?: unknown;
		error?: string;
		text?: unknown;
	};
	if (v.richText) return v.richText.map((r) => r.text).join('') || null;
	if (v.error !== undefined) return problem(ERROR(v.error));
	if (v.formula !== undefined || v.sharedFormula !== undefined) {
		const formula = v.formula ? `formula =${v.formula}` : 'a formula';
		if (v.result === undefined || v.result === null) {
			return problem(`${formula} has no saved value; open the file in Excel and save it`);
		}
		if (typeof v.result === 'number' && Number.isNaN(v.result)) {
			return problem(`${formula} gives an error`);
		}
		return cellValue(v.result, line, column, problems);
	}
	if (typeof v.text === 'string') return v.text || null;
	return problem('the cell’s value cannot be read');
}

const ERROR = (code: string) => `the cell shows an error (${code})`;

/** exceljs gives a date as the UTC midnight of the day the cell shows. */
function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(column: number): string {
	let letters = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}
