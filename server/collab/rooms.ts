import { stepDocument, type DocumentRef } from '../../src/lib/domain/documents.ts';
import type { StepNumber } from '../../src/lib/domain/roles.ts';
import type { Connection } from './connection.ts';
import { Room, type RoomOptions } from './room.ts';

/** The documents in memory, by name: loads on first join, unloads when idle. */
export class Rooms {
	private readonly rooms = new Map<string, Room>();
	private readonly roomOf = new Map<Connection, Room>();

	constructor(
		private readonly options: Omit<RoomOptions, 'onIdle'>,
		/** Runs before an idle document unloads, while it is still in memory and serving. */
		private readonly beforeUnload: (room: Room) => Promise<void> = async () => {}
	) {}

	get size(): number {
		return this.rooms.size;
	}

	values(): Room[] {
		return [...this.rooms.values()];
	}

	/** A loaded document by name, if it is in memory and serving. */
	named(name: string): Room | undefined {
		const room = this.rooms.get(name);
		return room?.state === 'ready' ? room : undefined;
	}

	/** The plan's documents in memory, in whatever state. */
	ofPlan(planId: string): Room[] {
		return this.values().filter((room) => room.ref.planId === planId);
	}

	/** Drops the plan's documents without writing (another process owns it now); see Room.discard. */
	discardPlan(planId: string, reason: string): void {
		for (const room of this.ofPlan(planId)) {
			room.discard(reason);
			this.forget(room);
		}
	}

	get(conn: Connection): Room | undefined {
		return this.roomOf.get(conn);
	}

	/** Puts the connection in its document's room, loading the document first if needed. */
	async join(conn: Connection): Promise<void> {
		const { name, ref } = conn.identity;
		const room = await this.acquire(name, ref, () => conn.open);
		if (!room) return;
		this.enter(room, conn);
		if (!(await room.load())) this.forget(room);
	}

	/** The document's room, loaded and serving, with or without connections (server-side writes). */
	async open(name: string, ref: DocumentRef): Promise<Room> {
		const room = (await this.acquire(name, ref, () => true))!;
		if (!(await room.load())) {
			this.forget(room);
			throw new Error(`${name} could not be loaded`);
		}
		return room;
	}

	/** A plan's step document, loaded and serving (see `open`). */
	openStep(planId: string, step: StepNumber): Promise<Room> {
		return this.open(stepDocument(planId, step), { kind: 'step', planId, step });
	}

	/** The room in memory for `name`, or a new one; waits out an unload in progress. */
	private async acquire(
		name: string,
		ref: DocumentRef,
		wanted: () => boolean
	): Promise<Room | undefined> {
		for (;;) {
			if (!wanted()) return undefined;
			const room = this.rooms.get(name);
			if (room?.state === 'closing') {
				// A document being unloaded is reloaded after its last edits are in Postgres.
				await room.settled();
				continue;
			}
			if (room && (room.state === 'ready' || room.state === 'loading')) return room;
			const created = new Room(name, ref, { ...this.options, onIdle: (r) => void this.unload(r) });
			this.rooms.set(name, created);
			return created;
		}
	}

	private enter(room: Room, conn: Connection): void {
		room.add(conn);
		this.roomOf.set(conn, room);
	}

	leave(conn: Connection): void {
		this.roomOf.get(conn)?.remove(conn);
		this.roomOf.delete(conn);
	}

	private async unload(room: Room): Promise<void> {
		await this.beforeUnload(room);
		if (await room.unload()) this.forget(room);
	}

	private forget(room: Room): void {
		if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
		for (const [conn, r] of this.roomOf) if (r === room) this.roomOf.delete(conn);
	}

	/** Flushes, compacts and frees every room; call after closing the connections. */
	async closeAll(): Promise<void> {
		const rooms = this.values();
		await Promise.all(rooms.map((room) => room.shutdown()));
		for (const room of rooms) this.forget(room);
	}
}
