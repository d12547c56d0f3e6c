import type { Connection } from './connection.ts';
import { Room, type RoomOptions } from './room.ts';

/** The documents in memory, by name: loads on first join, unloads when idle. */
export class Rooms {
	private readonly rooms = new Map<string, Room>();
	private readonly roomOf = new Map<Connection, Room>();

	constructor(private readonly options: Omit<RoomOptions, 'onIdle'>) {}

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

	get(conn: Connection): Room | undefined {
		return this.roomOf.get(conn);
	}

	/** Puts the connection in its document's room, loading the document first if needed. */
	async join(conn: Connection): Promise<void> {
		const { name, ref } = conn.identity;
		for (;;) {
			if (!conn.open) return;
			const room = this.rooms.get(name);
			if (room?.state === 'closing') {
				// A document being unloaded is reloaded after its last edits are in Postgres.
				await room.settled();
				continue;
			}
			if (room && (room.state === 'ready' || room.state === 'loading')) {
				this.enter(room, conn);
				return;
			}
			const created = new Room(name, ref, { ...this.options, onIdle: (r) => void this.unload(r) });
			this.rooms.set(name, created);
			this.enter(created, conn);
			if (!(await created.load())) this.forget(created);
			return;
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
