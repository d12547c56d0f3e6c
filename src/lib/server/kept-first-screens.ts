/**
 * Plans' first screens kept in Postgres when their documents leave memory: a server started later
 * serves one at once, as long as nothing it was computed from has changed, where computing it
 * would first load every step document of the plan (about a second for 2,000 items).
 */
import { createHash } from 'node:crypto';
import { parse, stringify } from 'devalue';
import { stepDocument, STEPS_WITH_CELLS } from '../domain/documents.ts';
import type { FirstScreen } from '../domain/first-screen.ts';
import type { PlanShape } from '../domain/plan-figures.ts';
import type { Queryable } from './db/index.ts';

/**
 * What a first screen shows follows from the plan's rows and months (an item moved to another
 * family changes two families' totals and no document) and from its step documents, which change
 * only with a new row in their log: the last row of each says how far it went.
 */
function stampOf(shape: PlanShape, heads: readonly number[]): string {
	const hash = createHash('sha256');
	for (const family of shape.families) hash.update(`f ${family.id}\n`);
	for (const item of shape.items) hash.update(`i ${item.id} ${item.family_id}\n`);
	for (const period of shape.periods) hash.update(`p ${period}\n`);
	return `${hash.digest('base64url')} ${heads.join(' ')}`;
}

/**
 * The last log row of each step document, in STEPS_WITH_CELLS order (0: none). A compaction
 * folds rows into the snapshot and keeps the last one's id with it, so it moves nothing here.
 */
async function logHeads(db: Queryable, planId: string): Promise<number[]> {
	const names = STEPS_WITH_CELLS.map((step) => stepDocument(planId, step));
	const rows = await db.query<{ doc: string; head: string | number }>(
		`select d.doc, greatest(
			coalesce((select last_update_id from yjs_snapshots s where s.doc = d.doc), 0),
			coalesce((select max(id) from yjs_updates u where u.doc = d.doc), 0)
		 ) as head
		 from unnest($1::text[]) as d(doc)`,
		[names]
	);
	const heads = new Map(rows.map((row) => [row.doc, Number(row.head)]));
	return names.map((name) => heads.get(name) ?? 0);
}

/**
 * Keeps the plan's first screen, computed from its step documents holding everything up to the
 * given log rows (`heads`, in STEPS_WITH_CELLS order) and nothing more.
 */
export async function keepFirstScreen(
	db: Queryable,
	planId: string,
	shape: PlanShape,
	heads: readonly number[],
	screen: FirstScreen
): Promise<void> {
	await db.query(
		`insert into kept_first_screens (plan_id, stamp, screen) values ($1, $2, $3)
		 on conflict (plan_id) do update set stamp = excluded.stamp, screen = excluded.screen`,
		[planId, stampOf(shape, heads), stringify(screen)]
	);
}

/** The plan's kept first screen, if it shows the plan as it is saved now; else null. */
export async function keptFirstScreen(
	db: Queryable,
	planId: string,
	shape: PlanShape
): Promise<FirstScreen | null> {
	const [[kept], heads] = await Promise.all([
		db.query<{ stamp: string; screen: string }>(
			`select stamp, screen from kept_first_screens where plan_id = $1`,
			[planId]
		),
		logHeads(db, planId)
	]);
	return kept?.stamp === stampOf(shape, heads) ? (parse(kept.screen) as FirstScreen) : null;
}
