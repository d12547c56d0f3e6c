/**
 * Batch forecast from the command line:
 *   npm run forecast -- --input IN.csv --horizon H --output OUT.csv
 * Input: CSV with `series,month,value` (YYYY-MM, any order, other columns ignored).
 * Output: CSV `series,month,value,method`, H months after each series' last month.
 * Progress and errors on stderr; nothing on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
	formatForecast,
	futureMonths,
	parseHistory,
	type ForecastRow
} from '../src/lib/domain/forecast/history-csv.ts';
import { forecastAll } from './forecast-pool.ts';

const MAX_HORIZON = 120;
const USAGE = 'usage: npm run forecast -- --input IN.csv --horizon H --output OUT.csv';

function fail(message: string): never {
	process.stderr.write(`forecast: ${message}\n`);
	process.exit(1);
}

function options() {
	try {
		const { values } = parseArgs({
			options: {
				input: { type: 'string' },
				horizon: { type: 'string' },
				output: { type: 'string' }
			}
		});
		const { input, horizon, output } = values;
		if (!input || !horizon || !output)
			fail(`--input, --horizon and --output are all required\n${USAGE}`);
		const h = Number(horizon);
		if (!/^\d+$/.test(horizon) || h < 1 || h > MAX_HORIZON)
			fail(`--horizon must be a whole number of months from 1 to ${MAX_HORIZON}, not "${horizon}"`);
		return { input, horizon: h, output };
	} catch (e) {
		return fail(`${(e as Error).message}\n${USAGE}`);
	}
}

const { input, horizon, output } = options();
let text: string;
try {
	text = readFileSync(input, 'utf8');
} catch (e) {
	fail(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}
let histories;
try {
	histories = parseHistory(text);
} catch (e) {
	fail(`${input}: ${(e as Error).message}`);
}
const started = performance.now();
process.stderr.write(`forecast: ${histories.length} series, ${horizon} months ahead\n`);
const step = Math.max(1, Math.ceil(histories.length / 10));
const forecasts = await forecastAll(histories, horizon, (done) => {
	if (done % step === 0 || done === histories.length)
		process.stderr.write(`forecast: ${done}/${histories.length}\n`);
});
const rows: ForecastRow[] = histories.flatMap((h, i) =>
	futureMonths(h, horizon).map((month, k) => ({
		series: h.series,
		month,
		value: forecasts[i].point[k],
		method: forecasts[i].method
	}))
);
try {
	writeFileSync(output, formatForecast(rows));
} catch (e) {
	fail(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}
process.stderr.write(
	`forecast: wrote ${rows.length} rows to ${output} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
);
