/**
 * Long computations over a file's lines are written as generators that yield between slices: a
 * test or a script runs them at once, the server lets the event loop that relays edits run in
 * between (see `$lib/server/slices`).
 */
export function runSlices<T>(work: Generator<void, T>): T {
	for (;;) {
		const step = work.next();
		if (step.done) return step.value;
	}
}
