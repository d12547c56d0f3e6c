import type { Db } from '../src/lib/server/db/index.ts';
import { periods } from '../src/lib/domain/periods.ts';
import { createPlan, getHierarchy } from '../src/lib/server/plans.ts';
import { seedStepDocuments, type SeedValue } from '../src/lib/server/plan-values.ts';
import { sampleFamilies, SEED } from '../tests/helpers/fixtures.ts';

/** The size the benches call a large plan: items × months × measures, seeded as a new plan is. */
export const LARGE_PLAN = {
	items: 2000,
	months: 36,
	measures: ['baseline', 'forecast', 'consensus', 'production', 'receipts', 'safety']
};

export async function seedLargePlan(
	db: Db,
	workspaceId: string,
	leaderId: string,
	measures: readonly string[] = LARGE_PLAN.measures
): Promise<{ largePlanId: string; cells: number }> {
	const largePlanId = await createPlan(
		db,
		{
			workspaceId,
			name: 'Large plan',
			startMonth: '2027-01',
			horizon: LARGE_PLAN.months,
			families: sampleFamilies(1, LARGE_PLAN.items)
		},
		leaderId
	);
	const months = periods('2027-01', LARGE_PLAN.months);
	const { items } = await getHierarchy(db, largePlanId);
	const values: SeedValue[] = [];
	items.forEach((item, i) =>
		months.forEach((period, m) =>
			measures.forEach((measureId) =>
				values.push({ ownerId: item.id, period, measureId, value: (i * 7 + m) % 1000 })
			)
		)
	);
	await seedStepDocuments(db, largePlanId, months, values, SEED);
	return { largePlanId, cells: values.length };
}
