import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planWithMembers, SEED, signedInUser } from '../../helpers/fixtures.ts';
import { seedStepDocuments } from '../../../src/lib/server/plan-values.ts';
import { getHierarchy } from '../../../src/lib/server/plans.ts';
import { checkCellWrite, type PlanCells } from '../../../src/lib/domain/cell-rules.ts';
import { periods } from '../../../src/lib/domain/periods.ts';
import { assertAllowedCellWrites } from '../../../server/collab/cell-guard.ts';
import { readIncomingUpdate } from '../../../server/collab/incoming-update.ts';
import { oneCellChain } from '../../helpers/crafted-updates.ts';
import { collabSuite, connectPeer, logCount, RawClient, synced, waitFor } from './harness.ts';

/**
 * A modified client with the right to write step 1 sends what the grid never would. The server
 * refuses the whole update before it touches the document: nobody sees it, nothing is logged.
 */
const s = collabSuite(
	async (db) => {
		const leader = await signedInUser(db, 'Lena Leader');
		const seller = await signedInUser(db, 'Sam Sales');
		const { planId } = await planWithMembers(db, leader, [
			{ user: seller, fn: 'sales', role: 'editor' }
		]);
		await seedStepDocuments(
			db,
			planId,
			['2027-01'],
			[{ ownerId: 'i1', period: '2027-01', measureId: 'baseline', value: 100 }],
			SEED
		);
		const doc = `plan/${planId}/step/1`;
		const { items, families } = await getHierarchy(db, planId);
		const other = await planWithMembers(db, leader);
		const [foreign] = (await getHierarchy(db, other.planId)).items;
		const plan: PlanCells = {
			items: new Set(items.map((i) => i.id)),
			families: new Set(families.map((f) => f.id)),
			periods: periods('2027-01', 12)
		};
		return {
			leader,
			seller,
			doc,
			item: items[0].id,
			family: families[0].id,
			foreign: foreign.id,
			plan
		};
	},
	{ flushIntervalMs: 20 }
);

/** Builds an update on a copy of the server's document, as a client holding it would. */
async function forge(raw: RawClient, change: (doc: Y.Doc) => void): Promise<Uint8Array> {
	const local = new Y.Doc();
	await raw.sync(local);
	const before = Y.encodeStateVector(local);
	change(local);
	return Y.encodeStateAsUpdate(local, before);
}

const cases: [string, (doc: Y.Doc) => void, string][] = [
	[
		'a statistical baseline value',
		(d) => d.getMap('cells').set(`${s.item}:2027-01:baseline`, 5),
		'refused: Statistical baseline is read-only'
	],
	[
		'a derived measure',
		(d) => d.getMap('cells').set(`${s.item}:2027-01:inventory`, 5),
		'refused: "ITEM:2027-01:inventory" is not a cell of this plan'
	],
	[
		'another step’s measure',
		(d) => d.getMap('cells').set(`${s.item}:2027-01:production`, 5),
		'refused: Production plan belongs to step 2, not step 1'
	],
	[
		'text in a number cell',
		(d) => d.getMap('cells').set(`${s.item}:2027-01:forecast`, 'lots' as unknown as number),
		'refused: Sales forecast takes a number'
	],
	[
		'a negative forecast',
		(d) => d.getMap('cells').set(`${s.item}:2027-01:forecast`, -4),
		'refused: Sales forecast cannot be negative'
	],
	[
		'the base rows',
		(d) => d.getMap('base').set(`${s.item}:forecast`, [1]),
		'refused: writes outside "cells"'
	],
	[
		'a deleted base row',
		(d) => d.getMap('base').delete('i1:baseline'),
		'refused: writes outside "cells"'
	],
	['a map of its own', (d) => d.getMap('notes').set('x', 1), 'refused: writes outside "cells"'],
	[
		'a nested type',
		(d) => d.getMap('cells').set(`${s.item}:2027-01:forecast`, new Y.Map() as unknown as number),
		'refused: "ITEM:2027-01:forecast" must hold one plain value'
	],
	[
		'an item the plan does not have',
		(d) => d.getMap('cells').set('junk:2027-01:forecast', 5),
		'this plan has no item "junk"'
	],
	[
		'another plan’s item',
		(d) => d.getMap('cells').set(`${s.foreign}:2027-01:forecast`, 5),
		'this plan has no item'
	],
	[
		'a family on an item measure',
		(d) => d.getMap('cells').set(`${s.family}:2027-01:forecast`, 5),
		'this plan has no item'
	],
	[
		'a month outside the plan',
		(d) => d.getMap('cells').set(`${s.item}:2028-01:forecast`, 5),
		'"2028-01" is not a month of this plan'
	],
	[
		'a month that is no month',
		(d) => d.getMap('cells').set(`${s.item}:soon:forecast`, 5),
		'"soon" is not a month of this plan'
	],
	[
		'20,000 junk keys in one update',
		(d) =>
			d.transact(() => {
				d.getMap('cells').set(`${s.item}:2027-01:forecast`, 1);
				for (let i = 0; i < 20_000; i++) d.getMap('cells').set(`j${i}:2027-01:forecast`, i);
			}),
		'this plan has no item "j0"'
	]
];

describe('cell writes the server refuses', () => {
	let round = 0;
	const honestKeys = new Set<string>();

	it.each(cases)(
		'refuses %s, closing only that client, and keeps the document as it was',
		async (_what, change, reason) => {
			const honest = await synced(connectPeer(s.h, s.doc, s.leader));
			const logged = await logCount(s.db, s.doc);
			const raw = await RawClient.connect(s.h, s.doc, s.seller);
			raw.sendUpdate(await forge(raw, change));
			await waitFor(() => raw.closed !== null, 'forger closed');
			expect(raw.closed?.code).toBe(4400);
			expect(raw.closed?.reason).toContain(reason.replace('ITEM', s.item));

			// The honest client keeps working and nobody ever sees the forged write.
			// A cell of its own per case, none of them one that a forged update wrote.
			round++;
			const measure = round < 12 ? 'forecast' : 'consensus';
			const key = `${s.item}:${s.plan.periods[round % 12]}:${measure}`;
			honestKeys.add(key);
			honest.cells.set(key, 7);
			const check = await synced(connectPeer(s.h, s.doc, s.seller));
			await waitFor(() => check.cells.get(key) === 7, 'honest edit');
			expect(check.doc.getMap('base').get('i1:baseline')).toEqual([100]);
			expect([...check.cells.keys()].filter((k) => !honestKeys.has(k))).toEqual([]);
			// Connected all along: the guard ran before anything was relayed to it.
			expect([...honest.cells.keys()].filter((k) => !honestKeys.has(k))).toEqual([]);
			expect([...honest.doc.share.keys()].sort()).not.toContain('notes');
			expect([...check.doc.share.keys()].sort()).not.toContain('notes');
			await waitFor(
				async () => (await logCount(s.db, s.doc)) === logged + 1,
				'only the honest edit logged'
			);
		}
	);

	it('lets the same client write and clear its own cells', async () => {
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		const key = `${s.item}:2027-02:marketing`;
		raw.sendUpdate(await forge(raw, (d) => d.getMap('cells').set(key, -3)));
		raw.sendUpdate(await forge(raw, (d) => d.getMap('cells').set(key, null as unknown as number)));
		const check = await synced(connectPeer(s.h, s.doc, s.leader));
		await waitFor(() => check.cells.has(key), 'write arrived');
		expect(check.cells.get(key)).toBeNull();
		expect(raw.closed).toBeNull();
	});

	it('takes edits overwritten before they were sent (they arrive as deleted content)', async () => {
		// A cell no other case writes: a concurrent earlier write would win or lose by client id.
		const key = `${s.item}:2027-06:marketing`;
		const offline = new Y.Doc();
		const cells = offline.getMap('cells');
		cells.set(key, 1);
		cells.set(key, 2);
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		raw.sendUpdate(Y.encodeStateAsUpdate(offline));
		await waitFor(() => raw.acks.length > 0, 'acknowledged');
		const check = await synced(connectPeer(s.h, s.doc, s.leader));
		expect(check.cells.get(key)).toBe(2);
		expect(raw.closed).toBeNull();
	});
});

describe('the cost of judging an update', () => {
	const key = () => `${s.item}:2027-12:marketing`;

	/**
	 * The guard's work on an empty step document, counted rather than timed (a timing swings with
	 * the machine's load and its garbage collector): every read of a field of the update's structs.
	 */
	function guardReads(update: Uint8Array): number {
		const doc = new Y.Doc();
		const incoming = readIncomingUpdate(doc, update);
		let reads = 0;
		for (const struct of incoming.structs) {
			for (const [field, initial] of Object.entries(struct)) {
				let value: unknown = initial;
				Object.defineProperty(struct, field, {
					get: () => (reads++, value),
					set: (next) => (value = next)
				});
			}
		}
		assertAllowedCellWrites(doc, (k, v) => checkCellWrite(s.plan, 1, k, v), incoming);
		return reads;
	}

	it('grows linearly with the update: four times the writes, under eight times the work (quadratic: 16)', () => {
		const small = guardReads(oneCellChain(500, key()));
		const large = guardReads(oneCellChain(2_000, key()));
		expect(small).toBeGreaterThan(500);
		// Quadratic (walking back through the chain for every write), this ratio was 16; linear, 4.
		expect(large / small).toBeLessThan(8);
	});

	it('takes a 195 KB update of 10,300 writes to one cell, and relays it', async () => {
		const update = oneCellChain(10_300, key());
		expect(update.byteLength).toBeGreaterThan(190 * 1024);
		const honest = await synced(connectPeer(s.h, s.doc, s.leader));
		const raw = await RawClient.connect(s.h, s.doc, s.seller);
		raw.sendUpdate(update);
		await waitFor(() => raw.acks.length > 0 || raw.closed !== null, 'judged', 30_000);
		expect(raw.closed).toBeNull();
		await waitFor(() => honest.cells.get(key()) === 10_299 % 100, 'relayed');
	});
});
