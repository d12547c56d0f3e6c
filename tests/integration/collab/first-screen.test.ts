import { describe, expect, it } from 'vitest';
import { functionTeam, planWithMembers } from '../../helpers/fixtures.ts';
import { cellKey } from '../../../src/lib/domain/measures.ts';
import { periods as monthsOf } from '../../../src/lib/domain/periods.ts';
import { firstScreenOf } from '../../../src/lib/server/first-screen.ts';
import { getHierarchy } from '../../../src/lib/server/plans.ts';
import { loadStepValues } from '../../../src/lib/server/plan-versions.ts';
import { collabSuite, connectPeer, synced, waitFor } from './harness.ts';

/**
 * A browser opening a plan without a local copy asks for its first screen while the documents
 * load: this process serves the plan, so the screen comes from its documents in memory, which the
 * browser's sockets then find loaded.
 */
const s = collabSuite(functionTeam, { flushIntervalMs: 20 });

describe('the first screen from the collaboration server', () => {
	it('is computed from the live documents, loads them once for the sockets that follow, and matches the saved ones', async () => {
		const { planId, itemId } = await planWithMembers(s.db, s.leader, s.members);
		const shape = { ...(await getHierarchy(s.db, planId)), periods: monthsOf('2027-01', 12) };
		const step1 = `plan/${planId}/step/1`;
		const key = cellKey(itemId, '2027-02', 'forecast');
		await s.h.collab.write(
			step1,
			{ userId: s.leader.id, source: 'import' },
			{ cells: [[key, 40]] }
		);

		const before = s.h.collab.stats().docs;
		// Asked only for documents in memory, it loads none of them.
		expect(await s.h.collab.firstScreen(planId, shape, false)).toBeNull();
		expect(s.h.collab.stats().docs).toBe(before);
		const live = await s.h.collab.firstScreen(planId, shape, true);
		expect(live!.figures.get(itemId)!.forecast[1]).toBe(40);
		expect(live!.figures.get('total')!.forecast[1]).toBe(40);
		// The three step documents are in memory now (step 1 already was, for the write).
		expect(s.h.collab.stats().docs).toBe(before + 2);
		expect(live).toEqual(firstScreenOf(shape, await loadStepValues(s.db, planId, shape.periods)));

		// Asked again, an unchanged plan is answered from memory; an edit makes it compute anew.
		expect(await s.h.collab.firstScreen(planId, shape, false)).toBe(live);
		await s.h.collab.write(
			step1,
			{ userId: s.leader.id, source: 'import' },
			{ cells: [[key, 45]] }
		);
		const edited = await s.h.collab.firstScreen(planId, shape, false);
		expect(edited).not.toBe(live);
		expect(edited!.figures.get('total')!.forecast[1]).toBe(45);

		// A browser's socket finds the document loaded and gets the same value.
		const peer = await synced(connectPeer(s.h, step1, s.sales));
		await waitFor(() => peer.cells.get(key) === 45, 'the value synced');
		expect(s.h.collab.stats().docs).toBe(before + 2);
	});
});
