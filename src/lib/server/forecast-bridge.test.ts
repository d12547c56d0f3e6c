import { afterEach, describe, expect, it } from 'vitest';
import { forecastItem } from '../domain/forecast/backtest.ts';
import { forecaster, registerForecaster } from './forecast-bridge.ts';

const histories = Array.from({ length: 40 }, (_, i) =>
	Array.from({ length: 30 }, (_, t) => 10 + ((i + t) % 7))
);

afterEach(() => registerForecaster(undefined));

describe('the forecaster', () => {
	it('forecasts in this process when none is registered, letting timers run between items', async () => {
		let done = 0;
		let doneWhenTimerRan = -1;
		setTimeout(() => (doneWhenTimerRan = done), 0);
		const results = await forecaster().forecastItems(histories, 6, (n) => (done = n));
		expect(results).toEqual(histories.map((h) => forecastItem(h, 6)));
		expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
		expect(doneWhenTimerRan).toBeLessThan(histories.length);
	});

	it('hands the work to the registered one (the worker pool in the server)', async () => {
		const asked: number[] = [];
		registerForecaster({
			forecastItems: async (h, horizon) => {
				asked.push(h.length, horizon);
				return [];
			}
		});
		await forecaster().forecastItems(histories, 3);
		expect(asked).toEqual([40, 3]);
	});
});
