import { describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../../../src/lib/server/auth/session.ts';
import { getHierarchy } from '../../../src/lib/server/plans.ts';
import { oneCellChain } from '../../helpers/crafted-updates.ts';
import { planWithMembers, signedInUser, type TestUser } from '../../helpers/fixtures.ts';
import {
	awarenessEntries,
	awarenessMessage,
	collabSuite,
	connectPeer,
	RawClient,
	sleep,
	synced,
	upgradeStatus,
	waitFor
} from './harness.ts';

/** Limits low enough to reach in a test; the defaults are in server/collab/limits.ts. */
const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const seller = await signedInUser(db, 'Sam Sales');
		const hog = await signedInUser(db, 'Hugo Hog');
		const { planId } = await planWithMembers(db, leader, [
			{ user: seller, fn: 'sales', role: 'editor' },
			{ user: hog, fn: 'sales', role: 'editor' }
		]);
		const [item] = (await getHierarchy(db, planId)).items;
		return {
			leader,
			seller,
			hog,
			item: item.id,
			doc: `plan/${planId}/step/1`,
			meta: `plan/${planId}/meta`
		};
	},
	{
		flushIntervalMs: 20,
		limits: {
			socketsPerSession: 3,
			socketsPerUser: 5,
			bytesPerSecond: 16 * 1024,
			burstBytes: 64 * 1024,
			presencePerSecond: 5,
			presenceBurst: 10
		}
	}
);

async function newSession(user: TestUser): Promise<TestUser> {
	const token = generateSessionToken();
	await createSession(s.db, token, user.id);
	return { ...user, token, cookie: `concord_session=${token}` };
}

const status = (user: TestUser) => upgradeStatus(`${s.h.url}/${s.meta}`, { cookie: user.cookie });

describe('what one person may use', () => {
	it('refuses sockets past the cap per session and per user with 429', async () => {
		const first = await newSession(s.hog);
		const open = [];
		for (let i = 0; i < 3; i++) open.push(await RawClient.connect(s.h, s.meta, first));
		expect(await status(first)).toBe(429);

		const second = await newSession(s.hog);
		for (let i = 0; i < 2; i++) open.push(await RawClient.connect(s.h, s.meta, second));
		expect(await status(second)).toBe(429);
		expect(await status(s.seller)).toBe(101);

		// A closed socket frees its place.
		open[0].close();
		await waitFor(async () => (await status(first)) === 101, 'place freed');
		for (const raw of open) raw.close();
	});

	it('closes a client sending oversized presence with 4413; nobody sees it', async () => {
		const observer = await synced(connectPeer(s.h, s.meta, s.leader));
		const raw = await RawClient.connect(s.h, s.meta, s.hog);
		raw.send(awarenessMessage(424242, 1, { selection: 'x'.repeat(16 * 1024) }));
		await waitFor(() => raw.closed !== null, 'closed');
		expect(raw.closed).toEqual({ code: 4413, reason: 'presence state over 2048 bytes' });
		await sleep(50);
		expect(observer.provider.awareness.getStates().has(424242)).toBe(false);
	});

	it('closes a client flooding presence with 4429 after its burst; the rest is not relayed', async () => {
		const observer = await RawClient.connect(s.h, s.meta, s.leader);
		const raw = await RawClient.connect(s.h, s.meta, s.hog);
		for (let clock = 1; clock <= 100; clock++) raw.send(awarenessMessage(515151, clock, { clock }));
		await waitFor(() => raw.closed !== null, 'closed');
		expect(raw.closed).toEqual({ code: 4429, reason: 'too many presence updates' });
		await sleep(50);
		const relayed = observer.messages
			.flatMap(awarenessEntries)
			.filter((e) => e.clientId === 515151);
		// The burst, and the removal of the flooder's state when it was closed.
		expect(relayed.filter((e) => e.state !== null).length).toBeLessThanOrEqual(11);
	});

	it('lets a browser moving its selection a few times a second through', async () => {
		const peer = await synced(connectPeer(s.h, s.meta, s.seller));
		for (let i = 0; i < 12; i++) {
			peer.provider.awareness.setLocalStateField('selection', { row: i });
			await sleep(250);
		}
		expect(peer.closes).toEqual([]);
	});

	it('closes a client sending more bytes than its budget with 4429', async () => {
		const raw = await RawClient.connect(s.h, s.doc, s.hog);
		const update = oneCellChain(600, `${s.item}:2027-01:forecast`);
		expect(update.byteLength).toBeGreaterThan(10 * 1024);
		for (let i = 0; i < 9; i++) raw.sendUpdate(update);
		await waitFor(() => raw.closed !== null, 'closed');
		expect(raw.closed).toEqual({ code: 4429, reason: 'too much sent too fast' });
	});
});
