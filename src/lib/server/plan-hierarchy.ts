import type { HierarchyChange } from '../sync/server-write.ts';
import type { Db, Queryable } from './db/index.ts';
import { insertRows } from './plans.ts';
import { Refusal } from './refusal.ts';

/**
 * Adds and updates a plan's families and items as a server-side write asks, in one transaction:
 * new rows go after the existing ones, in the order given.
 */
export async function applyHierarchyChange(
	db: Db,
	planId: string,
	change: HierarchyChange
): Promise<void> {
	await db
		.transaction(async (tx) => addAndUpdate(tx, planId, change))
		.catch((error: unknown) => {
			// Another import added one of these SKUs since this one was checked.
			if ((error as { code?: unknown }).code === '23505') {
				throw new Refusal(
					'The plan gained some of these items meanwhile; preview the file again.',
					409
				);
			}
			throw error;
		});
}

async function addAndUpdate(tx: Queryable, planId: string, change: HierarchyChange) {
	const [{ families, items }] = await tx.query<{ families: number; items: number }>(
		`select (select coalesce(max(position), -1) + 1 from families where plan_id = $1) as families,
			        (select coalesce(max(position), -1) + 1 from items where plan_id = $1) as items`,
		[planId]
	);
	await insertRows(
		tx,
		'families (id, plan_id, name, position)',
		change.families.map((f, i) => [f.id, planId, f.name, Number(families) + i])
	);
	await insertRows(
		tx,
		'items (id, plan_id, family_id, sku, name, position)',
		change.items.map((item, i) => [
			item.id,
			planId,
			item.familyId,
			item.sku,
			item.name,
			Number(items) + i
		])
	);
	if (change.updated.length === 0) return;
	// One statement for any number of items: a nightly load may rename thousands.
	await tx.query(
		`update items i set name = coalesce(v.name, i.name),
			   lead_time_days = case when v.set_lead then v.lead else i.lead_time_days end
			 from json_to_recordset($2::text::json) as v(id text, name text, set_lead boolean, lead numeric)
			 where i.plan_id = $1 and i.id = v.id`,
		[
			planId,
			JSON.stringify(
				change.updated.map((u) => ({
					id: u.id,
					name: u.name ?? null,
					set_lead: u.leadTimeDays !== undefined,
					lead: u.leadTimeDays ?? null
				}))
			)
		]
	);
}
