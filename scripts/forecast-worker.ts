/** Worker thread of forecast-pool.ts: forecasts its share of the series, posting each result. */
import { parentPort, workerData } from 'node:worker_threads';
import { forecastSeries } from '../src/lib/domain/forecast/select.ts';

const { chunk, horizon } = workerData as {
	chunk: { i: number; values: number[] }[];
	horizon: number;
};
for (const { i, values } of chunk)
	parentPort?.postMessage({ i, forecast: forecastSeries(values, horizon) });
