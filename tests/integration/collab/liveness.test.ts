import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { planWithMembers, signedInUser } from '../../helpers/fixtures.ts';
import { awarenessEntries, collabSuite, RawClient, sleep, waitFor } from './harness.ts';

const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const { planId } = await planWithMembers(db, leader);
		const doc = `plan/${planId}/step/1`;
		return { leader, doc };
	},
	{ pingIntervalMs: 100, keepAliveMs: 100 }
);

describe('collab liveness', () => {
	it('sends idle connections an empty awareness message so y-websocket does not reconnect', async () => {
		const raw = await RawClient.connect(s.h, s.doc, s.leader);
		await sleep(100);
		const before = raw.messages.length;
		await sleep(400);
		const keepAlives = raw.messages
			.slice(before)
			.filter((m) => m[0] === 1 && awarenessEntries(m).length === 0);
		expect(keepAlives.length).toBeGreaterThanOrEqual(1);
		expect(raw.closed).toBeNull();
		raw.close();
	});

	it('terminates a socket that stops answering pings and keeps one that answers', async () => {
		const url = `${s.h.url}/${s.doc}`;
		const mute = new WebSocket(url, { headers: { cookie: s.leader.cookie }, autoPong: false });
		let closeCode: number | null = null;
		mute.on('close', (code) => (closeCode = code));
		await new Promise((resolve) => mute.once('open', resolve));
		const healthy = await RawClient.connect(s.h, s.doc, s.leader);
		await waitFor(() => closeCode !== null, 'mute socket dropped', 3000);
		expect(closeCode).toBe(1006);
		await sleep(300);
		expect(healthy.closed).toBeNull();
		healthy.close();
	});
});
