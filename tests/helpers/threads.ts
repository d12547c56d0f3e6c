import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadInfo {
	tid: number;
	/** As `top -H` and `ps -L` show it. */
	name: string;
	/** The thread's nice value: higher runs later when the cores are busy. */
	nice: number;
}

/** This process's threads, read from /proc. */
export function threadsOfThisProcess(): ThreadInfo[] {
	return readdirSync('/proc/self/task').map((tid) => {
		// The name is in parentheses and may hold spaces: the fields are counted after it.
		const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return {
			tid: Number(tid),
			name: readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(),
			nice: Number(fields[16])
		};
	});
}
