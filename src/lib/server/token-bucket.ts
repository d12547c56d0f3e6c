/**
 * A budget that refills at a steady rate up to a burst: a client may spend `burst` at once, and
 * `perSecond` on average after that.
 */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		private readonly now: () => number = Date.now
	) {
		this.tokens = burst;
		this.last = now();
	}

	/** Spends `cost` if the budget allows it; false (and nothing spent) if not. */
	take(cost = 1): boolean {
		const now = this.now();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
		this.last = now;
		if (cost > this.tokens) return false;
		this.tokens -= cost;
		return true;
	}
}
