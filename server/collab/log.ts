/** Where the collaboration server reports; tests pass their own to assert on it. */
export interface CollabLogger {
	debug(message: string): void;
	info(message: string): void;
	warn(message: string): void;
	error(message: string, error?: unknown): void;
}

const PREFIX = '[collab]';

/** Debug lines only with CONCORD_DEBUG containing "collab": dropped edits are routine, not news. */
export function consoleLogger(env: NodeJS.ProcessEnv = process.env): CollabLogger {
	const debug = /\bcollab\b|\*/.test(env.CONCORD_DEBUG ?? '');
	return {
		debug: debug ? (m) => console.debug(PREFIX, m) : () => {},
		info: (m) => console.info(PREFIX, m),
		warn: (m) => console.warn(PREFIX, m),
		error: (m, e) => (e === undefined ? console.error(PREFIX, m) : console.error(PREFIX, m, e))
	};
}
