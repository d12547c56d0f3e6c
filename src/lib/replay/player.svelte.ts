import { PlanFigures, type PlanShape } from '$lib/domain/plan-figures';
import { ReplayCursor } from '$lib/domain/replay/cursor';
import type { Speed } from '$lib/domain/replay/timeline';
import { ReplayValues } from '$lib/domain/replay/values';
import type { ReplayWindow } from '$lib/domain/replay/window';

/**
 * Plays a replay window in the browser: the moment shown, play and pause at a speed, steps from
 * edit to edit. The figures are the board's, read from the replay's values; `position` (edits
 * applied) changes whenever they do, so what shows figures redraws after each move.
 */
export class ReplayPlayer {
	readonly cursor: ReplayCursor;
	readonly figures: PlanFigures;
	readonly start: number;
	readonly end: number;
	time = $state(0);
	position = $state(0);
	playing = $state(false);
	/** The cell key of the edit at the cursor, null at the window's start. */
	readonly currentCell = $derived.by(() => {
		void this.position;
		return this.cursor.currentCell();
	});
	speed = $state<Speed>(10);
	private frame = 0;
	private seeking = 0;
	private last = 0;

	constructor(
		readonly window: ReplayWindow,
		shape: PlanShape
	) {
		const values = new ReplayValues(shape.periods.length, window.rows);
		this.cursor = new ReplayCursor(
			values,
			window.cells,
			window.edits,
			shape.periods,
			window.people.length
		);
		this.figures = new PlanFigures(shape, values.reader);
		this.start = Date.parse(window.from);
		this.end = Date.parse(window.end);
		this.time = this.end;
		this.position = this.cursor.position;
	}

	/**
	 * Shows the plan as it was at `ms` (clamped to the window). A slider dragged fires more often
	 * than the screen draws: the moment follows at once, the plan (and its figures) once a frame.
	 */
	seek(ms: number): void {
		this.time = this.clamp(ms);
		this.seeking ||= requestAnimationFrame(() => {
			this.seeking = 0;
			this.move(this.cursor.positionAt(this.time));
		});
	}

	/** Moves one edit forwards (1) or backwards (-1), to the moment it was made. */
	step(direction: 1 | -1): void {
		this.pause();
		this.move(this.position + direction);
		const p = this.position;
		this.time = p > 0 ? this.cursor.timeOf(p - 1) : this.start;
	}

	play(): void {
		if (this.playing) return;
		if (this.time >= this.end) this.time = this.start;
		this.playing = true;
		this.last = performance.now();
		this.frame = requestAnimationFrame(this.tick);
	}

	pause(): void {
		this.playing = false;
		cancelAnimationFrame(this.frame);
	}

	destroy(): void {
		this.pause();
		cancelAnimationFrame(this.seeking);
	}

	private readonly tick = (now: number) => {
		if (!this.playing) return;
		this.time = this.clamp(this.time + (now - this.last) * this.speed);
		this.move(this.cursor.positionAt(this.time));
		this.last = now;
		if (this.time >= this.end) this.pause();
		else this.frame = requestAnimationFrame(this.tick);
	};

	private clamp(ms: number): number {
		return Math.max(this.start, Math.min(this.end, ms));
	}

	private move(position: number): void {
		const owners = this.cursor.moveTo(position);
		if (owners.size) this.figures.invalidate(owners);
		this.position = this.cursor.position;
	}
}
