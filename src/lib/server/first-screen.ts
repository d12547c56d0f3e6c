/**
 * The first screen of a plan for a browser opening it without a local copy: a 2,000-item plan's
 * documents take that browser a second or two to receive and apply, and the people in the meeting
 * see its numbers meanwhile.
 */
import { readerOf, type StepValues } from '../sync/step-values.ts';
import { firstScreenScopes, type FirstScreen } from '../domain/first-screen.ts';
import { computeKpis } from '../domain/kpis.ts';
import { PlanFigures, type Figures, type PlanShape } from '../domain/plan-figures.ts';
import { scopeId } from '../domain/grid-rows.ts';
import type { StepNumber } from '../domain/roles.ts';
import { collabHooks } from './collab-bridge.ts';
import type { Queryable } from './db/index.ts';
import { loadStepValues } from './plan-versions.ts';
import { keptFirstScreen } from './kept-first-screens.ts';

/** The first screen over the values of the plan's step documents. */
export function firstScreenOf(
	shape: PlanShape,
	values: ReadonlyMap<StepNumber, StepValues>
): FirstScreen {
	const figures = new PlanFigures(shape, readerOf(values));
	const saved = new Map<string, Figures>();
	for (const scope of firstScreenScopes(shape.families, shape.items)) {
		saved.set(scopeId(scope), figures.of(scope));
	}
	return {
		figures: saved,
		kpis: computeKpis(figures, shape.families, shape.items, shape.periods)
	};
}

/** Browsers opening the plan at once (a meeting starting) share one reading of it. */
const reading = new Map<string, Promise<FirstScreen | null>>();

/**
 * The plan's first screen: from its documents where this process holds them; else the one kept
 * when they were last unloaded, if it still shows what is saved; else from its documents, loaded
 * where this process serves the plan (the browser asking opens them next, so they are not read
 * twice) or read from Postgres. Null when it cannot be read.
 */
export function firstScreen(
	db: Queryable,
	planId: string,
	shape: PlanShape
): Promise<FirstScreen | null> {
	let screen = reading.get(planId);
	if (!screen) {
		screen = readFirstScreen(db, planId, shape)
			.catch((error: unknown) => {
				console.error(`first screen of plan ${planId} failed`, error);
				return null;
			})
			.finally(() => reading.delete(planId));
		reading.set(planId, screen);
	}
	return screen;
}

async function readFirstScreen(
	db: Queryable,
	planId: string,
	shape: PlanShape
): Promise<FirstScreen> {
	const collab = collabHooks();
	return (
		(await collab?.firstScreen(planId, shape, false)) ??
		(await keptFirstScreen(db, planId, shape)) ??
		(await collab?.firstScreen(planId, shape, true)) ??
		firstScreenOf(shape, await loadStepValues(db, planId, shape.periods))
	);
}
