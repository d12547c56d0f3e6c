/**
 * Heavy work for one key (a person) runs one at a time: a request arriving while one runs waits
 * for it, and past `maxWaiting` waiting requests the next is refused. Bounds how much of the server
 * one person can keep busy at once, however many requests they send.
 */
export class PerKeyQueue {
	private readonly queues = new Map<string, { tail: Promise<unknown>; size: number }>();

	constructor(private readonly maxWaiting = 1) {}

	/** The work's result, or null (nothing run) when the key already has its fill waiting. */
	run<T>(key: string, work: () => Promise<T>): Promise<T> | null {
		const queue = this.queues.get(key) ?? { tail: Promise.resolve(), size: 0 };
		if (queue.size > this.maxWaiting) return null;
		queue.size++;
		this.queues.set(key, queue);
		const result = queue.tail.then(work);
		queue.tail = result.then(
			() => this.done(key),
			() => this.done(key)
		);
		return result;
	}

	private done(key: string): void {
		const queue = this.queues.get(key);
		if (queue && --queue.size === 0) this.queues.delete(key);
	}
}
