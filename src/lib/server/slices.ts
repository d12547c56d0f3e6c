/**
 * Runs a sliced computation (see domain/slices.ts) letting pending I/O, such as people's
 * edits to relay, run between its slices.
 */
export async function runSlicesYielding<T>(work: Generator<void, T>): Promise<T> {
	for (;;) {
		const step = work.next();
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}
