/**
 * Servers the benches start as child processes: the production server (`npm start`'s entry;
 * `npm run build` first) and any other Node script, each stopped with SIGTERM as a user stops it.
 */
import { spawn } from 'node:child_process';
import { ALLOCATOR_ENV } from '../src/lib/server/allocator-env.ts';

export interface ServerProcess {
	pid: number;
	stop(): Promise<void>;
}

/**
 * Node running `args` with `env` added to this process's, ready once its output says `readyText`.
 * BENCH_SERVER_PROF=<dir> writes a CPU profile of each of its threads there.
 */
export async function startNode(
	args: string[],
	env: NodeJS.ProcessEnv,
	readyText: string
): Promise<ServerProcess> {
	const prof = process.env.BENCH_SERVER_PROF;
	const profile = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
	const child = spawn(process.execPath, [...profile, ...args], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	// The server's own messages, without the inspector's notice of each collection's session.
	child.stderr!.on('data', (chunk: Buffer) => {
		const text = chunk.toString().replace(/^Debugger attached\.\n/gm, '');
		if (text) process.stderr.write(text);
	});
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`${args.at(-1)} exited with ${code}`)));
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes(readyText)) resolve();
		});
	});
	return {
		pid: child.pid!,
		stop: () =>
			new Promise((resolve) => {
				// Stopped already (twice is harmless, as after a bench failed between two servers).
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/**
 * Node's (and V8's) flags for the production server only, space-separated: a runtime setting is
 * measured against the same build with and without it (`--no-memory-reducer`, …).
 */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** The production server on `port`, with `env` added and `nodeArgs` given to Node. */
export function spawnServer(
	port: number,
	env: NodeJS.ProcessEnv,
	nodeArgs: string[] = []
): Promise<ServerProcess> {
	return startNode(
		[...SERVER_NODE_ARGS, ...nodeArgs, 'build/concord/index.mjs'],
		{ ...ALLOCATOR_ENV, PORT: String(port), ...env },
		'Concord is running'
	);
}
