/**
 * Lets the event loop take a turn (timers, sockets) before the caller goes on. Awaiting one
 * query of the embedded database after another does not: its answers resolve as microtasks, so
 * a long series of them would hold the collaboration server's relay for its whole length.
 */
export function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
