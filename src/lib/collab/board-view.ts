import type { FirstScreen } from '../domain/first-screen.ts';
import { PlanFigures, type PlanShape } from '../domain/plan-figures.ts';
import type { PlanConnection } from './plan-connection.svelte.ts';

/**
 * What the board draws the grid and KPIs from: in the browser the live plan, on the server the
 * plan as its first screen has it.
 */
export type BoardView = Pick<
	PlanConnection,
	| 'figures'
	| 'loaded'
	| 'savedKpis'
	| 'participants'
	| 'clientId'
	| 'canUndo'
	| 'canRedo'
	| 'value'
	| 'scenarioChange'
	| 'select'
	| 'write'
	| 'undo'
	| 'redo'
>;

const inert = () => {
	throw new Error('The plan is not open in this page yet: its scripts open it.');
};

/**
 * The plan as the server renders it into the page: its first screen's figures and KPIs, nobody
 * present and nothing to undo. The page's scripts replace it with the live plan before anyone can
 * select or type, so its edits are never called.
 */
export function savedPlanView(shape: PlanShape, screen: FirstScreen): BoardView {
	const figures = new PlanFigures(shape, inert, () => false);
	figures.showSaved(screen.figures);
	return {
		figures,
		loaded: false,
		savedKpis: screen.kpis,
		participants: [],
		clientId: 0,
		canUndo: false,
		canRedo: false,
		value: () => undefined,
		scenarioChange: () => null,
		select: inert,
		write: inert,
		undo: inert,
		redo: inert
	};
}
