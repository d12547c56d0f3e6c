/** What the promise (a route handler's answer, say) was rejected with; fails the test if it resolved. */
export async function thrown(promise: unknown): Promise<unknown> {
	try {
		await promise;
	} catch (e) {
		return e;
	}
	throw new Error('expected a throw');
}
