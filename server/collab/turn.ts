import type { Duplex } from 'node:stream';

/**
 * What the collaboration server sends in one turn of the event loop goes out together, at its
 * end: a relay sends each edit to every other client, and under load one turn handles several
 * edits. Rooms send a turn's first edit on at once and merge the rest into one message per client
 * (`atTurnEnd`), and each socket's messages of the turn reach the kernel in one writev
 * (`corkForThisTurn`).
 */
const tasks: (() => void)[] = [];
const corked: Duplex[] = [];
let scheduled = false;

/** Runs `task` once every socket read of this turn has been handled. */
export function atTurnEnd(task: () => void): void {
	tasks.push(task);
	schedule();
}

/** Holds the socket's writes until the end of this turn. */
export function corkForThisTurn(socket: Duplex): void {
	// Only this module leaves a socket corked past a call (a relay reaches every socket of a plan).
	if (socket.writableCorked > 0) return;
	socket.cork();
	corked.push(socket);
	schedule();
}

function schedule(): void {
	if (scheduled) return;
	scheduled = true;
	// setImmediate runs after the poll phase: every socket that was readable has been read.
	setImmediate(endTurn);
}

function endTurn(): void {
	scheduled = false;
	try {
		// A task may send (corking more sockets) or queue another task: both belong to this turn.
		for (let i = 0; i < tasks.length; i++) tasks[i]();
	} finally {
		tasks.length = 0;
		for (const socket of corked) socket.uncork();
		corked.length = 0;
	}
}
