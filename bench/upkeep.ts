/**
 * The embedded database's upkeep (src/lib/server/db/embedded-upkeep.ts), which does autovacuum's
 * work for PGlite: a step document typed into and compacted again and again, as the server does it
 * (20 edits a beat, each an update and a cell history row; every 500 updates the log is folded
 * away), once without upkeep and once with a round after each compaction. Prints how the update
 * log's files grow, and how long each round held the database (its other queries wait meanwhile).
 *
 *   node --import tsx bench/upkeep.ts
 */
import { upkeepRound } from '../src/lib/server/db/embedded-upkeep.ts';
import { appendDocuments } from '../src/lib/server/yjs-log.ts';
import { seedLoadPlan } from './load-plan.ts';
import { benchDb, median, ms, pct } from './measure.ts';
import { textTable } from './text-table.ts';
import { typist } from './typed-edits.ts';

const COMPACTIONS = 40;
const UPDATES_PER_COMPACTION = 500;
const PER_BEAT = 20;

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KB`;

async function typeAndCompact(withUpkeep: boolean) {
	const { db, dispose } = await benchDb();
	const plan = await seedLoadPlan(db, 1, false);
	const edit = typist(plan.loadKeys);
	const sizes = async () =>
		(
			await db.query<{ log: number; history: number }>(
				`select pg_total_relation_size('yjs_updates')::float8 as log,
				        pg_total_relation_size('cell_edits')::float8 as history`
			)
		)[0];
	const rounds: number[] = [];
	const checkpoints: { compactions: number; log: number; history: number }[] = [];
	try {
		for (let compaction = 1; compaction <= COMPACTIONS; compaction++) {
			let lastId = 0;
			for (let n = 0; n < UPDATES_PER_COMPACTION; n += PER_BEAT) {
				const updates = Array.from({ length: PER_BEAT }, () => edit(null));
				const [outcome] = await appendDocuments(db, [{ name: plan.loadDoc, updates }]);
				if (outcome instanceof Error) throw outcome;
				lastId = outcome;
			}
			await db.query(`delete from yjs_updates where doc = $1 and id <= $2`, [plan.loadDoc, lastId]);
			if (withUpkeep) {
				const started = performance.now();
				await upkeepRound(db);
				rounds.push(performance.now() - started);
			}
			if ([1, 10, 20, COMPACTIONS].includes(compaction)) {
				checkpoints.push({ compactions: compaction, ...(await sizes()) });
			}
		}
	} finally {
		await dispose();
	}
	return { checkpoints, rounds };
}

const without = await typeAndCompact(false);
const withUpkeep = await typeAndCompact(true);

console.log(
	`\nA step document typed into (${PER_BEAT} edits a beat) and compacted every ${UPDATES_PER_COMPACTION} updates, on PGlite (worker thread): the update log's and the cell history's files`
);
console.log(
	textTable(
		['compactions', 'log, no upkeep', 'log, upkeep', 'history, no upkeep', 'history, upkeep'],
		without.checkpoints.map((w, i) => {
			const u = withUpkeep.checkpoints[i];
			return [String(w.compactions), kb(w.log), kb(u.log), kb(w.history), kb(u.history)];
		})
	)
);
const { rounds } = withUpkeep;
console.log(
	`upkeep round (one after each compaction, ${rounds.length} rounds): median ${ms(median(rounds))}, p90 ${ms(pct(rounds, 90))}, longest ${ms(Math.max(...rounds))}`
);
