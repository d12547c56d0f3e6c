import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PlanDocuments, type PlanDocumentEvents } from '../../../src/lib/collab/plan-documents.ts';
import { signOff } from '../../../src/lib/server/cycle.ts';
import { getHierarchy } from '../../../src/lib/server/plans.ts';
import { periods } from '../../../src/lib/domain/periods.ts';
import { cellKey } from '../../../src/lib/domain/measures.ts';
import {
	cycleActor,
	functionTeam,
	planWithMembers,
	type TestUser
} from '../../helpers/fixtures.ts';
import { collabSuite, connectPeer, sleep, synced, waitFor } from './harness.ts';

/**
 * The browser's documents against the real server, when an edit races a lock: the server refuses
 * it, and the browser drops that edit, reloads the step as the server keeps it and says so,
 * instead of showing a value nobody else has as saved.
 */
const s = collabSuite(
	async (db) => {
		const team = await functionTeam(db);
		const { planId } = await planWithMembers(db, team.leader, team.members);
		const { families, items } = await getHierarchy(db, planId);
		return { ...team, planId, families, items };
	},
	{ flushIntervalMs: 20 }
);

const opened: PlanDocuments[] = [];
afterEach(() => {
	for (const docs of opened.splice(0)) docs.destroy();
});

/** PlanDocuments as a browser of `user` runs it (the browser's WebSocket carries the cookie). */
function browserOf(user: TestUser, planId = s.planId) {
	const events = { notices: [] as string[], closed: [] as string[], saveState: 'connecting' };
	class CookieSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie: user.cookie } });
		}
	}
	(globalThis as { WebSocket?: unknown }).WebSocket = CookieSocket;
	const handlers: PlanDocumentEvents = {
		onCells: () => {},
		onSaveState: (state) => (events.saveState = state),
		onClosed: (reason) => events.closed.push(reason),
		onNotice: (message) => events.notices.push(message),
		onUndoState: () => {}
	};
	const shape = { families: s.families, items: s.items, periods: periods('2027-01', 12) };
	const docs = new PlanDocuments(planId, shape, s.h.url, handlers);
	opened.push(docs);
	return { docs, events };
}

async function sign(user: TestUser, signer: 'sales' | 'operations' | 'finance', planId = s.planId) {
	const actor = await cycleActor(s.db, planId, user);
	await s.h.collab.cycleChange(planId, () => signOff(s.db, actor, 1, signer, ''));
}

describe('a browser’s edit that races the lock', () => {
	it('is dropped in that browser too, with a notice, and the step stays live', async () => {
		const item = s.items[0].id;
		const saved = cellKey(item, '2027-01', 'forecast');
		const late = cellKey(item, '2027-02', 'forecast');
		const { docs, events } = browserOf(s.sales);
		await waitFor(() => events.saveState === 'saved', 'browser connected');
		docs.write([{ step: 1, key: saved, value: 10 }]);
		await waitFor(() => events.saveState === 'saved' && docs.value(1, saved) === 10, 'saved');

		await sign(s.sales, 'sales');
		await sign(s.ops, 'operations');
		await sign(s.finance, 'finance');
		// This browser has not heard of the lock yet and writes.
		docs.write([{ step: 1, key: late, value: 99 }]);
		expect(docs.value(1, late)).toBe(99);

		await waitFor(() => events.notices.length > 0, 'notice');
		expect(events.notices).toEqual(['Step 1 is signed off and locked; your edit was not saved']);
		await waitFor(() => docs.value(1, saved) === 10, 'step reloaded from the server');
		expect(docs.value(1, late)).toBeUndefined();
		expect(events.closed).toEqual([]);

		// The reloaded step is live again: a colleague's edit to step 2 and the lock are both there.
		const check = await synced(connectPeer(s.h, `plan/${s.planId}/step/1`, s.leader));
		await sleep(50);
		expect(check.cells.has(late)).toBe(false);
		expect(check.cells.get(saved)).toBe(10);
	});
});

describe('the save state of a browser that opens a plan with a locked step', () => {
	it('is saved for people who may write the step, and stays live for the open steps', async () => {
		const { planId } = await planWithMembers(s.db, s.leader, s.members);
		await sign(s.sales, 'sales', planId);
		await sign(s.ops, 'operations', planId);
		await sign(s.finance, 'finance', planId);

		for (const user of [s.leader, s.sales]) {
			const { events } = browserOf(user, planId);
			await waitFor(() => events.saveState === 'saved', `${user.name}'s save state`);
		}
		// The leader edits an open step: saving, then saved once the server has committed it.
		const { docs, events } = browserOf(s.leader, planId);
		await waitFor(() => events.saveState === 'saved', 'leader connected');
		const { items } = await getHierarchy(s.db, planId);
		docs.write([{ step: 2, key: cellKey(items[0].id, '2027-01', 'production'), value: 5 }]);
		expect(events.saveState).toBe('saving');
		await waitFor(() => events.saveState === 'saved', 'open step saved');
	});
});
