import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionTeam, planWithMembers } from '../../helpers/fixtures.ts';
import { stepDocument } from '../../../src/lib/domain/documents.ts';
import { cellKey } from '../../../src/lib/domain/measures.ts';
import { registerCollab } from '../../../src/lib/server/collab-bridge.ts';
import { firstScreen, firstScreenOf } from '../../../src/lib/server/first-screen.ts';
import { keptFirstScreen } from '../../../src/lib/server/kept-first-screens.ts';
import { loadStepValues } from '../../../src/lib/server/plan-versions.ts';
import { getPlanShape } from '../../../src/lib/server/plans.ts';
import { collabSuite, connectPeer, startCollab, synced, waitFor } from './harness.ts';

/**
 * A server started after a plan was used serves its first screen without loading its documents,
 * from the one kept when they left memory: as long as it shows what is saved, and never after.
 */
const s = collabSuite(functionTeam, { flushIntervalMs: 20, idleUnloadMs: 150 });

async function twoFamilyPlan() {
	const { planId } = await planWithMembers(s.db, s.leader, s.members, {
		families: [
			{ name: 'Bikes', items: [{ sku: 'B-1', name: 'Road bike' }] },
			{ name: 'Helmets', items: [{ sku: 'H-1', name: 'Lid' }] }
		]
	});
	const shape = (await getPlanShape(s.db, planId))!;
	return { planId, shape, key: cellKey(shape.items[0].id, shape.periods[1], 'forecast') };
}

// The pages' first screens ask this collaboration server, as in the app.
beforeAll(() => registerCollab(s.h.collab));
afterAll(() => registerCollab(undefined));

const actor = () => ({ userId: s.leader.id, source: 'import' as const });
const saved = async (planId: string, shape: Awaited<ReturnType<typeof twoFamilyPlan>>['shape']) =>
	firstScreenOf(shape, await loadStepValues(s.db, planId, shape.periods));
const unloaded = () => waitFor(() => s.h.collab.stats().docs === 0, 'the documents unloaded');

describe('the kept first screen', () => {
	it('is kept as the documents unload, serves while nothing changed, and not after an edit or a moved item', async () => {
		const { planId, shape, key } = await twoFamilyPlan();
		const step1 = stepDocument(planId, 1);
		await s.h.collab.write(step1, actor(), { cells: [[key, 40]] });
		// Only step 1 was in memory: a screen needs all three, so nothing was kept.
		await unloaded();
		expect(await keptFirstScreen(s.db, planId, shape)).toBeNull();

		// A browser opens the plan (its page computes the screen, loading the documents) and leaves.
		const peer = await synced(connectPeer(s.h, step1, s.sales));
		expect(await s.h.collab.firstScreen(planId, shape, true)).not.toBeNull();
		peer.provider.destroy();
		await unloaded();
		const kept = await keptFirstScreen(s.db, planId, shape);
		expect(kept).toEqual(await saved(planId, shape));
		expect(kept!.figures.get('total')!.forecast[1]).toBe(40);
		// The page of a server that holds nothing of the plan serves it without loading anything.
		expect(await firstScreen(s.db, planId, shape)).toEqual(kept);
		expect(s.h.collab.stats().docs).toBe(0);

		// An edit: the kept screen no longer shows the plan, and the page loads the documents.
		await s.h.collab.write(step1, actor(), { cells: [[key, 45]] });
		expect(await keptFirstScreen(s.db, planId, shape)).toBeNull();
		expect((await firstScreen(s.db, planId, shape))!.figures.get('total')!.forecast[1]).toBe(45);
		await unloaded();
		expect(await keptFirstScreen(s.db, planId, shape)).toEqual(await saved(planId, shape));

		// An item moved to the other family changes both families' totals and no document.
		const [bikes, helmets] = shape.families;
		const moved = {
			...shape,
			items: shape.items.map((item) =>
				item.family_id === bikes.id ? { ...item, family_id: helmets.id } : item
			)
		};
		expect(await keptFirstScreen(s.db, planId, moved)).toBeNull();
	});

	it('is kept at shutdown, with the last edits', async () => {
		const { planId, shape } = await twoFamilyPlan();
		// A server of its own, stopped while its documents are in memory with an edit just made.
		const h = await startCollab(s.db, { flushIntervalMs: 5_000 });
		await h.collab.firstScreen(planId, shape, true);
		await h.collab.write(stepDocument(planId, 1), actor(), {
			cells: [[cellKey(shape.items[1].id, shape.periods[0], 'consensus'), 7]]
		});
		await h.stop();
		const kept = await keptFirstScreen(s.db, planId, shape);
		expect(kept).toEqual(await saved(planId, shape));
		expect(kept!.kpis.demand).toBe(7);
	});
});
