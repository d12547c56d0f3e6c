/**
 * What Linux's /proc says of a process the bench started: read from outside, so the production
 * server runs as users run it, with nothing of the bench inside it.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time the process has used so far, threads included (ended ones too), in ms. */
export function cpuOf(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime, in clock ticks of 10 ms.
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time of the process's main thread, its event loop, in ms (schedstat counts nanoseconds). */
export function mainThreadCpuOf(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8');
	return Number(stat.split(' ')[0]) / 1e6;
}

/** A reading of the process's live threads: by thread ID, its name and CPU time so far in ms. */
export type ThreadTimes = Map<string, { name: string; ms: number }>;

export function threadTimesOf(pid: number): ThreadTimes {
	const times: ThreadTimes = new Map();
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		try {
			const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
			const nanos = Number(
				readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]
			);
			times.set(tid, { name, ms: nanos / 1e6 });
		} catch {
			continue; // it ended between the listing and the read
		}
	}
	return times;
}

/**
 * CPU time of the process's live threads by name (the server names its workers: thread-name.ts),
 * in ms; threads of one name are added together. A thread that ended is not counted.
 */
export function threadCpuOf(pid: number): Map<string, number> {
	const byName = new Map<string, number>();
	for (const { name, ms } of threadTimesOf(pid).values()) {
		byName.set(name, (byName.get(name) ?? 0) + ms);
	}
	return byName;
}

/**
 * CPU time of the threads named `name` between two readings, in ms: a thread that started
 * between them counts whole, and one that ended is left out, as its time since the first reading
 * cannot be read (the process's total, `cpuOf`, still has it).
 */
export function threadCpuBetween(before: ThreadTimes, after: ThreadTimes, name: string): number {
	let ms = 0;
	for (const [tid, thread] of after) {
		if (thread.name === name) ms += thread.ms - (before.get(tid)?.ms ?? 0);
	}
	return ms;
}

/** Whether a thread named `name` ended between two readings. */
export function threadEnded(before: ThreadTimes, after: ThreadTimes, name: string): boolean {
	return [...before].some(([tid, thread]) => thread.name === name && !after.has(tid));
}

/** Resident memory of a process, threads included (the embedded database runs in a worker). */
export function rssOf(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
	if (!line) throw new Error(`no VmRSS for ${pid}`);
	return Number(line[1]) * 1024;
}
