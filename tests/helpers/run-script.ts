import { execFile } from 'node:child_process';

/** How a child process ended, and what it wrote. */
export interface ScriptRun {
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * Runs a TypeScript file of this repository in a child Node process (`node --import tsx`), as a
 * person or a process manager would start it; killed after `timeoutMs` if given.
 */
export function runScript(script: string, args: string[], timeoutMs = 0): Promise<ScriptRun> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', script, ...args],
			{ timeout: timeoutMs },
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
		);
	});
}
