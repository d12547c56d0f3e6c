import { emptySeries, PlanFigures } from './plan-figures.ts';
import type { VersionTableContent } from './version-table.ts';

/**
 * The figures of a plan's values as a version holds them (or a live plan read into that shape):
 * its typed rows read back, so flags and KPIs come out as the grid computes them.
 */
export function versionFigures(content: VersionTableContent): PlanFigures {
	const months = content.periods.length;
	return new PlanFigures(content, (m, ownerId) => {
		const row = content.rows[ownerId]?.[m.id];
		const series = emptySeries(months);
		if (row) for (let t = 0; t < months; t++) series[t] = row[t] ?? NaN;
		return series;
	});
}
