/**
 * The longest the event loop went without running a 2 ms timer while watched: how long an edit
 * arriving then would have waited to be relayed. Shared by the benches and the tests.
 */
export function watchStalls(): { stop(): number } {
	let last = performance.now();
	let longest = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
	}, 2);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(longest, performance.now() - last);
		}
	};
}
