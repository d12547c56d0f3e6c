import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openTestDb } from '../../helpers/db.ts';
import { planWithMembers, signedInUser, type TestUser } from '../../helpers/fixtures.ts';
import {
	awarenessEntries,
	RawClient,
	sleep,
	startCollab,
	waitFor,
	type Harness
} from './harness.ts';

let db: Awaited<ReturnType<typeof openTestDb>>;
let h: Harness;
let leader: TestUser;
let doc: string;

beforeAll(async () => {
	db = await openTestDb();
	leader = await signedInUser(db, 'Lena Leader');
	const { planId } = await planWithMembers(db, leader);
	doc = `plan/${planId}/step/1`;
	h = await startCollab(db, { pingIntervalMs: 100, keepAliveMs: 100 });
});

afterAll(async () => {
	await h.stop();
	await db.dispose();
});

describe('collab liveness', () => {
	it('sends idle connections an empty awareness message so y-websocket does not reconnect', async () => {
		const raw = await RawClient.connect(h, doc, leader);
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
		const url = `${h.url}/${doc}`;
		const mute = new WebSocket(url, { headers: { cookie: leader.cookie }, autoPong: false });
		let closeCode: number | null = null;
		mute.on('close', (code) => (closeCode = code));
		await new Promise((resolve) => mute.once('open', resolve));
		const healthy = await RawClient.connect(h, doc, leader);
		await waitFor(() => closeCode !== null, 'mute socket dropped', 3000);
		expect(closeCode).toBe(1006);
		await sleep(300);
		expect(healthy.closed).toBeNull();
		healthy.close();
	});
});
