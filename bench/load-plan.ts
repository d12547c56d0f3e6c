/**
 * What the load bench seeds before it starts the production server: a plan to type into, a person
 * (a sales editor with a session) for each client, and with `large` the 2,000-item plan too.
 */
import type { Db } from '../src/lib/server/db/index.ts';
import { stepDocument } from '../src/lib/domain/documents.ts';
import { cellKey } from '../src/lib/domain/measures.ts';
import { periods } from '../src/lib/domain/periods.ts';
import { createPlan, getHierarchy } from '../src/lib/server/plans.ts';
import { randomId } from '../src/lib/server/ids.ts';
import { createWorkspace } from '../src/lib/server/workspaces.ts';
import { salesEditors, sampleFamilies, signedInUser } from '../tests/helpers/fixtures.ts';
import { seedLargePlan } from './large-plan.ts';

export interface LoadPlan {
	/** The document of the load phases, relative to ws://127.0.0.1:<port>/collab/. */
	loadDoc: string;
	/** Cells a writer may write, each one a distinct key. */
	loadKeys: string[];
	/** A session cookie for each client of the load. */
	cookies: string[];
	/** The leader's, who may open every document. */
	cookie: string;
	/** The large plan (see large-plan.ts) and its number of values, when one was seeded. */
	largePlanId?: string;
	cells?: number;
}

/**
 * The load writes a distinct real cell per edit (the server refuses keys the grid would never
 * write): 200 items × 24 months × 3 demand measures is room for 14,400 edits.
 */
const LOAD_MONTHS = periods('2027-01', 24);
const LOAD_FAMILIES = 10;
const ITEMS_PER_FAMILY = 20;

/** The cells the load types into, of the items `itemIds`. */
function loadCellKeys(itemIds: readonly string[]): string[] {
	return itemIds.flatMap((id) =>
		LOAD_MONTHS.flatMap((month) =>
			['forecast', 'marketing', 'consensus'].map((measure) => cellKey(id, month, measure))
		)
	);
}

/** Keys of the load plan's shape, of items that exist nowhere: for a server that takes any key. */
export function loadShapedKeys(): string[] {
	const items = LOAD_FAMILIES * ITEMS_PER_FAMILY;
	return loadCellKeys(Array.from({ length: items }, () => randomId(10)));
}

export async function seedLoadPlan(db: Db, people: number, large: boolean): Promise<LoadPlan> {
	const leader = await signedInUser(db, 'Bench Leader');
	const workspaceId = await createWorkspace(db, 'Bench', leader.id);
	const planId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Load',
			startMonth: LOAD_MONTHS[0],
			horizon: LOAD_MONTHS.length,
			families: sampleFamilies(LOAD_FAMILIES, ITEMS_PER_FAMILY)
		},
		leader.id
	);
	const loadKeys = loadCellKeys((await getHierarchy(db, planId)).items.map((item) => item.id));
	const cookies = (
		await salesEditors(db, { workspaceId, planId, leaderId: leader.id }, people)
	).map((p) => p.cookie);
	const seeded = large ? await seedLargePlan(db, workspaceId, leader.id) : undefined;
	return {
		loadDoc: stepDocument(planId, 1),
		loadKeys,
		cookies,
		cookie: leader.cookie,
		largePlanId: seeded?.largePlanId,
		cells: seeded?.cells
	};
}
