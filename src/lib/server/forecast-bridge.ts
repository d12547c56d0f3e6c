/**
 * Where the app finds the forecast engine's worker threads. The SvelteKit bundle (built into
 * build/) cannot locate the worker's script, so the process entry (server/index.ts, the vite dev
 * plugin) registers the pool on globalThis, as it does the collaboration server. Without one
 * (tests, scripts) the forecasts run here, yielding to the event loop between items so that
 * edits keep flowing.
 */
import { forecastItem, type ItemForecast } from '../domain/forecast/backtest.ts';
import { nextTurn } from './event-loop.ts';

export interface Forecaster {
	/** One forecast with its backtest per history, in input order; `onProgress(done)` per item. */
	forecastItems(
		histories: readonly (readonly number[])[],
		horizon: number,
		onProgress?: (done: number) => void
	): Promise<ItemForecast[]>;
}

const KEY = Symbol.for('concord.forecaster');
type Holder = { [KEY]?: Forecaster };

export function registerForecaster(forecaster: Forecaster | undefined): void {
	(globalThis as Holder)[KEY] = forecaster;
}

export function forecaster(): Forecaster {
	return (globalThis as Holder)[KEY] ?? IN_PROCESS;
}

/** Items forecast between two turns of the event loop: a few milliseconds of work at most. */
const ITEMS_PER_TURN = 4;

const IN_PROCESS: Forecaster = {
	async forecastItems(histories, horizon, onProgress) {
		const results: ItemForecast[] = [];
		for (const history of histories) {
			if (results.length % ITEMS_PER_TURN === 0) await nextTurn();
			results.push(forecastItem(history, horizon));
			onProgress?.(results.length);
		}
		return results;
	}
};
