import type { Redis } from 'ioredis';
import { PLAN_TOPICS, type PlanTopic } from '../../sync/protocol.ts';

/** What crosses processes. `from` is the sender's node id: nobody handles its own message twice. */
export type BusMessage =
	| { type: 'access'; planId?: string }
	| { type: 'notice'; planId: string; topic: PlanTopic }
	| { type: 'handover'; planId: string };

type Sent = BusMessage & { from: string };

/**
 * Redis pub/sub between the processes of one cluster, on one channel. Delivery is at most once and
 * only to processes connected at the time, which suits what it carries: a process that missed an
 * access change while cut off from Redis re-checks its sockets when it is back (see `onReconnect`).
 */
export class Bus {
	private readonly channel: string;

	constructor(
		private readonly pub: Redis,
		private readonly sub: Redis,
		prefix: string,
		private readonly nodeId: string,
		receive: (message: BusMessage) => void
	) {
		this.channel = `${prefix}bus`;
		sub.on('message', (channel: string, text: string) => {
			if (channel !== this.channel) return;
			const message = parse(text);
			if (message && message.from !== nodeId) receive(message);
		});
		// Commands fail while Redis is away (see openRedis); each (re)connection subscribes again.
		const subscribe = () => void sub.subscribe(this.channel).catch(() => {});
		sub.on('ready', subscribe);
		if (sub.status === 'ready') subscribe();
	}

	/** Best effort: false when Redis could not take it. */
	async publish(message: BusMessage): Promise<boolean> {
		try {
			await this.pub.publish(this.channel, JSON.stringify({ ...message, from: this.nodeId }));
			return true;
		} catch {
			return false;
		}
	}
}

/** Another process is trusted no more than it must be: anything malformed is dropped. */
function parse(text: string): Sent | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const m = value as Record<string, unknown>;
	if (typeof m.from !== 'string') return null;
	const planId = typeof m.planId === 'string' ? m.planId : undefined;
	if (m.type === 'access') return { type: 'access', planId, from: m.from };
	if (m.type === 'handover' && planId) return { type: 'handover', planId, from: m.from };
	if (m.type === 'notice' && planId && PLAN_TOPICS.includes(m.topic as PlanTopic)) {
		return { type: 'notice', planId, topic: m.topic as PlanTopic, from: m.from };
	}
	return null;
}
