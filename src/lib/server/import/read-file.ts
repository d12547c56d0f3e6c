/**
 * The one door of an uploaded file: what kind it is, told by its bytes rather than its name, and
 * what it holds as rows of cells. Everything it cannot read is a Refusal a person can act on.
 */
import type { FileRead } from '../../domain/import/types.ts';
import { Refusal } from '../refusal.ts';
import { MAX_IMPORT_BYTES, megabytes } from './limits.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

export { MAX_IMPORT_BYTES };

const UPLOAD = 'upload a CSV or Excel (.xlsx) file';

/** Files people upload by mistake, by their first bytes. */
const NOT_A_SHEET: { magic: number[]; message: string }[] = [
	{
		magic: [0xd0, 0xcf, 0x11, 0xe0],
		message: 'This is an old Excel file (.xls); save it as .xlsx or CSV and upload that'
	},
	{ magic: [0x25, 0x50, 0x44, 0x46], message: `This is a PDF; ${UPLOAD}` },
	{ magic: [0x89, 0x50, 0x4e, 0x47], message: `This is an image; ${UPLOAD}` },
	{ magic: [0xff, 0xd8, 0xff], message: `This is an image; ${UPLOAD}` },
	{ magic: [0x47, 0x49, 0x46, 0x38], message: `This is an image; ${UPLOAD}` },
	{
		magic: [0xff, 0xfe],
		message: 'The file is UTF-16 text; save it as “CSV UTF-8” or .xlsx and upload that'
	},
	{
		magic: [0xfe, 0xff],
		message: 'The file is UTF-16 text; save it as “CSV UTF-8” or .xlsx and upload that'
	}
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an uploaded file: an XLSX (a zip) or else CSV text. `options.sheet` chooses an XLSX's
 * sheet (by name; the first when null). `name` is the file's name as uploaded, kept for nothing
 * but the messages: the bytes decide.
 */
export async function readImportFile(
	bytes: Uint8Array,
	name: string,
	options: { sheet?: string | null } = {}
): Promise<FileRead> {
	if (bytes.byteLength > MAX_IMPORT_BYTES) {
		throw new Refusal(
			`The file is larger than ${megabytes(MAX_IMPORT_BYTES)}; split it or leave out what the plan does not need`,
			413
		);
	}
	if (bytes.byteLength === 0) throw new Refusal(`${quoted(name)}is empty`, 400);
	if (startsWith(bytes, ZIP)) return readXlsx(bytes, options.sheet ?? null);
	const known = NOT_A_SHEET.find((k) => startsWith(bytes, k.magic));
	if (known) throw new Refusal(known.message, 400);
	if (bytes.includes(0)) {
		throw new Refusal(`${quoted(name)}is not a CSV or Excel (.xlsx) file`, 400);
	}
	const read = readCsv(bytes);
	if (!read.rows.length) throw new Refusal(`${quoted(name)}is empty`, 400);
	return read;
}

const quoted = (name: string) => (name ? `“${name}” ` : 'The file ');
