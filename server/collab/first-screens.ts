import type { FirstScreen } from '../../src/lib/domain/first-screen.ts';
import type { PlanShape } from '../../src/lib/domain/plan-figures.ts';
import type { StepNumber } from '../../src/lib/domain/roles.ts';
import { firstScreenOf } from '../../src/lib/server/first-screen.ts';
import { StepValues } from '../../src/lib/sync/step-values.ts';
import type { Room } from './room.ts';

/**
 * Plans' first screens from their step documents in memory. A plan unchanged since its last one
 * gets the same again: asking over and over costs what opening the board does, not a pass over
 * every item of the plan each time.
 */
export class FirstScreens {
	/** By the plan's first step room: a room unloaded takes its plan's screen with it. */
	private readonly last = new WeakMap<Room, { stamp: string; screen: FirstScreen }>();

	of(shape: PlanShape, steps: readonly [StepNumber, Room][]): FirstScreen {
		const stamp = [
			shape.families.length,
			shape.items.length,
			...steps.map(([, room]) => room.revision)
		].join(' ');
		const key = steps[0][1];
		const last = this.last.get(key);
		if (last?.stamp === stamp) return last.screen;
		const periodIndex = new Map(shape.periods.map((p, i) => [p, i]));
		const values = new Map(
			steps.map(([step, room]) => [step, new StepValues(room.doc, periodIndex)])
		);
		const screen = firstScreenOf(shape, values);
		this.last.set(key, { stamp, screen });
		return screen;
	}
}
