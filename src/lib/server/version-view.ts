/**
 * Reading approved versions for their page and their CSV export. A version of a large plan is
 * megabytes of JSON; its page gets only the slice it shows (the plan and family totals, and the
 * items of at most one family), so the rest never travels to the browser.
 */
import { error } from '@sveltejs/kit';
import { targetLabel } from '../domain/comments.ts';
import { rowNames } from '../domain/cell-label.ts';
import type { VersionSummary } from '../domain/cycle.ts';
import {
	parseVersionNumber,
	sliceVersion,
	type VersionSlice,
	type VersionThread
} from '../domain/version-table.ts';
import type { Queryable } from './db/index.ts';
import { getVersion, type VersionContent } from './plan-versions.ts';

export type VersionView = VersionSummary &
	VersionSlice<VersionContent['plan']> & { comments: VersionThread[] };

/**
 * Version `number` of a plan for its page (see `sliceVersion`): the plan total and every family's
 * rows, and the items and item rows of family `familyId` ('' for none). Null when the plan has no
 * such version. The content is stored as json text and read whole: parsing it here is cheaper than
 * having Postgres take it apart.
 */
export async function getVersionView(
	db: Queryable,
	planId: string,
	number: number,
	familyId: string
): Promise<VersionView | null> {
	const version = await getVersion(db, planId, number);
	if (!version) return null;
	const { content, ...summary } = version;
	const names = rowNames(content.families, content.items, { markFamilies: true });
	const comments = content.comments.map((thread) => ({
		label: targetLabel(thread, names[thread.ownerId] ?? 'a removed row'),
		thread
	}));
	return { ...summary, ...sliceVersion(content, familyId), comments };
}

/** The version number in a route's parameter, or a 404 saying there is no such version. */
export function versionNumberOr404(raw: string): number {
	const number = parseVersionNumber(raw);
	if (number === null) notFoundVersion(raw);
	return number;
}

/** The 404 for a version the plan does not have. */
export function notFoundVersion(raw: string | number): never {
	error(404, { message: `No approved version ${String(raw).slice(0, 40)} of this plan` });
}
