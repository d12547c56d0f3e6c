/**
 * The checks an XLSX (a zip) passes before anything unpacks it, against zip bombs: a small file
 * that inflates to gigabytes. Reads the zip's central directory by hand, refuses what declares too
 * much, then inflates every entry, counting and dropping the bytes, to catch sizes that lie.
 */
import { createInflateRaw } from 'node:zlib';
import { Refusal } from '../refusal.ts';
import { megabytes, ZIP_LIMITS } from './limits.ts';

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated. */
	method: number;
	compressedSize: number;
	size: number;
	/** Where the entry's (compressed) data starts in the file. */
	dataOffset: number;
	/** The entry's whole local record in the file (header, data and any data descriptor). */
	record: { start: number; end: number };
}

export const DAMAGED = 'The file is damaged or not an Excel workbook';
const damaged = () => new Refusal(DAMAGED, 400);
const tooBig = (why: string) =>
	new Refusal(
		`The workbook is too large once unpacked (${why}); save the sheet you need as CSV`,
		413
	);

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A data descriptor (optional signature, CRC, sizes; zip64 sizes are 8 bytes) after an entry. */
const MAX_DESCRIPTOR = 24;

/** The zip's entries, once every check passed; throws a Refusal otherwise. */
export async function checkZip(bytes: Uint8Array): Promise<ZipEntry[]> {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entries = centralDirectory(buf);
	const total = entries.reduce((sum, e) => sum + e.size, 0);
	if (total > ZIP_LIMITS.totalBytes) throw tooBig(`over ${megabytes(ZIP_LIMITS.totalBytes)}`);
	for (const e of entries) {
		if (e.size > ZIP_LIMITS.ratioAbove && e.size > e.compressedSize * ZIP_LIMITS.ratio) {
			throw tooBig(`a part unpacks to more than ${ZIP_LIMITS.ratio} times its size`);
		}
	}
	for (const e of entries) {
		const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
		const real = e.method === 0 ? data.length : await inflatedSize(data, e.size);
		if (real === null) throw tooBig('a part unpacks to more than it declares');
		if (real !== e.size) throw damaged();
	}
	return entries;
}

/** The entries the central directory lists, checked to cover the file with nothing hidden between. */
function centralDirectory(buf: Buffer): ZipEntry[] {
	const end = findEnd(buf);
	const count = buf.readUInt16LE(end + 10);
	const size = buf.readUInt32LE(end + 12);
	const start = buf.readUInt32LE(end + 16);
	if (count > ZIP_LIMITS.entries) {
		throw tooBig(`more than ${ZIP_LIMITS.entries.toLocaleString('en')} parts`);
	}
	if (count === 0 || start + size > end) throw damaged();
	const entries: ZipEntry[] = [];
	const offsets: number[] = [];
	let at = start;
	for (let i = 0; i < count; i++) {
		if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL) throw damaged();
		const nameLength = buf.readUInt16LE(at + 28);
		const skip = 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
		const offset = buf.readUInt32LE(at + 42);
		if (offset + 30 > start || buf.readUInt32LE(offset) !== LOCAL) throw damaged();
		const entry: ZipEntry = {
			name: buf.toString('utf8', at + 46, at + 46 + nameLength),
			method: buf.readUInt16LE(at + 10),
			compressedSize: buf.readUInt32LE(at + 20),
			size: buf.readUInt32LE(at + 24),
			dataOffset: offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28),
			record: { start: offset, end: start }
		};
		// Zip64 sizes (0xFFFFFFFF) do not occur below the upload limit; other methods Excel never writes.
		if (entry.method !== 0 && entry.method !== 8) throw damaged();
		if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw damaged();
		entries.push(entry);
		offsets.push(offset);
		at += skip;
	}
	// A streaming unzip reads local entries one after another: one the directory does not list
	// would escape the checks, so the listed entries must follow each other up to the directory.
	const order = entries.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
	let covered = 0;
	let previous: ZipEntry | undefined;
	for (const i of order) {
		const gap = offsets[i] - covered;
		if (gap < 0 || gap > (covered && MAX_DESCRIPTOR)) throw damaged();
		if (previous) previous.record.end = offsets[i];
		previous = entries[i];
		covered = entries[i].dataOffset + entries[i].compressedSize;
	}
	if (covered > start || start - covered > MAX_DESCRIPTOR) throw damaged();
	return entries;
}

/** The End Of Central Directory record: the last 22 bytes, or earlier by a comment's length. */
function findEnd(buf: Buffer): number {
	const lowest = Math.max(0, buf.length - 22 - 0xffff);
	for (let at = buf.length - 22; at >= lowest; at--) {
		if (buf.readUInt32LE(at) === EOCD) return at;
	}
	throw damaged();
}

/** What deflated `data` inflates to, or null as soon as it passes `limit`; nothing is kept. */
function inflatedSize(data: Buffer, limit: number): Promise<number | null> {
	return new Promise((resolve, reject) => {
		const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
		let size = 0;
		inflate.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				inflate.destroy();
				resolve(null);
			}
		});
		inflate.on('end', () => resolve(size));
		inflate.on('error', () => reject(damaged()));
		inflate.end(data);
	});
}
