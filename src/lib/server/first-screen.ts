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
 * The plan's first screen, from its live documents where this process serves them (the browser
 * asking opens them next, so they are loaded, not read twice), else from the saved ones; null
 * when it cannot be read.
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
	const live = await collabHooks()?.firstScreen(planId, shape);
	return live ?? firstScreenOf(shape, await loadStepValues(db, planId, shape.periods));
}
