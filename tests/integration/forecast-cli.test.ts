/**
 * The command-line contract of `npm run forecast` (scripts/forecast.ts), run as a child process:
 * no database involved.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-script.ts';

const dir = mkdtempSync(join(tmpdir(), 'forecast-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const forecast = (args: string[]) => runScript('scripts/forecast.ts', args);

function file(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

const season = [10, 12, 15, 20, 25, 30, 28, 24, 18, 14, 11, 9];
// Two series in shuffled order with an extra column: A monthly from 2022-01 to 2025-12, B short.
const rows = [
	...season.flatMap((v, m) =>
		[2022, 2023, 2024, 2025].map((y) => `A,${y}-${String(m + 1).padStart(2, '0')},${v},x`)
	),
	'B,2025-03,5,y',
	'B,2025-01,4,y',
	'B,2025-02,6,y'
].sort();
const input = file('in.csv', `series,month,value,note\n${rows.join('\n')}\n`);

describe.concurrent('npm run forecast', () => {
	it('writes H future months per series after its last month, and nothing on stdout', async () => {
		const output = join(dir, 'out.csv');
		const run = await forecast(['--input', input, '--horizon', '4', '--output', output]);
		expect(run).toMatchObject({ code: 0, stdout: '' });
		expect(run.stderr).toMatch(/2 series/);
		const [header, ...lines] = readFileSync(output, 'utf8').trim().split('\n');
		expect(header).toBe('series,month,value,method');
		const parsed = lines.map((l) => l.split(','));
		expect(parsed.filter((r) => r[0] === 'A').map((r) => r[1])).toEqual([
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04'
		]);
		expect(parsed.filter((r) => r[0] === 'B').map((r) => r[1])).toEqual([
			'2025-04',
			'2025-05',
			'2025-06',
			'2025-07'
		]);
		// A repeats its season; B is too short for anything but the last value.
		parsed
			.filter((r) => r[0] === 'A')
			.forEach((r, h) => expect(Number(r[2])).toBeCloseTo(season[h], 0));
		expect(parsed.find((r) => r[0] === 'B')).toEqual(['B', '2025-04', '5', 'naive']);
	});

	it.each([
		[
			'a missing file',
			['--input', join(dir, 'absent.csv'), '--horizon', '3'],
			/cannot read .*absent\.csv: ENOENT/
		],
		[
			'a missing column',
			['--input', file('nocol.csv', 'series,month\nA,2025-01\n'), '--horizon', '3'],
			/Missing column\(s\): value/
		],
		[
			'a bad month',
			['--input', file('month.csv', 'series,month,value\nA,2025-1,3\n'), '--horizon', '3'],
			/Line 2: month "2025-1" is not YYYY-MM/
		],
		[
			'a non-numeric value',
			['--input', file('value.csv', 'series,month,value\nA,2025-01,many\n'), '--horizon', '3'],
			/Line 2: value "many" is not a number/
		],
		[
			'a bad horizon',
			['--input', input, '--horizon', '0'],
			/--horizon must be a whole number of months from 1 to 120, not "0"/
		],
		[
			'a fractional horizon',
			['--input', input, '--horizon', '2.5'],
			/--horizon must be a whole number/
		],
		['a missing option', ['--input', input], /--input, --horizon and --output are all required/]
	])('refuses %s with a clear message and a non-zero exit', async (_, args, message) => {
		const output = join(dir, `never-${args.length}.csv`);
		const run = await forecast([
			...args,
			...(args.includes('--horizon') ? ['--output', output] : [])
		]);
		expect(run.code).not.toBe(0);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(message);
	});
});
