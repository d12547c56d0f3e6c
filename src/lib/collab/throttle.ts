/**
 * Passes on the latest of a stream of values at most once per `intervalMs`: the first at once,
 * the last always, the ones between dropped. For presence: the server closes a connection that
 * publishes more than 20 states a second, and holding an arrow key moves the selection 30 times.
 */
export function latestThrottle<T>(
	intervalMs: number,
	send: (value: T) => void,
	now: () => number = Date.now
): { push(value: T): void; cancel(): void } {
	let last = -Infinity;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let pending: { value: T } | null = null;
	const flush = () => {
		timer = undefined;
		if (!pending) return;
		const { value } = pending;
		pending = null;
		last = now();
		send(value);
	};
	return {
		push(value) {
			pending = { value };
			if (timer) return;
			const wait = last + intervalMs - now();
			if (wait <= 0) flush();
			else timer = setTimeout(flush, wait);
		},
		cancel() {
			clearTimeout(timer);
			timer = undefined;
			pending = null;
		}
	};
}

/**
 * Runs `run` once for any number of requests, on an animation frame, never sooner after the last
 * run than `minGapMs` nor than that run took: for work heavy enough to hold up a page (a whole
 * plan's comparison), so that it keeps at least half its time for people. An urgent request (the
 * first result, awaited) goes at the next frame.
 */
export function pacedRun(
	minGapMs: number,
	run: () => void,
	{
		now = () => performance.now(),
		frame = (callback: () => void) => requestAnimationFrame(callback),
		cancelFrame = (id: number) => cancelAnimationFrame(id)
	}: {
		now?: () => number;
		frame?: (callback: () => void) => number;
		cancelFrame?: (id: number) => void;
	} = {}
): { request(urgent?: boolean): void; cancel(): void } {
	let restUntil = -Infinity;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let frameId: number | undefined;
	let scheduled = false;
	return {
		request(urgent = false) {
			if (scheduled) return;
			scheduled = true;
			timer = setTimeout(
				() => {
					frameId = frame(() => {
						scheduled = false;
						const started = now();
						run();
						restUntil = now() + Math.max(minGapMs, now() - started);
					});
				},
				urgent ? 0 : Math.max(0, restUntil - now())
			);
		},
		cancel() {
			clearTimeout(timer);
			if (frameId !== undefined) cancelFrame(frameId);
			scheduled = false;
		}
	};
}
