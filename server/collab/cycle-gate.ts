import { readCycleFlags, withdrawAfterEdit } from '../../src/lib/server/cycle.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import type { DocumentRef } from '../../src/lib/domain/documents.ts';
import type { StepNumber } from '../../src/lib/domain/roles.ts';
import type { CollabLogger } from './log.ts';
import type { Room } from './room.ts';

interface PlanFlags {
	locked: Set<StepNumber>;
	/** Steps with sign-offs that the next edit withdraws. */
	signed: Set<StepNumber>;
}

export interface CycleGateDeps {
	db: () => Promise<Db>;
	log: CollabLogger;
	/** The plan's loaded step rooms. */
	stepRooms(planId: string): Room[];
	/** The plan's browsers should fetch its cycle state again. */
	changed(planId: string): void;
}

/**
 * The collaboration server's view of each plan's cycle: which steps are locked (their writes are
 * refused) and which have sign-offs (the next edit withdraws them). Every change to that state,
 * and every read of it from Postgres, runs in one queue per plan, and while a change runs the
 * plan's step rooms hold incoming edits, so no edit slips between a sign-off and its lock.
 */
export class CycleGate {
	private readonly plans = new Map<string, PlanFlags>();
	private readonly queues = new Map<string, Promise<unknown>>();

	constructor(private readonly deps: CycleGateDeps) {}

	/** Loads the plan's flags before its first room serves anyone. */
	prepare(planId: string): Promise<void> {
		if (this.plans.has(planId)) return Promise.resolve();
		return this.serial(planId, async () => {
			if (!this.plans.has(planId)) await this.reload(planId);
		});
	}

	/** Forgets the plan's flags: another process may have changed them (read again by `prepare`). */
	forget(planId: string): void {
		this.plans.delete(planId);
	}

	isLocked(ref: DocumentRef): boolean {
		return ref.kind === 'step' && (this.plans.get(ref.planId)?.locked.has(ref.step) ?? false);
	}

	/** A step document changed by a client's edit: any sign-offs it had no longer stand. */
	edited(ref: DocumentRef, userId: string): void {
		if (ref.kind !== 'step') return;
		const flags = this.plans.get(ref.planId);
		if (!flags?.signed.delete(ref.step)) return;
		void this.serial(ref.planId, async () => {
			if (await withdrawAfterEdit(await this.deps.db(), ref.planId, ref.step, userId)) {
				this.deps.changed(ref.planId);
			}
		}).catch((error: unknown) => {
			this.deps.log.error(`plan ${ref.planId}: could not withdraw sign-offs`, error);
			void this.serial(ref.planId, () => this.reload(ref.planId));
		});
	}

	/** Runs a cycle change with the plan's edits saved first and held until its new flags apply. */
	change<T>(planId: string, fn: () => Promise<T>): Promise<T> {
		return this.serial(planId, async () => {
			const rooms = this.deps.stepRooms(planId);
			for (const room of rooms) room.hold();
			try {
				await Promise.all(rooms.map((room) => room.flush()));
				return await fn();
			} finally {
				try {
					await this.reload(planId);
				} finally {
					for (const room of rooms) room.release();
					this.deps.changed(planId);
				}
			}
		});
	}

	/**
	 * Runs work that must see the plan's cycle as it stands, in order with cycle changes (a server-side
	 * write waits for a sign-off in progress and is then judged by its outcome).
	 */
	async run<T>(planId: string, fn: () => Promise<T>): Promise<T> {
		await this.prepare(planId);
		return this.serial(planId, fn);
	}

	private async reload(planId: string): Promise<void> {
		const { locked, signed } = await readCycleFlags(await this.deps.db(), planId);
		this.plans.set(planId, { locked: new Set(locked), signed: new Set(signed) });
	}

	private serial<T>(planId: string, fn: () => Promise<T>): Promise<T> {
		const run = (this.queues.get(planId) ?? Promise.resolve()).then(fn);
		const tail = run.catch(() => {});
		this.queues.set(planId, tail);
		void tail.then(() => {
			if (this.queues.get(planId) === tail) this.queues.delete(planId);
		});
		return run;
	}
}
