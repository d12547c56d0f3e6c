import { describe, expect, it } from 'vitest';
import { PerKeyQueue } from './per-key-queue.ts';

function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

describe('PerKeyQueue', () => {
	it('runs one key’s work one at a time, in order, and refuses past the waiting bound', async () => {
		const queue = new PerKeyQueue(1);
		const first = gate();
		const ran: string[] = [];
		const a = queue.run('lee', async () => {
			ran.push('a');
			await first.opened;
			return 'a';
		});
		const b = queue.run('lee', async () => {
			ran.push('b');
			return 'b';
		});
		expect(queue.run('lee', async () => 'c')).toBeNull();
		// Another person is not held up.
		await expect(queue.run('sam', async () => 'sam')).resolves.toBe('sam');
		await Promise.resolve();
		expect(ran).toEqual(['a']);
		first.open();
		await expect(a).resolves.toBe('a');
		await expect(b).resolves.toBe('b');
		expect(ran).toEqual(['a', 'b']);
		// Once the queue has drained, the person may start again.
		await expect(queue.run('lee', async () => 'd')).resolves.toBe('d');
	});

	it('a failed run frees its place and the next one still runs', async () => {
		const queue = new PerKeyQueue(0);
		const failing = queue.run('lee', async () => {
			throw new Error('database gone');
		});
		expect(queue.run('lee', async () => 'refused')).toBeNull();
		await expect(failing).rejects.toThrow('database gone');
		await expect(queue.run('lee', async () => 'next')).resolves.toBe('next');
	});
});
