import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './rate-limit';

describe('FailureThrottle', () => {
	it('blocks after the limit and lets the key try again once the window has passed', () => {
		let now = 0;
		const throttle = new FailureThrottle(3, 1000, () => now);
		for (let i = 0; i < 3; i++) {
			expect(throttle.retryAfter('k')).toBe(0);
			throttle.fail('k');
		}
		expect(throttle.retryAfter('k')).toBe(1000);
		expect(throttle.retryAfter('other')).toBe(0);
		now = 600;
		expect(throttle.retryAfter('k')).toBe(400);
		now = 1000;
		expect(throttle.retryAfter('k')).toBe(0);
	});

	it('forgets failures after a success', () => {
		const throttle = new FailureThrottle(2, 1000, () => 0);
		throttle.fail('k');
		throttle.succeed('k');
		throttle.fail('k');
		expect(throttle.retryAfter('k')).toBe(0);
	});
});
