import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
	it('allows a burst, then the steady rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 20, () => now);
		for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
		now += 100;
		expect(bucket.take()).toBe(true);
		expect(bucket.take()).toBe(false);
	});

	it('never holds more than the burst, however long it rested', () => {
		let now = 0;
		const bucket = new TokenBucket(1000, 5, () => now);
		now += 60_000;
		expect(bucket.take(5)).toBe(true);
		expect(bucket.take(1)).toBe(false);
	});

	it('spends nothing on a refused cost', () => {
		const bucket = new TokenBucket(1, 10, () => 0);
		expect(bucket.take(11)).toBe(false);
		expect(bucket.take(10)).toBe(true);
	});
});
