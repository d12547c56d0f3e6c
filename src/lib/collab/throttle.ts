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
