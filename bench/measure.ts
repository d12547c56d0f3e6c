import type { BenchClient } from './bench-client.ts';

/** Shared by the benches: percentiles, millisecond figures, notices and a quiet server log. */

export function pct(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function ms(value: number): string {
	return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** Resolves with the time at which every browser has seen the next notice of `topic`. */
export function waitForNotices(browsers: BenchClient[], topic: string): Promise<number> {
	return Promise.all(
		browsers.map(
			(b) =>
				new Promise<number>((resolve) => {
					const notices = b.doc.getMap<number>('notices');
					const seen = (event: { keysChanged: Set<string> }) => {
						if (!event.keysChanged.has(topic)) return;
						notices.unobserve(seen);
						resolve(performance.now());
					};
					notices.observe(seen);
				})
		)
	).then((times) => Math.max(...times));
}

export function quietLogger() {
	const none = () => {};
	return { debug: none, info: none, warn: none, error: console.error };
}
