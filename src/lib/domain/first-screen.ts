import { gridRows, scopeId, type FamilyRef, type ItemRef, type RowScope } from './grid-rows.ts';
import type { Kpis } from './kpis.ts';
import type { SavedFigures } from './plan-figures.ts';

/** The grid rows the first screen covers: more than a tall projector shows (about 30). */
export const FIRST_SCREEN_ROWS = 60;

/**
 * What a browser opening a plan shows while its documents load (a large plan's take a second or
 * two): the figures of the grid's first rows and the KPIs, as the server holds the plan.
 */
export interface FirstScreen {
	figures: SavedFigures;
	kpis: Kpis;
}

/** Whose figures the grid's first rows show as a plan opens (no filter, nothing collapsed). */
export function firstScreenScopes(
	families: readonly FamilyRef[],
	items: readonly ItemRef[]
): RowScope[] {
	const scopes = new Map<string, RowScope>();
	for (const row of gridRows(families, items).slice(0, FIRST_SCREEN_ROWS)) {
		scopes.set(scopeId(row.scope), row.scope);
	}
	return [...scopes.values()];
}
