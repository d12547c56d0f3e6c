import { cellKey } from '../../src/lib/domain/measures.ts';
import { periods } from '../../src/lib/domain/periods.ts';
import { createPlan, getHierarchy } from '../../src/lib/server/plans.ts';
import { createWorkspace } from '../../src/lib/server/workspaces.ts';
import { salesEditors, sampleFamilies, signedInUser } from '../helpers/fixtures.ts';
import type { Cluster } from './harness.ts';
import { Editor } from './editor.ts';

export const MONTHS = periods('2027-01', 12);

/** A plan with `count` items (SKUs F1-1…) and `count` sales editors of it. */
export async function planWithPeople(cluster: Cluster, count: number) {
	const leader = await signedInUser(cluster.db, 'Lead');
	const workspaceId = await createWorkspace(cluster.db, 'Cluster', leader.id);
	const planId = await createPlan(
		cluster.db,
		{
			workspaceId,
			name: 'Cluster plan',
			startMonth: MONTHS[0],
			horizon: MONTHS.length,
			families: sampleFamilies(1, count)
		},
		leader.id
	);
	const { items } = await getHierarchy(cluster.db, planId);
	const people = await salesEditors(
		cluster.db,
		{ workspaceId, planId, leaderId: leader.id },
		count
	);
	return { leader, workspaceId, planId, items, people, doc: `plan/${planId}/step/1` };
}

/**
 * planWithPeople, each person with the step 1 document open through HAProxy; editor e types into
 * its own item's forecast, so every value has one writer.
 */
export async function planWithEditors(cluster: Cluster, count: number) {
	const plan = await planWithPeople(cluster, count);
	const editors = plan.people.map((p) => new Editor(cluster.collabUrl, plan.doc, p.cookie));
	/** Editor e's n-th edit: its item, month n mod 12, value n + 1 (values only grow). */
	const type = (e: number, n: number) =>
		editors[e].write(cellKey(plan.items[e].id, MONTHS[n % MONTHS.length], 'forecast'), n + 1);
	return { ...plan, editors, type };
}
